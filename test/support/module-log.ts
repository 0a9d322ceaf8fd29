// Preloaded with `node --import` by tests that check what a process imports: appends the URL of every module
// it loads, one a line, to the file named by INTERLINK_MODULE_LOG when the process exits.
import { appendFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const file = process.env.INTERLINK_MODULE_LOG;
if (file !== undefined && file !== '') {
  const loaded: string[] = [];
  registerHooks({
    load(url, context, nextLoad) {
      loaded.push(url);
      return nextLoad(url, context);
    },
  });
  process.on('exit', () => appendFileSync(file, loaded.map((u) => `${u}\n`).join('')));
}
