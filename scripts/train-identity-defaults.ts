/**
 * Writes the identity index's shipped default parameters (src/contexts/matching/live/default-parameters.json):
 * m, u, λ and the conditional sessions' prior and u of the default identity configuration, trained without
 * labels (`trainOnRecords`, the same training the index runs on its own identities) on identities of the
 * seeded generator, hard negatives included (namesakes, twins, parents and children, siblings), so that the
 * defaults have seen people who share a name.
 *
 *   node scripts/train-identity-defaults.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { generateIdentityStream } from '../src/contexts/identity/index.ts';
import {
  IdentityIndex,
  IndexKeys,
  compileModel,
  identityConfig,
  identityFromGenerated,
  trainOnRecords,
  defaultParameters,
} from '../src/contexts/matching/index.ts';

const COUNT = 50_000;
const SEED = 'identity-index-defaults';
const HARD_NEGATIVE_RATE = 0.3;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, 'src', 'contexts', 'matching', 'live', 'default-parameters.json');

const model = compileModel(identityConfig());
const index = new IdentityIndex(model, new IndexKeys(model), defaultParameters(model));
for (const g of generateIdentityStream({ count: COUNT, seed: SEED, hardNegativeRate: HARD_NEGATIVE_RATE })) {
  index.put(identityFromGenerated('generated', g));
}
const stored = trainOnRecords(
  model,
  index.records(),
  {},
  `trained without labels on ${COUNT} identities of the identity generator (seed "${SEED}", hard-negative rate ${HARD_NEGATIVE_RATE})`,
);
const round = (x: number) => Number(x.toPrecision(6));
const json = JSON.stringify({
  ...stored,
  fingerprint: '',
  m: stored.m.map((x) => x.map(round)),
  u: stored.u.map((x) => x.map(round)),
  sessions: stored.sessions?.map((s) =>
    s === null ? null : { prior: round(s.prior), u: s.u.map((x) => x.map(round)) },
  ),
});
const options = (await prettier.resolveConfig(target)) ?? {};
writeFileSync(target, await prettier.format(json, { ...options, filepath: target }));
process.stdout.write(`wrote ${path.relative(root, target)} (λ ${stored.prior.toExponential(3)})\n`);
