import { createHash, randomUUID } from 'node:crypto';
import { requireAccess } from '../access/index.ts';
import { midVerdict, normaliseName, type IdentityData, type MidOutcome } from '../identity/index.ts';
import type { IndexChange } from '../matching/index.ts';
import type { Executor } from '../../platform/database/index.ts';
import { conflict, invalid, isAppError, notFound } from '../../platform/errors.ts';
import {
  existingFile,
  idempotency,
  LEGAL_BASIS,
  log,
  readThenLog,
  refreshRetention,
  today,
  type Call,
  type EesContext,
  type WriteCall,
} from './context.ts';
import { checkFingerTemplates, describeTemplates, enrolBiometrics, prepareBiometrics } from './biometrics.ts';
import { EES_ERRORS } from './errors.ts';
import type { DocumentQuery, IdentityQuery, NewFileInput } from './model.ts';
import { toFileView, toHistory, type FileView, type RecordView, type RefusalView } from './present.ts';
import type { DocumentRow, FileBundle, FileRow } from './repository.ts';
import { plusDays, plusYears } from './retention-periods.ts';
import { summariseStay, type StaySummary } from './stay-view.ts';
import {
  checkBirthDate,
  checkCalendarDate,
  checkCountry,
  checkDocument,
  checkFingerprints,
  checkIdentity,
  checkRef,
  newFileRow,
} from './validate.ts';

/** A file with its travel history and the calculator's figures (EES arts. 11, 16-19). */
export interface FileDetails {
  file: FileView;
  history: { records: RecordView[]; refusals: RefusalView[] };
  /** Null when the stored record cannot be counted (the problem is in `stayProblem`). */
  stay: StaySummary | null;
  stayProblem: string | null;
}

/** One identity-search candidate, ranked and explained with the MID comparators. */
export interface IdentityCandidate {
  file: FileView;
  verdict: Exclude<MidOutcome, 'different'>;
  /**
   * The matching engine's calibrated probability that the file is the person asked for (missing query values
   * add no weight); null when the identity index is not connected or does not hold the file yet.
   */
  probability: number | null;
  /** The Annex II similarity rules behind the verdict. */
  rules: string[];
  /** Per category; `unknown` where the query gave no value for it (a missing value is not a difference). */
  categories: Record<
    'names' | 'birthDate' | 'sex' | 'nationality',
    { outcome: MidOutcome | 'unknown'; explanation: string }
  >;
}

const UNIQUE_VIOLATION = '23505';
const CANDIDATE_LIMIT = 200;
const RESULT_LIMIT = 20;

