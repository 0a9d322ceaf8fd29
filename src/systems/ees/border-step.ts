import type {
  BiometricCandidate,
  EesService,
  FileDetails,
  IdentityCandidate,
} from '../../contexts/ees/index.ts';
import { lookupCountry, visaRequirement } from '../../contexts/reference/index.ts';
import { daysBetween, plusDays } from '../../platform/dates.ts';
import {
  identificationData,
  identifiedFinding,
  liveCapture,
  probeSummary,
  verificationData,
  verificationFinding,
} from './border-biometrics.ts';
import type {
  BorderCheckResult,
  BorderCheckStep,
  EesBiometricResult,
  Finding,
  StepContext,
  StepOutcome,
} from '../../flows/border-check/index.ts';

/** `1 day`, `6 days`: counts are spelled for people, never `day(s)`. */
const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;
const times = (n: number) => (n === 1 ? 'once' : `${n} times`);

/** What ends a stay, in words (the calculator's `limitedBy` codes, and the document's expiry). */
const STAY_LIMIT_LABELS: Readonly<Record<string, string>> = {
  RULE_90_180: 'the 90/180-day rule',
  VISA_ENTRIES: "the visa's number of entries",
  VISA_VALIDITY: "the visa's period of validity",
  VISA_DURATION: "the visa's duration of stay",
  EXTENSION: 'the extension of stay (EES art. 19)',
  DECISION: 'a decision on the stay (EES art. 19)',
  DOCUMENT_EXPIRY: "the travel document's expiry date",
};
const limitLabel = (limit: string | null) => (limit === null ? null : (STAY_LIMIT_LABELS[limit] ?? limit));

type Stay = NonNullable<FileDetails['stay']>;

/** A visa the traveller may still enter on, as EES recorded it; null when none. */
function usableVisa(details: FileDetails | null, today: string) {
  const use = details?.stay?.visa ?? null;
  if (use === null || use.validUntil < today || use.entriesExhausted || use.daysRemaining <= 0) {
    return null;
  }
  const sticker = details?.history.records.findLast((r) => r.visa !== null)?.visa ?? null;
  return { use, sticker };
}

/**
 * The visa requirement (Reg. (EU) 2018/1806 art. 3, Annex I; SBC art. 6(1)(b)): a national of an Annex I
 * country enters on a valid visa, which the guard sees and verifies in VIS (SBC art. 8(3)(b)). EES knows
 * only the visas recorded at earlier entries, so without a usable one the guard is told that a visa must be
 * seen; ground C is for the guard to tick if none is shown.
 */
function visaFindings(ctx: StepContext, details: FileDetails | null): Finding[] {
  if (visaRequirement(ctx.holder.nationality) !== 'required') {
    return [];
  }
  const known = lookupCountry(ctx.holder.nationality);
  const country = known?.name ?? ctx.holder.nationality;
  // ISO 3166-1 alpha-2, for an interface that names the country in its own language.
  const countryCode = known?.alpha2 ?? '';
  const visa = usableVisa(details, ctx.today);
  if (visa !== null) {
    const left =
      visa.use.entriesRemaining === null
        ? 'multiple entries'
        : `${visa.use.entriesRemaining} ${visa.use.entriesRemaining === 1 ? 'entry' : 'entries'} left`;
    return [
      {
        system: 'ees',
        level: 'info',
        code: 'VISA_RECORDED',
        message: `Nationals of ${country} need a visa (Reg. (EU) 2018/1806 Annex I). EES holds visa ${
          visa.sticker ? `${visa.sticker.stickerNumber} (${visa.sticker.issuingState}) ` : ''
        }valid until ${visa.use.validUntil}, ${left}, ${days(visa.use.daysRemaining)} of stay left on it: check that the sticker in the passport is this visa and verify it in VIS.`,
        params: {
          country,
          countryCode,
          until: visa.use.validUntil,
          days: visa.use.daysRemaining,
          sticker: visa.sticker?.stickerNumber ?? '',
          stickerState: visa.sticker?.issuingState ?? '',
          // `multiple` entries, or `counted`: then `entriesLeft` of them.
          entries: visa.use.entriesRemaining === null ? 'multiple' : 'counted',
          entriesLeft: visa.use.entriesRemaining ?? 0,
        },
      },
    ];
  }
  return [
    {
      system: 'ees',
      level: 'attention',
      code: 'VISA_REQUIRED',
      message: `Nationals of ${country} need a visa (Reg. (EU) 2018/1806 Annex I) and EES holds none they may enter on: see the visa sticker, verify it in VIS and record it with the entry. Without a valid visa, entry is refused on ground C.`,
      params: { country, countryCode },
    },
  ];
}

