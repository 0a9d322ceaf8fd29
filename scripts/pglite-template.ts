// Run by `npm install` (`prepare`): makes the pristine PGlite cluster that a first start unpacks instead of
// running initdb (src/platform/database/pglite-template.ts).
import { makePgliteTemplate } from '../src/platform/database/pglite-template.ts';

process.stderr.write(`PGlite template: ${await makePgliteTemplate()}\n`);