/** Creates an individual file at first entry or refusal (EES arts. 16(1), 17(1)). */
export async function createFile(
  ctx: EesContext,
  call: WriteCall & { input: NewFileInput },
): Promise<{ value: FileView; replayed: boolean }> {
  const purpose = requireAccess({ actor: call.actor, permission: 'ees:write', purpose: call.purpose });
  const input = call.input;
  const identity = checkIdentity(input);
  if (input.documents.length === 0) {
    throw invalid(EES_ERRORS.documentRequired, 'Give at least one travel document (EES art. 16(1)(b)).');
  }
  const documents = input.documents.map((d, i) => checkDocument(d, `documents[${i}]`));
  const facialImageRef = checkRef(input.facialImageRef, 'facialImageRef');
  const day = today(ctx);
  const prints = checkFingerprints({
    kind: input.kind,
    birthDate: identity.birthDate,
    today: day,
    ...(input.fingerprints === undefined ? {} : { fingerprints: input.fingerprints }),
    ...(input.fingerprintExemption === undefined ? {} : { exemption: input.fingerprintExemption }),
  });
  const templates = await prepareBiometrics(ctx, input.biometrics);
  checkFingerTemplates(templates, {
    kind: input.kind,
    fingerprintStatus: prints.status,
    prints: prints.prints,
  });
  let staged: IndexChange | null = null;
  const written = await ctx.writes.run(idempotency(call, 'ees.file.create', input), async (trx) => {
    for (const d of documents) {
      const holder = await ctx.repo.findFileIdByDocument(trx, d.issuingState, d.numberNorm);
      if (holder !== undefined) {
        throw conflict(
          EES_ERRORS.documentRegistered,
          `Travel document ${d.issuingState} ${d.number} already belongs to file ${holder}: search by document and use that file.`,
          { fileId: holder },
        );
      }
    }
    const now = ctx.clock.now();
    const id = `eesf_${randomUUID()}`;
    const eraseAfter = plusDays(plusYears(day, 3), 1);
    const docRows: DocumentRow[] = documents.map((d) => ({
      id: `eesd_${randomUUID()}`,
      file_id: id,
      doc_type: d.type,
      number: d.number,
      number_norm: d.numberNorm,
      issuing_state: d.issuingState,
      expiry: d.expiry,
      erase_after: eraseAfter,
    }));
    try {
      await ctx.repo.insertFile(
        trx,
        newFileRow({
          id,
          kind: input.kind,
          identity,
          facialImageRef,
          prints,
          responsibleState: call.actor.memberState,
          actor: call.actor,
          createdAt: now,
          eraseAfter,
        }),
        docRows,
      );
    } catch (err) {
      if ((err as { code?: unknown }).code === UNIQUE_VIOLATION) {
        throw conflict(
          EES_ERRORS.documentRegistered,
          'A travel document of this file was registered at the same moment; search again.',
        );
      }
      throw err;
    }
    // The templates are stored with the file or not at all (2019/817 art. 13(1): partition `ees`).
    await enrolBiometrics(ctx, trx, id, templates);
    const bundle = await refreshRetention(ctx, trx, id);
    if (ctx.identityIndex) {
      staged = await ctx.identityIndex.stage(trx, {
        system: 'ees',
        recordRef: id,
        surname: identity.surname,
        givenNames: identity.givenNames,
        birthDate: identity.birthDate,
        sex: identity.sex,
        nationalities: identity.nationalities,
        placeOfBirth: '',
        documentNumber: documents[0]?.number ?? '',
      });
    }
    await log(ctx, trx, call, {
      purpose,
      operation: 'ees.file.create',
      legalBasis: LEGAL_BASIS.file,
      recordRefs: [id],
      resultSummary: `individual file created (${input.kind}, ${documents.length} document(s), fingerprints ${prints.status}${templates === null ? '' : `, templates of the ${describeTemplates(templates)}`})`,
      dataEraseAfter: bundle.file.erase_after,
    });
    return toFileView(bundle.file, bundle.documents);
  });
  // The in-memory index follows only once the file is committed (through the change feed when there is one).
  if (staged !== null) {
    ctx.identityIndex?.apply(staged);
  }
  return written;
}

/** A file with its travel history and the calculator's figures on `date` (default: today). */
export async function viewFile(
  ctx: EesContext,
  call: Call & { fileId: string; date?: string },
): Promise<FileDetails> {
  const purpose = requireAccess({ actor: call.actor, permission: 'ees:read', purpose: call.purpose });
  if (call.date !== undefined) {
    checkCalendarDate(call.date, 'date');
  }
  // Before reading: catching up may need a connection of its own (PGlite has only one).
  await ctx.changes?.ownWrites();
  const value = await readThenLog(ctx, async (trx, logs) => {
    const bundle = await fileBundle(ctx, trx, call.fileId);
    const file = bundle.file;
    // An entry recorded late in the evening UTC may already fall on the next day at the BCP.
    const lastEntry = bundle.records.at(-1)?.entry_date ?? '';
    const date = call.date ?? (lastEntry > today(ctx) ? lastEntry : today(ctx));
    let stay: StaySummary | null = null;
    let stayProblem: string | null = null;
    try {
      stay = summariseStay(bundle, date);
    } catch (err) {
      if (!isAppError(err)) {
        throw err;
      }
      stayProblem = `${err.code}: ${err.message}`;
    }
    logs.add(call, {
      purpose,
      operation: 'ees.file.read',
      legalBasis: LEGAL_BASIS.consult,
      recordRefs: [file.id, ...bundle.records.map((r) => r.id), ...bundle.refusals.map((r) => r.id)],
      resultSummary: `file with ${bundle.records.length} entry/exit and ${bundle.refusals.length} refusal records`,
      dataEraseAfter: file.erase_after,
    });
    return { file: toFileView(file, bundle.documents), history: toHistory(bundle), stay, stayProblem };
  });
  return value;
}

