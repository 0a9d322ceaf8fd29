import { randomUUID } from 'node:crypto';
import { requireAccess, type Actor } from '../access/index.ts';
import type { AuditEntry } from '../audit/index.ts';
import { midVerdict, parsePartialDate, type IdentityData, type NameField } from '../identity/index.ts';
import type { LinkNotice } from '../mid/index.ts';
import type { Modality, Partition, TemplateInput } from '../sbms/index.ts';
import type { Call } from '../../platform/calls.ts';
import { forbidden, invalid, unprocessable } from '../../platform/errors.ts';
import { daysInMonth, isoDate } from '../../platform/dates.ts';
import { CIR_QUERY_ERRORS } from './query-errors.ts';
import {
  CIR_QUERY_SYSTEMS,
  cirRef,
  type CirDocument,
  type CirFile,
  type CirRef,
  type CirSystem,
} from './model.ts';
import type { CirQueriesDeps } from './queries.ts';

/** The situations in which the police may identify a person through the CIR (art. 20(1)(a)-(e)). */
export const IDENTIFICATION_SITUATIONS = [
  /** (a) the person cannot be identified for lack of a travel document or another credible document. */
  'no-document',
  /** (b) doubts about the identity data the person gives. */
  'doubt-identity-data',
  /** (c) doubts about the authenticity of the travel document or other credible document. */
  'doubt-document',
  /** (d) doubts about the identity of the holder of the document. */
  'doubt-holder',
  /** (e) the person is unable or refuses to cooperate. */
  'unable-or-unwilling',
] as const;
export type IdentificationSituation = (typeof IDENTIFICATION_SITUATIONS)[number];

/** The identity data a person gives or an officer reads (art. 20(1), last subparagraph). */
export interface IdentificationIdentity {
  surname: string;
  givenNames: string;
  /** `YYYY-MM-DD`, `00` for an unknown month or day. */
  birthDate: string;
  sex?: string;
  /** ICAO alpha-3. */
  nationality?: string;
}

export interface IdentificationRequest {
  situation: IdentificationSituation;
  /** The biometric data are taken live, during the identity check, in the person's presence (art. 20(1)). */
  personPresent: true;
  biometrics?: TemplateInput[];
  identity?: IdentificationIdentity;
  document?: { number: string; issuingState?: string };
  /** Why live biometrics cannot be used (then the identity or document data are queried, art. 20(1)). */
  biometricsUnavailableReason?: string;
  /** Why identifying a child under 12 is in the child's best interests (art. 20(2)). */
  childBestInterests?: string;
}

/** How a file was found. */
export type FoundBy =
  | { kind: 'biometric'; score: number; falseMatchRate: number; modalities: Modality[] }
  | { kind: 'identity'; verdict: 'same' | 'similar'; rules: string[] }
  | { kind: 'document'; number: string };

/** The art. 18(1) data of one matching file, with the reference to its system and record (art. 18(2)). */
export interface IdentificationMatch {
  ref: CirRef;
  system: CirSystem;
  recordRef: string;
  identity: {
    surname?: string;
    givenNames?: string;
    surnameAtBirth?: string;
    aliases?: string[];
    birthDate?: string;
    sex?: string;
    nationalities?: string[];
    placeOfBirth?: string;
  };
  documents: CirDocument[];
  memberState: string;
  foundBy: FoundBy[];
  /** The MID links of the file the actor may see (art. 26), red ones above all; empty when none. */
  links: LinkNotice[];
}

export interface IdentificationAnswer {
  id: string;
  situation: IdentificationSituation;
  /** The live biometric query: matched, found nothing, or not made (no usable biometrics). */
  biometricQuery: 'matched' | 'no-match' | 'not-used';
  /** The identity and document query, made only when the biometric one was not made or found nothing. */
  identityQuery: 'matched' | 'no-match' | 'not-used';
  matches: IdentificationMatch[];
}

/** The sBMS partitions of the CIR's systems (art. 18(1)): EES and Eurodac hold biometrics, ETIAS none, never SIS. */
const CIR_PARTITIONS: readonly Partition[] = ['ees', 'eurodac'];
const LEGAL_BASIS = 'Reg. (EU) 2019/817 and 2019/818 art. 20';
const OPERATION = 'cir.identification';
/** Art. 20(2): the age below which a child is not identified through the CIR, unless in its best interests. */
const CHILD_AGE = 12;
const CANDIDATES = 10;

const nameText = (v: NameField | undefined): string | undefined =>
  v === undefined ? undefined : typeof v === 'string' ? v : v.join(' / ');

