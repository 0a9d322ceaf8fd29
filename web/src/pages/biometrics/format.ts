import type { IntlShape } from 'react-intl';

import type { MessageId } from '../../i18n/messages.ts';

/** A template's modality and finger in words: "Face", "Right index finger (2)". */
export function templateLabel(intl: IntlShape, modality: string, position: number): string {
  if (modality === 'face') {
    return intl.formatMessage({ id: 'biometrics.face' });
  }
  const id = `biometrics.finger.${position}`;
  const name = /^biometrics\.finger\.([1-9]|10)$/.test(id)
    ? intl.formatMessage({ id: id as MessageId })
    : intl.formatMessage({ id: 'biometrics.finger.unknown' });
  return intl.formatMessage({ id: 'biometrics.finger.withPosition' }, { name, position });
}

/** A comparison score (cosine similarity, or a fused log-likelihood ratio) as the locale writes it. */
export function formatScore(intl: IntlShape, score: number, digits = 2): string {
  return intl.formatNumber(score, { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Below this false-match rate the screens say "less than one in a billion": figures beyond mean nothing more. */
const NEGLIGIBLE_FMR = 1e-9;

/** The false-match rate of a fused score, as people read small figures: `about one false match in 50,000`. */
export function falseMatchText(intl: IntlShape, rate: number): string {
  if (!(rate >= NEGLIGIBLE_FMR)) {
    return intl.formatMessage({ id: 'biometrics.fmr.negligible' });
  }
  return intl.formatMessage(
    { id: 'biometrics.fmr.oneIn' },
    { n: intl.formatNumber(1 / rate, { maximumSignificantDigits: 2 }) },
  );
}