/** A file with its linked rows: from the read model when there is one (no database read), else the tables. */
async function fileBundle(ctx: EesContext, db: Executor, fileId: string): Promise<FileBundle> {
  if (ctx.readModel === undefined) {
    return ctx.repo.bundle(db, await existingFile(ctx, db, fileId));
  }
  const bundle = ctx.readModel.bundle(fileId);
  if (bundle === undefined) {
    throw notFound(EES_ERRORS.fileNotFound, `There is no EES individual file "${fileId}".`, { fileId });
  }
  return bundle;
}

const hashQuery = (q: unknown) => createHash('sha256').update(JSON.stringify(q)).digest('hex');

async function views(ctx: EesContext, trx: Parameters<typeof ctx.repo.documentsOf>[0], files: FileRow[]) {
  const docs = await ctx.repo.documentsOf(
    trx,
    files.map((f) => f.id),
  );
  return files.map((f) =>
    toFileView(
      f,
      docs.filter((d) => d.file_id === f.id),
    ),
  );
}

const latestErase = (files: readonly FileRow[]): string | null =>
  files.length === 0 ? null : files.map((f) => f.erase_after).reduce((a, b) => (b > a ? b : a));

/** Search by travel document (EES art. 23(2)): number and issuing state. */
export async function searchByDocument(
  ctx: EesContext,
  call: Call & { query: DocumentQuery },
): Promise<FileView[]> {
  const purpose = requireAccess({ actor: call.actor, permission: 'ees:read', purpose: call.purpose });
  const d = checkDocument(
    { type: 'P', number: call.query.number, issuingState: call.query.issuingState, expiry: '2000-01-01' },
    'document',
  );
  await ctx.changes?.ownWrites();
  return readThenLog(
    ctx,
    async (reads, logs) => {
      const model = ctx.readModel;
      if (model !== undefined) {
        // The hot path of the border check: document → file from memory; only the audit record is written.
        const id = model.fileIdByDocument(d.issuingState, d.numberNorm);
        const bundle = id === undefined ? undefined : model.bundle(id);
        const found = bundle === undefined ? [] : [bundle];
        logs.add(call, {
          purpose,
          operation: 'ees.search.document',
          legalBasis: LEGAL_BASIS.search,
          queryDataTypes: ['documentNumber', 'issuingState'],
          queryDataHash: hashQuery([d.issuingState, d.numberNorm]),
          recordRefs: found.map((b) => b.file.id),
          resultSummary: found.length === 0 ? 'no file' : '1 file',
          dataEraseAfter: latestErase(found.map((b) => b.file)),
        });
        return found.map((b) => toFileView(b.file, b.documents));
      }
      const id = await ctx.repo.findFileIdByDocument(reads, d.issuingState, d.numberNorm);
      const file = id === undefined ? undefined : await ctx.repo.findFile(reads, id);
      const files = file === undefined ? [] : [file];
      logs.add(call, {
        purpose,
        operation: 'ees.search.document',
        legalBasis: LEGAL_BASIS.search,
        queryDataTypes: ['documentNumber', 'issuingState'],
        queryDataHash: hashQuery([d.issuingState, d.numberNorm]),
        recordRefs: files.map((f) => f.id),
        resultSummary: files.length === 0 ? 'no file' : '1 file',
        dataEraseAfter: latestErase(files),
      });
      return views(ctx, reads, files);
    },
    { replica: true },
  );
}