/**
 * Whether a birth date shows a child under 12 on `today`. A date with unknown parts is read as the latest day
 * it may stand for, so a person who may be under 12 is treated as a child [K].
 */
export function isUnder12(birthDate: string | undefined, today: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(birthDate ?? '');
  if (m === null) {
    return false;
  }
  const year = Number(m[1]);
  const month = Number(m[2]) === 0 ? 12 : Number(m[2]);
  const day = Number(m[3]) === 0 ? daysInMonth(year, month) : Number(m[3]);
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  let age = ty - year;
  if (tm < month || (tm === month && td < day)) {
    age -= 1;
  }
  return age < CHILD_AGE;
}

/**
 * A 400 when a queried birth date lies after `today` (its unknown parts read as the earliest day they may stand
 * for): without it a mistyped year would be answered as a child under 12, or simply not found.
 */
export function assertBornByToday(birthDate: string | undefined, today: string): void {
  const parsed = birthDate === undefined ? undefined : parsePartialDate(birthDate);
  if (parsed?.ok !== true || parsed.date.year === 0) {
    return; // the route's schema has judged the shape; an unknown year cannot lie ahead
  }
  // Unknown parts (00) read as the earliest day they may stand for.
  const earliest = parsed.date.iso.replace(/-00/gu, '-01');
  if (earliest > today) {
    const message = `The date of birth ${birthDate} is after today (${today}): check the year.`;
    throw invalid(CIR_QUERY_ERRORS.birthDateInFuture, message, {
      problems: [{ field: 'identity.birthDate', message }],
    });
  }
}

/** The query's identity as the MID rules read it. */
function queryIdentity(i: IdentificationIdentity): IdentityData {
  return {
    surname: i.surname,
    givenNames: i.givenNames,
    birthDate: i.birthDate,
    ...(i.sex === undefined ? {} : { sex: i.sex }),
    ...(i.nationality === undefined ? {} : { nationalities: [i.nationality] }),
  };
}

/**
 * The MID same/similar rules (Del. Regs. 2023/333 and 2023/332) applied to a query: only the categories both
 * sides hold data for are judged (a query without sex or nationality must not call every file different);
 * null when one of them is different, else `same` when all are the same, `similar` otherwise.
 */
export function judgeIdentity(
  query: IdentificationIdentity,
  file: IdentityData,
): { verdict: 'same' | 'similar'; rules: string[] } | null {
  const v = midVerdict(queryIdentity(query), file, { eurodac: true, legalBasis: '2019/818' });
  const held = (x: unknown) => x !== undefined && x !== '' && !(Array.isArray(x) && x.length === 0);
  const compared = [
    v.categories.names,
    ...(held(file.birthDate) ? [v.categories.birthDate] : []),
    ...(query.sex !== undefined && held(file.sex) ? [v.categories.sex] : []),
    ...(query.nationality !== undefined && held(file.nationalities)
      ? [v.categories.nationalityAndPlaceOfBirth]
      : []),
  ];
  if (compared.some((c) => c.outcome === 'different')) {
    return null;
  }
  return {
    verdict: compared.every((c) => c.outcome === 'same') ? 'same' : 'similar',
    rules: [...new Set(compared.flatMap((c) => c.decidedBy))],
  };
}

/** The art. 18(1) identity of a file, as answered. */
function presentIdentity(d: IdentityData): IdentificationMatch['identity'] {
  const out: IdentificationMatch['identity'] = {};
  const surname = nameText(d.surname);
  const givenNames = nameText(d.givenNames);
  const atBirth = nameText(d.surnameAtBirth);
  if (surname !== undefined) {
    out.surname = surname;
  }
  if (givenNames !== undefined) {
    out.givenNames = givenNames;
  }
  if (atBirth !== undefined) {
    out.surnameAtBirth = atBirth;
  }
  if (d.aliases !== undefined && d.aliases.length > 0) {
    out.aliases = [...d.aliases];
  }
  if (d.birthDate !== undefined) {
    out.birthDate = d.birthDate;
  }
  if (d.sex !== undefined) {
    out.sex = d.sex;
  }
  if (d.nationalities !== undefined) {
    out.nationalities = [...d.nationalities];
  }
  if (d.placeOfBirth !== undefined) {
    out.placeOfBirth = d.placeOfBirth;
  }
  return out;
}