/**
 * How long a traveller who is not present may stay from today: the calculator's longest stay (90/180 rule,
 * visa limits, art. 19 decisions), capped at the travel document's expiry date — no stay is authorised on an
 * expired document (SBC art. 6(1)(a)). A stay ended by the visa is a matter of the visa (ground C), not of
 * the 90 days (ground F).
 */
function plannedStayFindings(
  ctx: StepContext,
  details: FileDetails,
  planned: NonNullable<Stay['plannedStay']>,
  limitedBy: string | null,
  control: Stay['control'],
): Finding[] {
  let { days: length, until } = planned;
  let limit = limitedBy;
  const expiry = ctx.holder.expiryDate;
  if (until !== null && expiry !== '' && expiry >= ctx.today && expiry < until) {
    until = expiry;
    length = daysBetween(ctx.today, expiry) + 1;
    limit = 'DOCUMENT_EXPIRY';
  }
  const label = limitLabel(limit);
  const by = label === null ? '' : `, limited by ${label}`;
  const visaLimit = limit?.startsWith('VISA_') ?? false;
  const visaNote =
    visaRequirement(ctx.holder.nationality) === 'required' && usableVisa(details, ctx.today) === null
      ? ' The visa seen at the counter may allow less.'
      : '';
  const params = { days: length, until: until ?? '', limit: limit ?? '' };
  if (length === 0) {
    if (visaLimit) {
      const why =
        limit === 'VISA_ENTRIES'
          ? 'the entries it allows are used'
          : limit === 'VISA_VALIDITY'
            ? 'its period of validity has ended'
            : 'its duration of stay is used';
      return [
        {
          system: 'ees',
          level: 'attention',
          code: 'EES_VISA_USED',
          message: `No entry on the visa recorded in EES: ${why}. A new valid visa must be seen; without one, entry is refused on ground C.`,
          refusalGround: 'C',
          params,
        },
      ];
    }
    const used = control?.daysUsed;
    const f: Finding = {
      system: 'ees',
      level: 'stop',
      code: 'EES_NO_DAYS_LEFT',
      message:
        limit === 'RULE_90_180' && used !== undefined
          ? `No day of stay left today: ${days(used)} of 90 used in the 180-day window.`
          : `No day of stay is authorised from today${by}.`,
      params: { ...params, used: used ?? 0 },
    };
    return [limit === 'RULE_90_180' ? { ...f, refusalGround: 'F' } : f];
  }
  if (ctx.intendedExit && until && ctx.intendedExit > until) {
    return [
      {
        system: 'ees',
        level: 'stop',
        code: 'EES_STAY_WOULD_EXCEED',
        message: `The intended stay would exceed the authorised stay on ${plusDays(until, 1)}: the longest stay from today is ${days(length)}, until ${until}${by}.`,
        refusalGround: visaLimit ? 'C' : limit === 'DOCUMENT_EXPIRY' ? 'A' : 'F',
        params: { ...params, exceedsOn: plusDays(until, 1) },
      },
    ];
  }
  return [
    {
      system: 'ees',
      level: 'info',
      code: 'EES_MAY_STAY',
      message: `May stay up to ${days(length)}, until ${until ?? 'the end of the window'}${by}.${visaNote} Inform the traveller (SBC art. 8(9)).`,
      params: { ...params, visaToSee: visaNote === '' ? 'no' : 'yes' },
    },
  ];
}