const RANK: Record<MidOutcome, number> = { same: 2, similar: 1, different: 0 };

type Category = IdentityCandidate['categories'][keyof IdentityCandidate['categories']];
const NOT_GIVEN: Category = { outcome: 'unknown', explanation: 'not given in the query' };

/** A query date's unknown month or day (`00`) taken from the stored date: unknown, not different. */
function fillDate(query: string, stored: string): string {
  const [y, m, d] = query.split('-');
  const [, sm, sd] = stored.split('-');
  return m === '00' ? `${y}-${sm}-${sd}` : d === '00' ? `${y}-${m}-${sd}` : query;
}

/**
 * An officer's query against a stored file. The MID rules (Annex I-II) judge two complete records, and treat a
 * missing value as different; a query that leaves a field out says nothing about it. So the file's own value
 * stands in for each field the query leaves out, that category is reported as `unknown`, and the verdict is
 * taken over the categories the query did give: same when all of them are the same, different when one is.
 */
function judge(probe: IdentityData, f: FileRow) {
  const stored: IdentityData = {
    system: 'EES',
    surname: f.surname,
    givenNames: f.given_names,
    birthDate: f.birth_date,
    sex: f.sex,
    nationalities: f.nationalities,
  };
  const filled: IdentityData = {
    ...probe,
    ...(probe.birthDate === undefined ? {} : { birthDate: fillDate(probe.birthDate, f.birth_date) }),
    givenNames: probe.givenNames ?? f.given_names,
    sex: probe.sex ?? f.sex,
    nationalities: probe.nationalities ?? f.nationalities,
  };
  const v = midVerdict(filled, stored);
  const names: Category = {
    outcome: v.categories.names.outcome,
    explanation:
      probe.givenNames === undefined
        ? `${v.categories.names.explanation} (surname only: no given names in the query)`
        : v.categories.names.explanation,
  };
  const categories: IdentityCandidate['categories'] = {
    names,
    birthDate: {
      outcome: v.categories.birthDate.outcome,
      explanation:
        probe.birthDate !== undefined && probe.birthDate.endsWith('-00')
          ? `${v.categories.birthDate.explanation} (only part of the date in the query)`
          : v.categories.birthDate.explanation,
    },
    sex:
      probe.sex === undefined
        ? NOT_GIVEN
        : { outcome: v.categories.sex.outcome, explanation: v.categories.sex.explanation },
    nationality:
      probe.nationalities === undefined
        ? NOT_GIVEN
        : {
            outcome: v.categories.nationalityAndPlaceOfBirth.outcome,
            explanation: v.categories.nationalityAndPlaceOfBirth.explanation,
          },
  };
  const known = Object.values(categories)
    .map((c) => c.outcome)
    .filter((o): o is MidOutcome => o !== 'unknown');
  const verdict: MidOutcome = known.includes('different')
    ? 'different'
    : known.every((o) => o === 'same')
      ? 'same'
      : 'similar';
  return { verdict, rules: [...v.rules], categories };
}

/**
 * Search by identity data (EES art. 23(2)): candidates by surname (equal or trigram-similar after
 * normalisation) and birth year, plus those the identity index proposes, judged with the MID same/similar
 * rules on the fields the query gives (see {@link judge}) and ranked by the matching engine's calibrated
 * probability. A query matching more files than one answer holds is refused as too broad, with what to add.
 */
