import type {
  EesService,
  FileDetails,
  FileView,
  IdentityCandidate,
  RecordView,
} from '../../contexts/ees/index.ts';
import type { CheckHit, CheckSubject, EtiasCheck } from '../../contexts/etias/index.ts';
import { isAppError } from '../../platform/errors.ts';
import { ETIAS_EXAMINATION, ETIAS_PROCESSING_ACTOR } from '../etias-processing.ts';

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

/** How a file was found: by the applicant's travel document, by identity, or both. */
interface Found {
  file: FileView;
  byDocument: boolean;
  candidate?: IdentityCandidate;
}

/** The file's identity and documents, for the officer to compare with the application side by side. */
function fileRecord(file: FileView): Record<string, unknown> {
  return {
    fileId: file.id,
    surname: file.surname,
    givenNames: file.givenNames,
    birthDate: file.birthDate,
    sex: file.sex,
    nationalities: file.nationalities,
    documents: file.documents.map((d) => ({
      type: d.type,
      number: d.number,
      issuingState: d.issuingState,
      expiry: d.expiry,
    })),
    responsibleState: file.responsibleState,
  };
}

/** Lines saying how the file was found, shared by every hit on it. */
function howFound(f: Found, subject: CheckSubject): string[] {
  const lines: string[] = [];
  if (f.byDocument) {
    lines.push(
      `The application's travel document ${subject.document.issuingState} ${subject.document.number} is a document of EES file ${f.file.id}.`,
    );
  }
  const c = f.candidate;
  if (c !== undefined) {
    lines.push(
      `The application's surname, given names, date of birth, sex and nationalities matched EES file ${f.file.id}: ${
        c.verdict === 'same' ? 'the same identity' : 'a similar identity, to be verified'
      } (MID rules ${c.rules.join(', ') || 'none'}).`,
    );
    for (const [category, v] of Object.entries(c.categories)) {
      if (v.outcome !== 'unknown') {
        lines.push(`${category}: ${v.outcome} (${v.explanation})`);
      }
    }
  } else if (f.byDocument) {
    lines.push(
      `The file holds ${f.file.surname}, ${f.file.givenNames}, born ${f.file.birthDate}: compare with the application's identity (the same document with other identity data may be a misused document).`,
    );
  }
  return lines;
}

/** Past stays that ended after their authorised end (EES art. 12: the exit recorded the overstay). */
const pastOverstays = (records: readonly RecordView[]) =>
  records.filter((r) => r.exit !== null && (r.overstayDays ?? 0) > 0);

/**
 * The hits of one EES file: every refusal of entry recorded (`EES_REFUSAL`, art. 20(2)(g)), the current overstay
 * and every past one (`EES_OVERSTAY`, art. 20(2)(f)). The responsible state (2018/1240 art. 25(2)) is the one
 * whose data triggered the hit: the state that refused entry; for an overstay that is still going on the state
 * of entry of the stay, for a past one the state that recorded the exit and with it the overstay [K: art. 25
 * names the state that entered the data; for an overstay EES holds both the entry and the exit].
 */