/** The types of data a query used (art. 24(2)(d)): never their values. */
function dataTypes(
  request: IdentificationRequest,
  used: { biometrics: boolean; identity: boolean },
): string[] {
  const types: string[] = [];
  if (used.biometrics) {
    const modalities = new Set((request.biometrics ?? []).map((t) => t.modality));
    if (modalities.has('face')) {
      types.push('facialImage');
    }
    if (modalities.has('finger')) {
      types.push('dactyloscopicData');
    }
  }
  if (used.identity) {
    const i = request.identity;
    if (i !== undefined) {
      types.push('surname', 'givenNames', 'birthDate');
      if (i.sex !== undefined) {
        types.push('sex');
      }
      if (i.nationality !== undefined) {
        types.push('nationality');
      }
    }
    if (request.document !== undefined) {
      types.push('documentNumber');
      if (request.document.issuingState !== undefined) {
        types.push('issuingState');
      }
    }
  }
  return types;
}

/**
 * Police identification through the CIR (2019/817 and 2019/818 art. 20): only by an authority national law
 * empowers (art. 20(1), the authority's flag), in one of the situations of art. 20(1)(a)-(e), with biometric
 * data taken live in the person's presence first; only when no biometrics can be used (the reason given) or
 * the biometric query found nothing, with the identity data given or the travel-document data. The answer is
 * the art. 18(1) data of each matching file with the reference to its system (art. 18(2)); SIS is not in the
 * CIR and is never searched. A child under 12 is not identified unless in its best interests (art. 20(2)).
 * Every query is logged as art. 24(2) lists, refused ones too.
 */