export async function searchByIdentity(
  ctx: EesContext,
  call: Call & { query: IdentityQuery },
): Promise<IdentityCandidate[]> {
  const purpose = requireAccess({ actor: call.actor, permission: 'ees:read', purpose: call.purpose });
  const q = call.query;
  const birth = q.birthDate === undefined ? null : checkBirthDate(q.birthDate);
  const nationalities = (q.nationalities ?? []).map((n, i) => checkCountry(n, `nationalities[${i}]`));
  const probe: IdentityData = {
    system: 'EES',
    surname: q.surname,
    ...(q.givenNames === undefined || q.givenNames.trim() === '' ? {} : { givenNames: q.givenNames }),
    ...(birth === null ? {} : { birthDate: birth.iso }),
    ...(q.sex === undefined ? {} : { sex: q.sex }),
    ...(nationalities.length === 0 ? {} : { nationalities }),
  };
  const surnameNorm = normaliseName(q.surname);
  if (surnameNorm === '' || birth === null || birth.year === null) {
    throw invalid(
      EES_ERRORS.searchTooBroad,
      'An identity search needs a surname and a date of birth with at least the year (YYYY-00-00).',
      { need: ['surname', 'birthDate'] },
    );
  }
  return readThenLog(
    ctx,
    async (reads, logs) => {
      const rows = await ctx.repo.findIdentityCandidates(reads, {
        surnameNorm,
        birthYear: birth.year,
        limit: CANDIDATE_LIMIT,
      });
      // The identity index finds what a surname/birth-year block misses (typos in the surname, other
      // transliterations, swapped names); every candidate is then judged by the same MID rules.
      const wanted = {
        surname: q.surname,
        ...(q.givenNames === undefined || q.givenNames.trim() === '' ? {} : { givenNames: q.givenNames }),
        birthDate: birth.iso,
        ...(q.sex === undefined ? {} : { sex: q.sex }),
        ...(nationalities.length === 0 ? {} : { nationalities }),
      };
      const proposed = ctx.identityIndex?.propose(wanted, 'ees', new Set(rows.map((r) => r.id))) ?? [];
      for (const ref of proposed) {
        const row = await ctx.repo.findFile(reads, ref);
        if (row) {
          rows.push(row);
        }
      }
      const kept = rows.map((f) => ({ f, v: judge(probe, f) })).filter((x) => x.v.verdict !== 'different');
      const scores = ctx.identityIndex?.score(
        wanted,
        'ees',
        kept.map((x) => x.f.id),
      );
      const judged = kept
        .map((x) => ({ ...x, p: scores?.get(x.f.id)?.probability ?? null }))
        .sort(
          (a, b) =>
            RANK[b.v.verdict] - RANK[a.v.verdict] || (b.p ?? 0) - (a.p ?? 0) || a.f.id.localeCompare(b.f.id),
        );
      // A broad query (no given names, or a date of birth with unknown parts) matching more files than one
      // answer holds is refused; a full identity keeps its best RESULT_LIMIT candidates (e.g. the border check).
      const broad = probe.givenNames === undefined || birth.iso.endsWith('-00');
      if (broad && judged.length > RESULT_LIMIT) {
        throw invalid(
          EES_ERRORS.searchTooBroad,
          `More than ${RESULT_LIMIT} files match; add the given names, the full date of birth, the sex or the nationality.`,
          { matches: judged.length, limit: RESULT_LIMIT },
        );
      }
      judged.splice(RESULT_LIMIT);
      const fileViews = await views(
        ctx,
        reads,
        judged.map((j) => j.f),
      );
      logs.add(call, {
        purpose,
        operation: 'ees.search.identity',
        legalBasis: LEGAL_BASIS.search,
        queryDataTypes: Object.keys(probe).filter((k) => k !== 'system'),
        queryDataHash: hashQuery(probe),
        recordRefs: judged.map((j) => j.f.id),
        resultSummary: `${rows.length} candidates, ${judged.length} same or similar`,
        dataEraseAfter: latestErase(judged.map((j) => j.f)),
      });
      return judged.map((j, i): IdentityCandidate => ({
        file: fileViews[i]!,
        verdict: j.v.verdict as 'same' | 'similar',
        probability: j.p,
        rules: j.v.rules,
        categories: j.v.categories,
      }));
    },
    { replica: true },
  );
}
