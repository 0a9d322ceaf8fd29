import type { AuditLog } from '../../audit/index.ts';
import type { IdentityIndexService } from '../../matching/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Database } from '../../../platform/database/index.ts';
import type { EtiasService } from '../service.ts';
import { Watchlist } from '../watchlist/service.ts';
import { storedApplications } from './applications.ts';
import { ScreeningRules } from './service.ts';

/** Digest §3.1: a rule is reviewed at least every 6 months [K]. */
export const RULE_REVIEW_MONTHS = 6;
/** The period of past applications an impact is measured on. */
export const IMPACT_DAYS = 90;

/**
 * The screening rules (art. 33) and the watchlist (arts. 34-35) of an ETIAS service, their checks plugged
 * into its automated processing (art. 20(4)-(5)). The watchlist asks the service for the systems' registered
 * checks when an entry is checked against SIS (art. 35(2)(c)).
 */
export function createRulesParts(
  etias: EtiasService,
  deps: { database: Database; clock: Clock; audit: AuditLog; identityIndex?: IdentityIndexService },
): { rules: ScreeningRules; watchlist: Watchlist } {
  const shared = {
    ...deps,
    applications: storedApplications(deps.clock),
    checks: () => etias.registeredChecks(),
    watchlistReviewMonths: etias.settings.watchlistReviewMonths,
    ruleReviewMonths: RULE_REVIEW_MONTHS,
    impactDays: IMPACT_DAYS,
  };
  const rules = new ScreeningRules(shared);
  const watchlist = new Watchlist(shared);
  etias.addInternalCheck(rules.check());
  etias.addInternalCheck(watchlist.check());
  return { rules, watchlist };
}