/**
 * EES in the border check (EES art. 23): find the individual file by the document, else by identity; then the
 * 90/180 calculator (with visa limits and art. 19 decisions) on the BCP's local date.
 */
export function eesBorderStep(ees: EesService): BorderCheckStep<EesData> {
  return { system: 'ees', run: (ctx) => eesStep(ees, ctx) };
}

/** What EES shows the guard: the file found by the document, or the candidates found by identity. */
export type EesData = BorderCheckResult['ees'];

async function eesStep(ees: EesService, ctx: StepContext): Promise<StepOutcome<EesData>> {
  const call = { actor: ctx.actor, purpose: ctx.purpose, requestId: ctx.requestId };
  const probe = liveCapture(ctx);
  const files = await ees.searchByDocument({
    ...call,
    query: { number: ctx.holder.documentNumber, issuingState: ctx.holder.issuingState },
  });
  if (files.length === 0) {
    const identityQuery = {
      ...call,
      query: {
        surname: ctx.holder.surname,
        givenNames: ctx.holder.givenNames || undefined,
        birthDate: ctx.holder.birthDate,
        nationalities: [ctx.holder.nationality],
      },
    };
    if (probe === null) {
      return noFile(ctx, await ees.searchByIdentity(identityQuery));
    }
    // No file for the document: the live capture looks for the traveller among all files (arts. 23(4), 27).
    const [candidates, identified] = await Promise.all([
      ees.searchByIdentity(identityQuery),
      ees.identifyByBiometrics({ ...call, probe }),
    ]);
    const biometrics: EesBiometricResult = {
      probe: probeSummary(probe),
      foundBy: null,
      verification: null,
      identification: identificationData(identified),
    };
    if (identified.length === 0) {
      const outcome = noFile(ctx, candidates);
      return { ...outcome, data: { ...outcome.data, biometrics } };
    }
    // The same traveller with another document: the file found by face or fingers is the one whose stays count.
    const details = await ees.viewFile({ ...call, fileId: identified[0]!.file.id, date: ctx.today });
    return fileOutcome(ctx, details, {
      candidates,
      biometrics: { ...biometrics, foundBy: 'biometrics' },
      findings: [identifiedFinding(identified, true)],
    });
  }
  const fileId = files[0]!.id;
  if (probe === null) {
    return fileOutcome(ctx, await ees.viewFile({ ...call, fileId, date: ctx.today }), {
      candidates: [],
      findings: [],
    });
  }
  // The file of the document: is the traveller its holder (art. 23(2))?
  const [details, verification] = await Promise.all([
    ees.viewFile({ ...call, fileId, date: ctx.today }),
    ees.verifyBiometrics({ ...call, fileId, probe }),
  ]);
  const findings = [verificationFinding(verification, probe)];
  let identified: BiometricCandidate[] | null = null;
  if (verification.compared && verification.decision === 'no-match') {
    // Verification failed: identification among the other files (art. 23(4)).
    identified = (await ees.identifyByBiometrics({ ...call, probe })).filter((c) => c.file.id !== fileId);
    if (identified.length > 0) {
      findings.push(identifiedFinding(identified, false));
    }
  }
  return fileOutcome(ctx, details, {
    candidates: [],
    findings,
    biometrics: {
      probe: probeSummary(probe),
      foundBy: 'document',
      verification: verificationData(verification),
      identification: identified === null ? null : identificationData(identified),
    },
  });
}

