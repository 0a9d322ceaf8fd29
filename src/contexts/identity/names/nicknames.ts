import { readFileSync } from 'node:fs';
import { invalid } from '../../../platform/errors.ts';
import { normaliseName } from './normalise.ts';

/**
 * Nickname groups: each group is a formal given name and its familiar forms (WILLIAM, BILL, WILL, BILLY).
 * Two names are nickname-equivalent when some group holds both, so BILL and WILL (both forms of WILLIAM)
 * are equivalent, while BILL and BOB are not.
 */
export class NicknameIndex {
  readonly #groupsByName = new Map<string, Set<number>>();
  readonly #groups: string[][] = [];

  /** Builds an index from groups of names; names are normalised with {@link normaliseName}. */
  constructor(groups: Iterable<readonly string[]>) {
    for (const group of groups) {
      this.#addGroup(group);
    }
  }

  #addGroup(group: readonly string[]): void {
    const names = [...new Set(group.map(normaliseName).filter((n) => n !== ''))];
    if (names.length < 2) {
      return;
    }
    const id = this.#groups.length;
    this.#groups.push(names);
    for (const name of names) {
      const ids = this.#groupsByName.get(name) ?? new Set<number>();
      ids.add(id);
      this.#groupsByName.set(name, ids);
    }
  }

  /** Number of groups held. */
  get size(): number {
    return this.#groups.length;
  }

  /** A new index holding the groups of both indexes. */
  merge(other: NicknameIndex): NicknameIndex {
    return new NicknameIndex([...this.#groups, ...other.#groups]);
  }

  /** Every name that shares a group with `name` (the name itself excluded), sorted. */
  variantsOf(name: string): string[] {
    const key = normaliseName(name);
    const out = new Set<string>();
    for (const id of this.#groupsByName.get(key) ?? []) {
      for (const n of this.#groups[id] ?? []) {
        if (n !== key) {
          out.add(n);
        }
      }
    }
    return [...out].sort();
  }

  /**
   * The group that makes `a` and `b` equivalent, or `undefined` when none does. Identical names are not
   * reported here: equality is a stronger result that callers check first.
   */
  sharedGroup(a: string, b: string): readonly string[] | undefined {
    const ka = normaliseName(a);
    const kb = normaliseName(b);
    if (ka === kb) {
      return undefined;
    }
    const idsB = this.#groupsByName.get(kb);
    for (const id of this.#groupsByName.get(ka) ?? []) {
      if (idsB?.has(id) === true) {
        return this.#groups[id];
      }
    }
    return undefined;
  }
}

/**
 * Parses nickname triples `name1,relationship,name2` (one per line, optional header row
 * `name1,relationship,name2`, `#` comments allowed). Every `has_nickname` row joins name2 to the group of
 * name1. Rows with another relationship are ignored; malformed rows are reported with their line number.
 *
 * @throws AppError `IDENTITY_NICKNAMES_BAD_ROW` when a row does not have three fields.
 */
export function parseNicknameCsv(text: string): NicknameIndex {
  const groups = new Map<string, string[]>();
  const lines = text.split(/\r?\n/u);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || /^name1\s*,/iu.test(line)) {
      return;
    }
    const fields = line.split(',').map((f) => f.trim());
    const [formal, relationship, nickname] = fields;
    if (fields.length !== 3 || !formal || !relationship || !nickname) {
      throw invalid(
        'IDENTITY_NICKNAMES_BAD_ROW',
        `Nickname list line ${index + 1} must be "name,has_nickname,nickname"; got "${line}".`,
        { line: index + 1 },
      );
    }
    if (relationship.toLowerCase() !== 'has_nickname') {
      return;
    }
    const key = normaliseName(formal);
    const group = groups.get(key) ?? [formal];
    group.push(nickname);
    groups.set(key, group);
  });
  return new NicknameIndex(groups.values());
}

/** Reads and parses a nickname file in the {@link parseNicknameCsv} format. */
export function loadNicknameFile(path: string | URL): NicknameIndex {
  return parseNicknameCsv(readFileSync(path, 'utf8'));
}

let builtIn: NicknameIndex | undefined;

/**
 * The nickname groups shipped with Interlink (`data/nicknames.csv`): common English, French, German,
 * Spanish, Italian and Slavic familiar forms, compiled by the project. Loaded once, on first use.
 */
export function defaultNicknames(): NicknameIndex {
  builtIn ??= loadNicknameFile(new URL('./data/nicknames.csv', import.meta.url));
  return builtIn;
}