function hitsOfFile(f: Found, details: FileDetails, subject: CheckSubject): CheckHit[] {
  const found = howFound(f, subject);
  const certain = f.byDocument || f.candidate?.verdict === 'same';
  const probability = f.byDocument ? undefined : (f.candidate?.probability ?? undefined);
  const common = {
    source: 'ees' as const,
    ...(probability === undefined ? {} : { probability }),
  };
  const record = fileRecord(details.file);
  const out: CheckHit[] = [];
  for (const r of details.history.refusals) {
    out.push({
      ...common,
      recordRef: `ees:${r.id}`,
      rule: 'EES_REFUSAL',
      memberState: r.memberState,
      explanation: [
        `EES holds a refusal of entry on ${r.date} at ${r.bcp} (${r.authority}, ${r.memberState}), grounds ${r.reasons.join(', ')} (SBC Annex V Part B)${
          certain ? '' : ': on a similar identity, to be verified'
        }.`,
        ...found,
      ],
      record: {
        ...record,
        refusal: { id: r.id, date: r.date, bcp: r.bcp, memberState: r.memberState, reasons: r.reasons },
      },
    });
  }
  const stay = details.stay;
  const open = details.history.records.findLast((r) => r.exit === null);
  if (stay !== null && stay.overstayDays > 0 && open !== undefined) {
    out.push({
      ...common,
      recordRef: `ees:${open.id}`,
      rule: 'EES_OVERSTAY',
      memberState: open.entry.memberState,
      explanation: [
        `Current overstayer: entered on ${open.entry.date} at ${open.entry.bcp} (${open.entry.memberState}), authorised until ${
          stay.authorisedUntil ?? open.authorisedUntil ?? 'unknown'
        }, no exit recorded: ${days(stay.overstayDays)} beyond the authorised stay on ${stay.date}${
          certain ? '' : ' (on a similar identity, to be verified)'
        }.`,
        ...found,
      ],
      record: {
        ...record,
        stay: {
          recordId: open.id,
          entry: open.entry.date,
          entryState: open.entry.memberState,
          authorisedUntil: stay.authorisedUntil ?? open.authorisedUntil,
          exit: null,
          overstayDays: stay.overstayDays,
        },
      },
    });
  }
  for (const r of pastOverstays(details.history.records)) {
    const exit = r.exit!;
    out.push({
      ...common,
      recordRef: `ees:${r.id}`,
      rule: 'EES_OVERSTAY',
      memberState: exit.memberState,
      explanation: [
        `Past overstay: entered on ${r.entry.date} at ${r.entry.bcp} (${r.entry.memberState}), authorised until ${
          r.authorisedUntil ?? 'unknown'
        }, left on ${exit.date} at ${exit.bcp} (${exit.memberState}): ${days(r.overstayDays ?? 0)} beyond the authorised stay${
          certain ? '' : ' (on a similar identity, to be verified)'
        }.`,
        ...found,
      ],
      record: {
        ...record,
        stay: {
          recordId: r.id,
          entry: r.entry.date,
          entryState: r.entry.memberState,
          authorisedUntil: r.authorisedUntil,
          exit: exit.date,
          exitState: exit.memberState,
          overstayDays: r.overstayDays,
        },
      },
    });
  }
  return out;
}

/**
 * A query EES refuses for its values (a document number it cannot read, an identity matching too many files
 * to list) finds nothing for this part of the check; anything else fails automated processing.
 */
async function orNothing<T>(search: () => Promise<T[]>): Promise<T[]> {
  try {
    return await search();
  } catch (err) {
    if (isAppError(err) && err.kind === 'Invalid') {
      return [];
    }
    throw err;
  }
}

/**
 * EES in ETIAS automated processing (2018/1240 art. 20(2)(f)-(g); 2017/2226 art. 25): the file of the
 * applicant's travel document, and the files of the same or a similar identity (the EES identity search, which
 * uses the identity index and judges with the MID rules); each refusal of entry and each overstay, current or
 * past, recorded in those files is a hit, explained and with the file's identity for comparison. Reads run as
 * the ETIAS Central System under the purpose `etias-examination` and are logged by EES (art. 46).
 */
export function eesEtiasCheck(ees: EesService): EtiasCheck {
  return {
    system: 'ees',
    async run(subject, options) {
      const call = {
        actor: ETIAS_PROCESSING_ACTOR,
        purpose: ETIAS_EXAMINATION,
        ...(options.requestId === undefined ? {} : { requestId: options.requestId }),
      };
      const [byDocument, byIdentity] = await Promise.all([
        orNothing(() =>
          ees.searchByDocument({
            ...call,
            query: { number: subject.document.number, issuingState: subject.document.issuingState },
          }),
        ),
        orNothing(() =>
          ees.searchByIdentity({
            ...call,
            query: {
              surname: subject.surname,
              ...(subject.givenNames.trim() === '' ? {} : { givenNames: subject.givenNames }),
              birthDate: subject.birthDate,
              // `X` (unspecified) is not compared: a file recorded with M or F must not drop out on it.
              ...(subject.sex === 'X' ? {} : { sex: subject.sex }),
              ...(subject.nationalities.length === 0 ? {} : { nationalities: subject.nationalities }),
            },
          }),
        ),
      ]);
      options.signal?.throwIfAborted();
      const files = new Map<string, Found>();
      for (const file of byDocument) {
        files.set(file.id, { file, byDocument: true });
      }
      for (const c of byIdentity) {
        const known = files.get(c.file.id);
        if (known === undefined) {
          files.set(c.file.id, { file: c.file, byDocument: false, candidate: c });
        } else {
          known.candidate = c;
        }
      }
      const hits: CheckHit[] = [];
      for (const f of files.values()) {
        // A file with no refusal and no overstay is no hit: only its history is read.
        const details = await ees.viewFile({ ...call, fileId: f.file.id });
        hits.push(...hitsOfFile(f, details, subject));
      }
      return { hits };
    },
  };
}