/** No file for the document: a first entry, or a file of the same identity under another document. */
function noFile(ctx: StepContext, candidates: IdentityCandidate[]): StepOutcome<EesData> {
  const findings: Finding[] = [];
  const same = candidates.filter((c) => c.verdict === 'same');
  if (same.length > 0) {
    findings.push({
      system: 'ees',
      level: 'attention',
      code: 'EES_FILE_UNDER_OTHER_DOCUMENT',
      message: `No EES file for this document, but ${same.length === 1 ? 'a file holds' : `${same.length} files hold`} the same identity under another document (${same
        .map((c) => c.file.documents.map((d) => `${d.issuingState} ${d.number}`).join(', '))
        .join('; ')}): verify before creating a new file.`,
      params: {
        count: same.length,
        documents: same
          .map((c) => c.file.documents.map((d) => `${d.issuingState} ${d.number}`).join(', '))
          .join('; '),
      },
    });
  } else {
    findings.push({
      system: 'ees',
      level: 'info',
      code: 'EES_NO_FILE',
      message: 'No EES file: first entry. An individual file is created with the entry record.',
    });
  }
  findings.push(...visaFindings(ctx, null));
  return { findings, data: { file: null, candidates } };
}

/** The file's history and the 90/180 calculator on the BCP's local date, after the findings given. */
function fileOutcome(
  ctx: StepContext,
  details: FileDetails,
  extra: { candidates: IdentityCandidate[]; findings: Finding[]; biometrics?: EesBiometricResult },
): StepOutcome<EesData> {
  const findings: Finding[] = [...extra.findings];
  const { stay } = details;
  if (details.stayProblem) {
    findings.push({
      system: 'ees',
      level: 'attention',
      code: 'EES_RECORD_INCONSISTENT',
      message: details.stayProblem,
      // The stay calculator's own account (`CODE: text`), shown as it is inside the translated frame.
      params: { detail: details.stayProblem },
    });
  }
  if (details.history.refusals.length > 0) {
    const last = details.history.refusals.at(-1)!;
    findings.push({
      system: 'ees',
      level: 'info',
      code: 'EES_EARLIER_REFUSAL',
      message: `Refused entry before: ${times(details.history.refusals.length)}, last on ${last.date} at ${last.bcp} (grounds ${last.reasons.join(', ')}).`,
      params: {
        count: details.history.refusals.length,
        date: last.date,
        bcp: last.bcp,
        grounds: last.reasons.join(', '),
      },
    });
  }
  if (stay && !stay.calculatorApplied) {
    findings.push({
      system: 'ees',
      level: 'info',
      code: 'EES_FAMILY_MEMBER',
      message:
        'Family member of a Union citizen without residence card: the 90/180 calculator does not apply (EES art. 11(1)).',
    });
  } else if (stay) {
    if (stay.overstayDays > 0) {
      findings.push({
        system: 'ees',
        level: 'stop',
        code: 'EES_OVERSTAY',
        message: `Overstay: ${days(stay.overstayDays)} beyond the authorised stay${stay.authorisedUntil ? ` (authorised until ${stay.authorisedUntil})` : ''}.`,
        refusalGround: 'F',
        params: { days: stay.overstayDays, until: stay.authorisedUntil ?? '' },
      });
    }
    if (stay.present) {
      findings.push({
        system: 'ees',
        level: 'info',
        code: 'EES_PRESENT',
        message: `Recorded as present${stay.authorisedUntil ? `, authorised until ${stay.authorisedUntil}` : ''}: this is an exit (or the last exit was not recorded).`,
        params: { until: stay.authorisedUntil ?? '' },
      });
    } else if (stay.plannedStay) {
      findings.push(...plannedStayFindings(ctx, details, stay.plannedStay, stay.limitedBy, stay.control));
    }
  }
  // At entry only; a visa already found used says it for itself.
  if (!stay?.present && !findings.some((f) => f.code === 'EES_VISA_USED')) {
    findings.push(...visaFindings(ctx, details));
  }
  return {
    findings,
    data: {
      file: details,
      candidates: extra.candidates,
      ...(extra.biometrics === undefined ? {} : { biometrics: extra.biometrics }),
    },
    present: stay?.present === true,
    // The file shown is the record whose MID links the check shows (2019/817 art. 26; SBC art. 8(4a)).
    records: [`ees:${details.file.id}`],
  };
}
