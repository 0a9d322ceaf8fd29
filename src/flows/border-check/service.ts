import { requireAccess, type Actor } from '../../contexts/access/index.ts';
import type { AuditLog } from '../../contexts/audit/index.ts';
import { localDateAt, lookupBcp } from '../../contexts/reference/index.ts';
import type { BiometricMatching, Template } from '../../contexts/sbms/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/database/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { checkDocument } from './document.ts';
import type {
  BorderCheckRequest,
  BorderCheckResult,
  BorderCheckStep,
  Finding,
  StepContext,
  StepOutcome,
  Verdict,
} from './model.ts';

export interface BorderCheckDeps {
  audit: AuditLog;
  clock: Clock;
  database: Database;
  /**
   * Reads the live capture's templates once for every step (`StepContext.biometrics`); without it a check that
   * gives templates is answered 503 BORDER_CHECK_BIOMETRICS_UNAVAILABLE.
   */
  biometrics?: Pick<BiometricMatching, 'decode'>;
}

const ORDER: Record<Finding['level'], number> = { stop: 0, attention: 1, info: 2 };

/**
 * At exit the document's validity is no reason to hold the traveller: the three months after departure and
 * the validity itself are entry conditions (SBC art. 6(1)(a)), so at exit they inform and support no ground;
 * so is the ETIAS travel authorisation.
 */
function atExit(f: Finding): Finding {
  if (f.code === 'DOCUMENT_EXPIRES_SOON') {
    const { refusalGround: _ground, ...rest } = f;
    return {
      ...rest,
      level: 'info',
      params: { ...f.params, atExit: 'yes' },
      message: `${f.message.replace(/ \(SBC art\. 6\(1\)\(a\)\(i\)\)\.$/u, '.')} This is an exit: document validity is an entry condition (SBC art. 6(1)(a)).`,
    };
  }
  if (f.code === 'DOCUMENT_EXPIRED') {
    const { refusalGround: _ground, ...rest } = f;
    return {
      ...rest,
      level: 'attention',
      params: { ...f.params, atExit: 'yes' },
      message: `${f.message} This is an exit: the expiry is no reason to hold the traveller (SBC art. 6(1)(a) applies at entry); note it for the next entry.`,
    };
  }
  if (f.system === 'etias' && f.level !== 'info') {
    // The travel authorisation is an entry condition (ETIAS art. 47): at exit it informs and supports no ground.
    const { refusalGround: _ground, ...rest } = f;
    return {
      ...rest,
      level: 'info',
      params: { ...f.params, atExit: 'yes' },
      message: `${f.message} This is an exit: the travel authorisation is checked at entry (ETIAS art. 47).`,
    };
  }
  return f;
}

/** The suggestion: the heaviest finding, leaving discreet checks out (2018/1862 art. 36: never a ground). */
function verdictOf(result: BorderCheckResult): Verdict {
  if (!result.document.valid) {
    return 'unreadable';
  }
  const weighed = result.findings.filter((f) => f.discreet !== true);
  return weighed.some((f) => f.level === 'stop')
    ? 'refusal-suggested'
    : weighed.some((f) => f.level === 'attention')
      ? 'attention'
      : 'proceed';
}

interface BorderCheckInput {
  actor: Actor;
  purpose: string | null;
  request: BorderCheckRequest;
  requestId?: string;
}

/**
 * The check a border guard runs while the traveller waits (SBC art. 8): MRZ → document validated → EES file by
 * document or identity → 90/180 with visa limits → every other plugged-in system → one verdict with every reason.
 * The flow never decides: it suggests, and the guard records entry, exit or refusal.
 */
export class BorderCheck {
  readonly #deps: BorderCheckDeps;
  readonly #steps: BorderCheckStep[] = [];

  constructor(deps: BorderCheckDeps) {
    this.#deps = deps;
  }

  /** Plugs a system (EES, SIS, ETIAS, MID) into the check; a system has one step. */
  addStep(step: BorderCheckStep): void {
    if (this.#steps.some((s) => s.system === step.system)) {
      throw new Error(`a border-check step for ${step.system} is already registered`);
    }
    this.#steps.push(step);
  }

  /**
   * Runs the check. The records of the systems' reads (EES, SIS) and of the check itself are written in one
   * audit batch, committed before the answer.
   */
  run(input: BorderCheckInput): Promise<BorderCheckResult> {
    return this.#deps.audit.collectReads(() => this.#run(input));
  }