export async function identifyPerson(
  deps: CirQueriesDeps,
  call: Call<Actor>,
  request: IdentificationRequest,
): Promise<IdentificationAnswer> {
  const purpose = requireAccess({
    actor: call.actor,
    permission: 'cir:identify',
    purpose: call.purpose,
    forPurposes: ['police-identity-check'],
  });
  const id = `cid_${randomUUID()}`;
  const today = isoDate(deps.clock.now());
  const entry = (e: Partial<AuditEntry> & Pick<AuditEntry, 'outcome' | 'resultSummary'>): AuditEntry => ({
    actor: call.actor,
    system: 'cir',
    operation: OPERATION,
    purpose,
    legalBasis: LEGAL_BASIS,
    requestId: call.requestId ?? null,
    ...e,
  });
  const refuse = async (error: Error, why: string, used = { biometrics: false, identity: false }) => {
    await deps.audit.append(
      entry({
        outcome: 'denied',
        queryDataTypes: dataTypes(request, used),
        recordRefs: [id],
        resultSummary: `refused: ${why}; situation ${request.situation}`,
      }),
    );
    return error;
  };

  if (call.actor.cirIdentification !== true) {
    throw await refuse(
      forbidden(
        CIR_QUERY_ERRORS.notEmpowered,
        'Your authority is not empowered by national law to identify persons through the common identity repository (art. 20(1)). Ask your administrator if it is.',
      ),
      'authority not empowered by national law (art. 20(1))',
    );
  }
  const hasBiometrics = (request.biometrics ?? []).length > 0;
  const reason = request.biometricsUnavailableReason?.trim() ?? '';
  const hasIdentityData = request.identity !== undefined || request.document !== undefined;
  if (!hasBiometrics && reason === '') {
    throw invalid(
      CIR_QUERY_ERRORS.biometricsFirst,
      'Take the biometric data live from the person first (art. 20(1)); without them, say in biometricsUnavailableReason why they cannot be used.',
    );
  }
  if (!hasBiometrics && !hasIdentityData) {
    throw invalid(
      CIR_QUERY_ERRORS.queryDataMissing,
      'Give the identity data or the travel document to query with when no biometrics can be used.',
    );
  }
  assertBornByToday(request.identity?.birthDate, today);
  const bestInterests = request.childBestInterests?.trim() ?? '';
  const childError = () =>
    unprocessable(
      CIR_QUERY_ERRORS.childUnder12,
      'The person is under 12: the CIR identifies a child only in the child’s best interests (art. 20(2)). State them in childBestInterests.',
    );
  if (bestInterests === '' && isUnder12(request.identity?.birthDate, today)) {
    throw await refuse(childError(), 'child under 12 without best interests stated (art. 20(2))');
  }
  // Decode before any query: a bad template is the caller's to fix. A live capture is compared whatever its
  // quality (no enrolment gate), as at the border.
  const probe = hasBiometrics
    ? deps.biometrics.decode(request.biometrics!, 'biometrics', { qualityGate: false })
    : [];

  const db = deps.database.read;
  const found = new Map<CirRef, FoundBy[]>();
  const add = (ref: CirRef, by: FoundBy) => found.set(ref, [...(found.get(ref) ?? []), by]);
  let biometricQuery: IdentificationAnswer['biometricQuery'] = 'not-used';
  if (probe.length > 0) {
    const candidates = await deps.biometrics.identify(probe, {
      partitions: CIR_PARTITIONS,
      limit: CANDIDATES,
      matchesOnly: true,
    });
    for (const c of candidates) {
      add(cirRef(c.partition, c.recordRef), {
        kind: 'biometric',
        score: c.score,
        falseMatchRate: c.falseMatchRate,
        modalities: [...new Set(c.scores.map((s) => s.modality))],
      });
    }
    biometricQuery = found.size > 0 ? 'matched' : 'no-match';
  }
  let identityQuery: IdentificationAnswer['identityQuery'] = 'not-used';
  let files: CirFile[] = found.size > 0 ? await deps.lookup.files(db, [...found.keys()]) : [];
  if (biometricQuery !== 'matched' && hasIdentityData) {
    const byDocument = new Set<CirRef>(
      request.document === undefined
        ? []
        : await deps.lookup.byDocument(db, request.document, CIR_QUERY_SYSTEMS),
    );
    const byIdentity =
      request.identity === undefined
        ? []
        : await deps.lookup.identityCandidates(db, request.identity, CIR_QUERY_SYSTEMS);
    const candidates = await deps.lookup.files(db, [...new Set([...byDocument, ...byIdentity])]);
    for (const file of candidates) {
      if (!CIR_QUERY_SYSTEMS.includes(file.system)) {
        continue;
      }
      const ref = cirRef(file.system, file.recordRef);
      if (byDocument.has(ref)) {
        add(ref, { kind: 'document', number: request.document!.number });
      }
      if (request.identity !== undefined) {
        const judged = judgeIdentity(request.identity, file.identity);
        if (judged !== null) {
          add(ref, { kind: 'identity', ...judged });
        }
      }
    }
    files = candidates.filter((f) => found.has(cirRef(f.system, f.recordRef)));
    identityQuery = files.length > 0 ? 'matched' : 'no-match';
  }
  // SIS is not in the CIR: a SIS identity held beside the files for the MID is never an answer (art. 18(1)).
  files = files.filter((f) => CIR_QUERY_SYSTEMS.includes(f.system));

  const used = { biometrics: probe.length > 0, identity: identityQuery !== 'not-used' };
  const children = files.filter((f) => isUnder12(f.identity.birthDate, today));
  if (bestInterests === '' && files.length > 0 && children.length === files.length) {
    throw await refuse(
      childError(),
      'every match is a child under 12, no best interests stated (art. 20(2))',
      used,
    );
  }
  const shown = bestInterests === '' ? files.filter((f) => !children.includes(f)) : files;
  const matches: IdentificationMatch[] = shown.map((f) => {
    const ref = cirRef(f.system, f.recordRef);
    return {
      ref,
      system: f.system,
      recordRef: f.recordRef,
      identity: presentIdentity(f.identity),
      documents: f.documents.map((d) => ({ ...d })),
      memberState: f.memberState,
      foundBy: found.get(ref) ?? [],
      links: [],
    };
  });
  const notices =
    deps.linkNotices === undefined || matches.length === 0
      ? new Map<CirRef, LinkNotice[]>()
      : await deps.linkNotices.noticesFor(
          call.actor,
          matches.map((m) => m.ref),
          { matched: matches.map((m) => m.ref) },
        );
  for (const m of matches) {
    m.links = notices.get(m.ref) ?? [];
  }
  const withheld = files.length - shown.length;
  await deps.audit.append(
    entry({
      outcome: 'success',
      queryDataTypes: dataTypes(request, used),
      recordRefs: [id, ...matches.map((m) => m.ref)],
      resultSummary: [
        `situation ${request.situation}; person present`,
        `biometric query: ${biometricQuery}`,
        biometricQuery === 'not-used' ? `biometrics not used: ${reason.slice(0, 200)}` : null,
        `identity/document query: ${identityQuery}`,
        `${matches.length} match(es)`,
        withheld > 0 ? `${withheld} file(s) of children under 12 withheld (art. 20(2))` : null,
        bestInterests === '' ? null : `child's best interests stated: ${bestInterests.slice(0, 200)}`,
      ]
        .filter((s) => s !== null)
        .join('; '),
    }),
  );
  return { id, situation: request.situation, biometricQuery, identityQuery, matches };
}
