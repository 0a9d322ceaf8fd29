import type { LinkEvidence, LinkRule } from '../model.ts';

/**
 * The colour the automated process gives a pair of records (Regs. (EU) 2019/817 and 2019/818, arts. 30 and
 * 33), or `null` when nothing matched and no link is made (art. 27: a link follows only from a match).
 *
 * White (art. 33(1)):
 * - (a) the same biometric data and the same or similar identity data;
 * - (b) the same or similar identity data and the same travel document, where at least one system holds no
 *   biometric data on the person;
 * - (c) the same biometric data, the same travel document and similar identity data (within (a)).
 *
 * Yellow (art. 30(1)): every other match, which a person verifies (art. 29) — the same biometrics with
 * different identity data; the same or similar identity data with different biometrics; the same travel
 * document with different identity data or different biometrics; the same or similar identity data alone
 * where a system holds no biometrics and the documents do not confirm it.
 *
 * "Similar" is the acts' word (Del. Regs. 2023/333 and 2023/332, recital 3: the automated process makes white
 * links for the same or similar identity data, to limit yellow links, recital 4). [K] The article wording of
 * 30 and 33 was not re-read (regulations digest §11.1); this reading keeps every discrepancy yellow.
 */
export function automatedColor(evidence: LinkEvidence): 'white' | 'yellow' | null {
  const biometricMatch = evidence.biometric === 'match';
  const identityMatch = evidence.identity !== 'different';
  if (!biometricMatch && !identityMatch && !evidence.document) {
    return null;
  }
  if (biometricMatch && identityMatch) {
    return 'white';
  }
  if (identityMatch && evidence.document && evidence.biometric === 'not-compared') {
    return 'white';
  }
  return 'yellow';
}

/** The rules a link records for its evidence (what fired, in art. 27's order), for logs and the screen. */
export function linkRules(evidence: LinkEvidence): LinkRule[] {
  const rules: LinkRule[] = [];
  if (evidence.biometric === 'match') {
    rules.push('biometric');
  }
  if (evidence.identity === 'same') {
    rules.push('identity-same');
  } else if (evidence.identity === 'similar') {
    rules.push('identity-similar', ...evidence.identityRules);
  }
  if (evidence.document) {
    rules.push('document');
  }
  return rules;
}