  /**
   * The live capture, decoded once for every step: no quality gate, since a live probe is compared whatever its
   * quality (its scores say how far they can be trusted). Bad templates are refused with the SBMS_* codes.
   */
  #decode(request: BorderCheckRequest): readonly Template[] | undefined {
    if (request.biometrics === undefined || request.biometrics.length === 0) {
      return undefined;
    }
    if (this.#deps.biometrics === undefined) {
      throw new AppError(
        'Unavailable',
        'BORDER_CHECK_BIOMETRICS_UNAVAILABLE',
        'No biometric matching service is connected: run the check without the live capture.',
      );
    }
    return this.#deps.biometrics.decode(request.biometrics, 'biometrics', { qualityGate: false });
  }

  async #run(input: BorderCheckInput): Promise<BorderCheckResult> {
    const purpose = requireAccess({
      actor: input.actor,
      permission: 'border-check:run',
      purpose: input.purpose,
    })!;
    const { request } = input;
    const bcp = lookupBcp(request.bcpId.toUpperCase());
    if (!bcp) {
      throw notFound(
        'BORDER_CHECK_UNKNOWN_BCP',
        `There is no border crossing point "${request.bcpId}"; list them at /api/v1/reference/bcps.`,
      );
    }
    const live = this.#decode(request);
    const now = this.#deps.clock.now();
    const today = localDateAt(bcp.id, now);
    const doc = checkDocument(request.mrz, request.autocorrect ?? true, today, request.intendedExit);
    const result: BorderCheckResult = {
      checkedAt: now.toISOString(),
      bcp: { id: bcp.id, localDate: today },
      document: doc.document,
      holder: doc.holder,
      ees: { file: null, candidates: [] },
      extra: {},
      findings: [...doc.findings],
      verdict: 'proceed',
    };
    let outcomes: StepOutcome[] = [];
    let present = false;
    if (doc.holder) {
      const ctx: StepContext = {
        actor: input.actor,
        purpose,
        requestId: input.requestId,
        today,
        bcpId: bcp.id,
        holder: doc.holder,
        parsed: doc.parsed,
        intendedExit: request.intendedExit,
        ...(request.vehiclePlate
          ? { vehicle: { plate: request.vehiclePlate, country: request.vehicleCountry } }
          : {}),
        ...(live === undefined ? {} : { biometrics: live }),
      };
      const first = this.#steps.filter((s) => s.after === undefined);
      const then = this.#steps.filter((s) => s.after === 'records');
      outcomes = await Promise.all(first.map((s) => s.run(ctx)));
      if (then.length > 0) {
        const records = [...new Set(outcomes.flatMap((o) => o.records ?? []))];
        outcomes.push(...(await Promise.all(then.map((s) => s.run({ ...ctx, records })))));
      }
      [...first, ...then].forEach((step, i) => {
        const outcome = outcomes[i]!;
        // EES's data is the travel history the screen shows first; every other system's sits under `extra`.
        if (step.system === 'ees') {
          result.ees = outcome.data as BorderCheckResult['ees'];
        } else {
          result.extra[step.system] = outcome.data;
        }
        result.findings.push(...outcome.findings);
      });
      present = outcomes.some((o) => o.present === true);
      if (present) {
        result.findings = result.findings.map(atExit);
      }
    }
    result.findings.sort((a, b) => ORDER[a.level] - ORDER[b.level]);
    result.verdict = verdictOf(result);
    // The check's audit record and what the steps record (SIS hits) are written together or not at all, in
    // one group-commit batch with the records of concurrent checks; the answer waits for that commit.
    await this.#deps.audit.commit({
      work: async (trx) => {
        for (const outcome of outcomes) {
          await outcome.record?.(trx, { present });
        }
      },
      // Built after the steps recorded: the hits they reported are referenced.
      entries: () => [
        {
          actor: input.actor,
          system: 'ees',
          component: 'border-check',
          operation: 'border-check.run',
          outcome: 'success',
          purpose,
          legalBasis: 'Reg. (EU) 2016/399 art. 8; Reg. (EU) 2017/2226 art. 23',
          // The types of biometric data used, never the data (EES art. 46(1)(d); 2018/1862 art. 12).
          queryDataTypes: [
            'mrz',
            ...new Set((live ?? []).map((t) => (t.modality === 'face' ? 'facialImage' : 'fingerprints'))),
          ],
          resultSummary: `${result.verdict}: ${result.findings.map((f) => f.code).join(', ') || 'no findings'}`,
          recordRefs: [
            ...(result.ees.file ? [result.ees.file.file.id] : []),
            ...result.findings.flatMap((f) => (f.hitId === undefined ? [] : [f.hitId])),
          ],
          requestId: input.requestId ?? null,
        },
      ],
    });
    return result;
  }
}
