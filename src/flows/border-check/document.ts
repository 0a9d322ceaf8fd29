import { parseMrz, repairMrz, type MrzParseResult } from '../../contexts/identity/index.ts';
import { plusMonths } from '../../platform/dates.ts';
import type { BorderCheckResult, DocumentHolder, Finding } from './model.ts';

/** YYMMDD → YYYY-MM-DD. Birth dates lie in the past (a year after today's is last century); expiry dates in 20YY. */
export function mrzDate(yymmdd: string, kind: 'birth' | 'expiry', today: string): string | null {
  if (!/^\d{6}$/.test(yymmdd)) {
    return null;
  }
  const yy = Number(yymmdd.slice(0, 2));
  const thisYear = Number(today.slice(0, 4));
  const century = kind === 'expiry' ? 2000 : 2000 + yy > thisYear ? 1900 : 2000;
  return `${century + yy}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
}

/** Reads and checks the travel document; returns what it found and the holder's data when readable. */
export function checkDocument(
  mrz: string,
  autocorrect: boolean,
  today: string,
  intendedExit: string | undefined,
): {
  parsed: MrzParseResult;
  holder: DocumentHolder | null;
  document: BorderCheckResult['document'];
  findings: Finding[];
} {
  const findings: Finding[] = [];
  let parsed = parseMrz(mrz);
  let corrections: BorderCheckResult['document']['corrections'] = [];
  if (!parsed.valid && autocorrect) {
    const repaired = repairMrz(mrz);
    if (repaired.status === 'repaired') {
      parsed = repaired.result;
      corrections = [...repaired.corrections];
      findings.push({
        system: 'document',
        level: 'attention',
        code: 'DOCUMENT_MRZ_REPAIRED',
        message: `The MRZ was read with ${corrections.length} look-alike character(s) corrected (${corrections
          .map((c) => `${c.field}: ${c.from}→${c.to}`)
          .join(', ')}); compare with the printed page.`,
        // The fields and characters as the MRZ reader names them (`documentNumber: O→0`).
        params: {
          count: corrections.length,
          corrections: corrections.map((c) => `${c.field}: ${c.from}→${c.to}`).join(', '),
        },
      });
    }
  }
  const problems = Object.entries(parsed.details)
    .filter(([, d]) => d && !d.valid)
    .map(([field, d]) => ({ field, message: d.message }));
  for (const issue of parsed.issues) {
    problems.push({ field: 'document', message: issue.message });
  }
  const document = { valid: parsed.valid, format: parsed.format, corrections, problems };
  if (!parsed.valid) {
    // Nothing else can be checked without a readable MRZ: the suggestion is to re-scan, not to refuse. A
    // zone that keeps failing when typed from the page is a matter for a second-line check of the document.
    const detail = problems.map((p) => `${p.field}: ${p.message}`).join('; ');
    findings.push({
      system: 'document',
      level: 'attention',
      code: 'DOCUMENT_MRZ_INVALID',
      message:
        parsed.format === null
          ? `Cannot read this as a machine-readable zone${detail ? ` (${detail})` : ''}: re-scan the document or type the two or three MRZ lines.`
          : `Cannot read the machine-readable zone: ${detail || 'it does not validate'}. Re-scan the document or type the MRZ from the page; if the printed MRZ gives the same result, check the document in second line.`,
      // `detail` is the MRZ reader's own (English) account of what failed, shown as it is.
      params: { recognised: parsed.format === null ? 'no' : 'yes', detail },
    });
    return { parsed, holder: null, document, findings };
  }
  const birthDate = mrzDate(parsed.birthDate, 'birth', today) ?? '0000-00-00';
  const expiryDate = mrzDate(parsed.expiryDate, 'expiry', today) ?? '';
  const holder: DocumentHolder = {
    surname: parsed.surname,
    givenNames: parsed.givenNames,
    nationality: parsed.nationality,
    birthDate,
    sex: parsed.sex,
    documentType: parsed.documentCode,
    documentNumber: parsed.documentNumber,
    issuingState: parsed.issuingState,
    expiryDate,
  };
  if (expiryDate !== '' && expiryDate < today) {
    findings.push({
      system: 'document',
      level: 'stop',
      code: 'DOCUMENT_EXPIRED',
      message: `The travel document expired on ${expiryDate}.`,
      params: { until: expiryDate },
      refusalGround: 'A',
    });
  } else if (expiryDate !== '') {
    // SBC art. 6(1)(a)(i): the document must stay valid at least three months after the intended departure.
    const needed = plusMonths(intendedExit ?? today, 3);
    if (expiryDate < needed) {
      findings.push({
        system: 'document',
        level: 'attention',
        code: 'DOCUMENT_EXPIRES_SOON',
        message: `The travel document expires on ${expiryDate}, less than three months after ${
          intendedExit ? `the intended departure (${intendedExit})` : 'today'
        } (SBC art. 6(1)(a)(i)).`,
        params: { until: expiryDate, exit: intendedExit ?? '' },
        refusalGround: 'A',
      });
    }
  }
  if (parsed.nameTruncated) {
    findings.push({
      system: 'document',
      level: 'info',
      code: 'DOCUMENT_NAME_TRUNCATED',
      message: 'The name fills the MRZ name field and may be cut: compare with the visual zone.',
    });
  }
  return { parsed, holder, document, findings };
}
