import { requireAccess, type Purpose } from '../../access/index.ts';
import { conflict, invalid, notFound } from '../../../platform/errors.ts';
import { isoDate, plusDays, plusMonths } from '../../../platform/dates.ts';
import type { Executor } from '../../../platform/database/index.ts';
import type { CheckHit, CheckOutcome, CheckSubject, EtiasCheck } from '../model.ts';
import { log, newId, today, type Call, type RulesDeps } from './context.ts';
import { RULES_ERRORS } from './errors.ts';
import { RulesRepository, type RuleImpact, type StoredRule } from './repository.ts';
import {
  evaluateRule,
  explainMatch,
  isSexOrAgeAlone,
  LEGAL_BASES,
  RISK_TYPES,
  validatePredicates,
  type LegalBasis,
  type RiskType,
  type RulePredicates,
  type RuleStatus,
  type ScreeningData,
} from './rule.ts';

const EXAMINATION: readonly Purpose[] = ['etias-examination'];
const LEGAL = 'Reg. (EU) 2018/1240 art. 33';

/** What the Central Unit writes for a rule (a first draft or a new version). */
export interface RuleInput {
  name: string;
  riskType: RiskType;
  /** The art. 33(2) source (a-f). */
  legalBasis: LegalBasis;
  /** The Screening Board's consultation reference (art. 33(6), art. 9). */
  boardReference: string;
  predicates: RulePredicates;
}

/** One version of a rule as the interface shows it. */
export interface RuleView {
  id: string;
  version: number;
  name: string;
  riskType: RiskType;
  legalBasis: LegalBasis;
  boardReference: string;
  predicates: RulePredicates;
  author: string;
  createdAt: string;
  reviewDue: string;
  status: RuleStatus;
  /** The impact measured for THIS version, or null: activation needs it. */
  impact: RuleImpact | null;
  activatedAt: string | null;
  activatedBy: string | null;
  retiredAt: string | null;
  retiredBy: string | null;
  /** The record reference its hits carry. */
  recordRef: string;
}

export function presentRule(r: StoredRule): RuleView {
  return {
    id: r.id,
    version: r.version,
    name: r.name,
    riskType: r.risk_type as RiskType,
    legalBasis: r.legal_basis as LegalBasis,
    boardReference: r.board_reference,
    predicates: r.predicates,
    author: r.author,
    createdAt: r.created_at.toISOString(),
    reviewDue: r.review_due,
    status: r.status as RuleStatus,
    impact: r.impact !== null && r.impact.version === r.version ? r.impact : null,
    activatedAt: r.activated_at?.toISOString() ?? null,
    activatedBy: r.activated_by,
    retiredAt: r.retired_at?.toISOString() ?? null,
    retiredBy: r.retired_by,
    recordRef: `rule:${r.id}@${r.version}`,
  };
}

/** The checks of a rule before it is stored; every problem at once. */
function checkInput(input: RuleInput): void {
  const issues = validatePredicates(input.predicates);
  if (input.name.trim() === '') {
    issues.push({ path: 'name', message: 'a rule needs a name' });
  }
  if (input.boardReference.trim() === '') {
    issues.push({
      path: 'boardReference',
      message: 'the Screening Board consultation reference is required (art. 33(6))',
    });
  }
  if (!RISK_TYPES.includes(input.riskType)) {
    issues.push({ path: 'riskType', message: `must be one of ${RISK_TYPES.join(', ')}` });
  }
  if (!LEGAL_BASES.includes(input.legalBasis)) {
    issues.push({ path: 'legalBasis', message: `must be one of ${LEGAL_BASES.join(', ')} (art. 33(2))` });
  }
  if (issues.length > 0) {
    const alone = isSexOrAgeAlone(input.predicates);
    throw invalid(
      alone ? RULES_ERRORS.ruleSexOrAgeAlone : RULES_ERRORS.ruleInvalid,
      alone
        ? 'A screening rule may never be based solely on sex or age (art. 33(5)).'
        : `The screening rule is not valid: ${issues.map((i) => `${i.path || 'rule'} ${i.message}`).join('; ')}.`,
      { issues },
    );
  }
}

/**
 * Screening rules (art. 33): the Central Unit writes them as drafts, measures the share of past applications
 * each would send to a person, activates and retires them; every change is a new version, old versions stay
 * so that past hits remain explained. A hit only routes to manual processing, never refuses (art. 33(1)).
 */
export class ScreeningRules {
  readonly #deps: RulesDeps;
  readonly #repo = new RulesRepository();

  constructor(deps: RulesDeps) {
    this.#deps = deps;
  }

