import { invalid } from '../../platform/errors.ts';
import { checkContainerNumber, compactIdentifier } from '../../contexts/sis/index.ts';
import { NETWORK_ERRORS } from './errors.ts';

/** What the map is centred on: an alert, an object by its identifier, or a vessel by its IMO number. */
export type Focus =
  | { kind: 'alert'; alertId: string }
  | { kind: 'container'; value: string }
  | { kind: 'plate'; value: string }
  | { kind: 'imo'; value: string };

const ALERT_ID = /^sis_[A-Za-z0-9_-]{1,80}$/u;
const CONTAINER_SHAPE = /^[A-Z]{3}[UJZ][0-9]{7}$/u;
const IMO = /^(?:IMO)?([0-9]{7})$/u;
const PLATE = /^[A-Z0-9]{2,15}$/u;

/**
 * The IMO ship identification number's check digit (IMO Res. A.1117(30)): the first six digits weighted
 * 7, 6, 5, 4, 3, 2; the last digit of the sum is the seventh digit.
 */
export function imoCheckDigitValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < 6; i += 1) {
    sum += Number(digits[i]) * (7 - i);
  }
  return sum % 10 === Number(digits[6]);
}

/**
 * Reads `focus`: an alert id (`sis_…`), an IMO number (`IMO 9321483` or its seven digits), an ISO 6346
 * container number (its check digit verified), or else a plate (2 to 15 letters and digits once spaces and
 * dashes are dropped). Anything else is refused with a code that says what was expected.
 */
export function parseFocus(raw: string): Focus {
  const text = raw.trim();
  if (ALERT_ID.test(text)) {
    return { kind: 'alert', alertId: text };
  }
  const compact = compactIdentifier(text);
  const imo = IMO.exec(compact);
  if (imo !== null && (compact.startsWith('IMO') || /^[0-9]{7}$/u.test(text))) {
    if (!imoCheckDigitValid(imo[1]!)) {
      throw invalid(
        NETWORK_ERRORS.imoCheckDigit,
        `"${imo[1]!}" is not a valid IMO number: its check digit (the last digit of 7·d1+6·d2+…+2·d6) is wrong.`,
        { focus: raw },
      );
    }
    return { kind: 'imo', value: imo[1]! };
  }
  if (CONTAINER_SHAPE.test(compact)) {
    const check = checkContainerNumber(compact);
    if (!check.valid) {
      throw invalid(NETWORK_ERRORS.containerCheckDigit, check.explanation, {
        focus: raw,
        expectedCheckDigit: check.expectedCheckDigit,
      });
    }
    return { kind: 'container', value: compact };
  }
  if (text.length <= 32 && PLATE.test(compact) && /[0-9]/u.test(compact)) {
    return { kind: 'plate', value: compact };
  }
  throw invalid(
    NETWORK_ERRORS.focusInvalid,
    'Give as focus an alert id (sis_…), a plate, an ISO 6346 container number (e.g. CSQU3054383) or an IMO number (e.g. IMO 9321483).',
    { focus: raw.slice(0, 64) },
  );
}
