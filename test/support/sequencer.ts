import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The kinds of file that take longest, longest first: a browser walk, a demo world or a server killed and restarted takes
 * minutes, a database file a minute, a unit file seconds.
 */
function rank(file: string): number {
  if (
    file.startsWith('test/e2e/') ||
    file.startsWith('test/reliability/') ||
    file.startsWith('src/flows/demo/')
  ) {
    return 0;
  }
  if (file.endsWith('.db.test.ts') || file.startsWith('test/http/') || file.startsWith('test/web/')) {
    return 1;
  }
  return 2;
}

/**
 * Starts the longest files first, so that two workers end together instead of one running a long file alone at
 * the end. Vitest orders by the durations it recorded in an earlier run; on a fresh clone (CI) it has none and
 * orders by file size, which says little about time: then the kind of file decides, size only within a kind.
 */
export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    const key = (f: TestSpecification) => `${f.project.name}:${path.relative(root, f.moduleId)}`;
    if (sorted.every((f) => this.ctx.cache.getFileTestResults(key(f)) !== undefined)) {
      return sorted;
    }
    const position = new Map(sorted.map((f, i) => [f, i]));
    const kind = (f: TestSpecification) => rank(path.relative(root, f.moduleId).split(path.sep).join('/'));
    return [...sorted].sort((a, b) => kind(a) - kind(b) || position.get(a)! - position.get(b)!);
  }
}