  #access(call: Call): Purpose | null {
    return requireAccess({
      actor: call.actor,
      permission: 'etias:rules',
      purpose: call.purpose,
      forPurposes: EXAMINATION,
    });
  }

  /** The latest version of every rule (optionally of one status), newest first. */
  async list(call: Call & { status?: RuleStatus }): Promise<RuleView[]> {
    const purpose = this.#access(call);
    return this.#deps.database.db.transaction().execute(async (trx) => {
      const rows = await this.#repo.latest(trx, call.status ?? null);
      await log(this.#deps, trx, call, {
        purpose,
        operation: 'etias.rules.list',
        legalBasis: LEGAL,
        resultSummary: `${rows.length} rule(s)`,
      });
      return rows.map(presentRule);
    });
  }

  /** Every version of one rule, latest first. */
  async versions(call: Call & { id: string }): Promise<RuleView[]> {
    const purpose = this.#access(call);
    return this.#deps.database.db.transaction().execute(async (trx) => {
      const rows = await this.#repo.versions(trx, call.id);
      if (rows.length === 0) {
        throw notFound(RULES_ERRORS.ruleNotFound, `There is no screening rule ${call.id}.`);
      }
      await log(this.#deps, trx, call, {
        purpose,
        operation: 'etias.rules.read',
        legalBasis: LEGAL,
        recordRefs: [`rule:${call.id}`],
        resultSummary: `${rows.length} version(s)`,
      });
      return rows.map(presentRule);
    });
  }

  /** Writes a new rule as a draft, version 1; its review falls 6 months later [K]. */
  async createDraft(call: Call & { rule: RuleInput }): Promise<RuleView> {
    const purpose = this.#access(call);
    checkInput(call.rule);
    return this.#write(call, purpose, 'etias.rules.create', async (trx) => {
      const row = this.#row(call, newId('sr'), 1, call.rule);
      await this.#repo.insert(trx, row);
      return row;
    });
  }

  /**
   * Changes a rule: the change is a new version, a draft (the running version keeps running until the new one
   * is activated). `expectedVersion` is the latest version the writer saw.
   */
  async newVersion(call: Call & { id: string; expectedVersion: number; rule: RuleInput }): Promise<RuleView> {
    const purpose = this.#access(call);
    checkInput(call.rule);
    return this.#write(call, purpose, 'etias.rules.version', async (trx) => {
      const latest = await this.#latest(trx, call.id);
      if (latest.version !== call.expectedVersion) {
        throw conflict(
          RULES_ERRORS.ruleVersionConflict,
          `Rule ${call.id} is at version ${latest.version}, not ${call.expectedVersion}: reload it.`,
          { version: latest.version },
        );
      }
      const row = this.#row(call, call.id, latest.version + 1, call.rule);
      await this.#repo.insert(trx, row);
      return row;
    });
  }

  /**
   * Measures the latest version's impact: the share of the applications of the last `impactDays` days it
   * would send to manual processing, by evaluating its predicates over each stored application (digest §3.1,
   * art. 33(6)). Stored with the version; activation needs it.
   */
  async measureImpact(call: Call & { id: string }): Promise<RuleView> {
    const purpose = this.#access(call);
    return this.#write(call, purpose, 'etias.rules.impact', async (trx) => {
      const latest = await this.#latest(trx, call.id);
      const impact = await this.#impact(trx, latest);
      await this.#repo.setImpact(trx, latest.id, latest.version, impact);
      return { ...latest, impact };
    });
  }

  /** Activates the latest version, a draft with its impact measured; the version that ran until now retires. */
  async activate(call: Call & { id: string; expectedVersion: number }): Promise<RuleView> {
    const purpose = this.#access(call);
    return this.#write(call, purpose, 'etias.rules.activate', async (trx) => {
      const latest = await this.#latest(trx, call.id);
      if (latest.version !== call.expectedVersion) {
        throw conflict(
          RULES_ERRORS.ruleVersionConflict,
          `Rule ${call.id} is at version ${latest.version}, not ${call.expectedVersion}: reload it.`,
          { version: latest.version },
        );
      }
      if (latest.status !== 'draft') {
        throw conflict(
          RULES_ERRORS.ruleNotDraft,
          `Version ${latest.version} of rule ${call.id} is ${latest.status}.`,
        );
      }
      if (latest.impact?.version !== latest.version) {
        throw conflict(
          RULES_ERRORS.ruleImpactMissing,
          `Measure the impact of version ${latest.version} before activating it.`,
        );
      }
      const at = this.#deps.clock.now();
      await this.#repo.activate(trx, latest.id, latest.version, call.actor.username, at);
      return { ...latest, status: 'active', activated_at: at, activated_by: call.actor.username };
    });
  }

  /** Retires a rule (every version): it no longer runs; its versions stay to explain past hits. */
  async retire(call: Call & { id: string }): Promise<RuleView> {
    const purpose = this.#access(call);
    return this.#write(call, purpose, 'etias.rules.retire', async (trx) => {
      const latest = await this.#latest(trx, call.id);
      const at = this.#deps.clock.now();
      await this.#repo.retire(trx, latest.id, call.actor.username, at);
      return { ...latest, status: 'retired', retired_at: at, retired_by: call.actor.username };
    });
  }

  /** The rule version a hit names (`rule:<id>@<version>`), for the explanation of a past hit. */
  async explainRef(db: Executor, recordRef: string): Promise<RuleView | null> {
    const m = /^rule:([^@]+)@(\d+)$/u.exec(recordRef);
    if (m === null) {
      return null;
    }
    const row = await this.#repo.version(db, m[1]!, Number(m[2]));
    return row === undefined ? null : presentRule(row);
  }

  /**
   * The check automated processing runs (art. 20(5)): every active rule against the application; a hit per
   * rule that holds, with rule `SCREENING_RULE`, record `rule:<id>@<version>` and one line per predicate. No
   * refusal ground: a screening-rule hit only sends the application to a person (art. 33(1)).
   */
  check(): EtiasCheck {
    return {
      system: 'etias-screening',
      run: async (subject: CheckSubject): Promise<CheckOutcome> => {
        const rules = await this.#repo.active(this.#deps.database.db);
        const data = screeningDataOf(subject, today(this.#deps.clock));
        return { hits: rules.flatMap((r) => ruleHit(r, data)) };
      },
    };
  }

  #row(call: Call, id: string, version: number, rule: RuleInput): StoredRule {
    const now = this.#deps.clock.now();
    return {
      id,
      version,
      name: rule.name.trim(),
      risk_type: rule.riskType,
      legal_basis: rule.legalBasis,
      predicates: rule.predicates,
      board_reference: rule.boardReference.trim(),
      author: call.actor.username,
      created_at: now,
      review_due: plusMonths(isoDate(now), this.#deps.ruleReviewMonths),
      status: 'draft',
      impact: null,
      activated_at: null,
      activated_by: null,
      retired_at: null,
      retired_by: null,
    };
  }

  async #latest(trx: Executor, id: string): Promise<StoredRule> {
    const [latest] = await this.#repo.versions(trx, id, true);
    if (latest === undefined) {
      throw notFound(RULES_ERRORS.ruleNotFound, `There is no screening rule ${id}.`);
    }
    if (latest.status === 'retired') {
      throw conflict(RULES_ERRORS.ruleRetired, `Rule ${id} is retired.`);
    }
    return latest;
  }

  async #impact(db: Executor, rule: StoredRule): Promise<RuleImpact> {
    const now = this.#deps.clock.now();
    const to = isoDate(now);
    const from = plusDays(to, -this.#deps.impactDays);
    let total = 0;
    let matched = 0;
    let matchedIssued = 0;
    let after: string | null = null;
    for (;;) {
      const page = await this.#deps.applications.page(db, {
        from: new Date(`${from}T00:00:00Z`),
        after,
        limit: 2000,
      });
      for (const a of page) {
        total += 1;
        if (evaluateRule(rule.predicates, a.screening) !== null) {
          matched += 1;
          if (a.status === 'issued') {
            matchedIssued += 1;
          }
        }
      }
      if (page.length < 2000) {
        break;
      }
      after = page[page.length - 1]!.id;
    }
    return {
      version: rule.version,
      computedAt: now.toISOString(),
      from,
      to,
      total,
      matched,
      matchedIssued,
      share: total === 0 ? 0 : matched / total,
    };
  }

  async #write(
    call: Call,
    purpose: Purpose | null,
    operation: string,
    work: (trx: Executor) => Promise<StoredRule>,
  ): Promise<RuleView> {
    return this.#deps.database.db.transaction().execute(async (trx) => {
      const row = await work(trx);
      const view = presentRule(row);
      await log(this.#deps, trx, call, {
        purpose,
        operation,
        legalBasis: LEGAL,
        recordRefs: [view.recordRef],
        resultSummary: `rule "${view.name}" version ${view.version} ${view.status}${view.impact ? `, impact ${view.impact.matched}/${view.impact.total}` : ''}`,
      });
      return view;
    });
  }
}

/** The art. 33(4) data of an application, from what automated processing hands the checks. */
export function screeningDataOf(subject: CheckSubject, day: string): ScreeningData {
  return {
    birthDate: subject.birthDate,
    applicationDate: subject.applicationDate ?? day,
    sex: subject.sex,
    nationalities: subject.nationalities,
    residence: subject.residence,
    education: subject.education,
    occupation: subject.occupation,
  };
}

/** The hit of one rule version on one application, or none. */
export function ruleHit(rule: StoredRule, data: ScreeningData): CheckHit[] {
  const matched = evaluateRule(rule.predicates, data);
  if (matched === null) {
    return [];
  }
  return [
    {
      source: 'screening-rule',
      recordRef: `rule:${rule.id}@${rule.version}`,
      rule: 'SCREENING_RULE',
      explanation: explainMatch(rule, matched),
      record: {
        name: rule.name,
        version: rule.version,
        riskType: rule.risk_type,
        legalBasis: `art. 33(2)(${rule.legal_basis})`,
        predicates: rule.predicates,
      },
    },
  ];
}
