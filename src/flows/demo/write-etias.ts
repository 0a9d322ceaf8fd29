import type { Actor } from '../../contexts/access/index.ts';
import { importLines, type ImportSummary } from '../import/index.ts';
import type { Services } from '../../services.ts';
import { etiasCentralUnit } from './authorities.ts';
import type { PlannedApplication } from './plan-etias.ts';
import type { DemoWorldPlan } from './plan.ts';

const PURPOSE = 'etias-examination';

/** The import id of a planned application. */
export const demoApplicationId = (a: Pick<PlannedApplication, 'ref'>): string => `app_demo-${a.ref}`;

/** A planned application as one line of an ETIAS import (the public route's body, with id and time). */
export function applicationLine(a: PlannedApplication): string {
  return JSON.stringify({
    id: demoApplicationId(a),
    ...(a.submittedAt === undefined ? {} : { submittedAt: a.submittedAt }),
    ...a.input,
  });
}

/**
 * The ETIAS part of the demo world, written as the Central Unit and the applicants would: the Central Unit
 * enters the screening rule (art. 33: draft, impact measured, activated) and the watchlist entry (art. 34,
 * checked against SIS first), the applications arrive through the bulk path (`interlink import etias`: each
 * processed by every registered check, art. 20), and the Central Unit confirms the hits of the cases planned
 * for the National Unit of Spain (art. 22(5)); the others stay in its queue.
 */
export async function writeEtias(
  services: Services,
  plan: DemoWorldPlan,
  options: { applyInProcess?: boolean } = {},
): Promise<ImportSummary> {
  const cu: Actor = await etiasCentralUnit(services.access);
  const call = { actor: cu, purpose: PURPOSE };
  const rule = plan.etias.rule;
  const draft = await services.etiasRules.createDraft({
    ...call,
    rule: {
      name: rule.name,
      riskType: 'illegal-immigration',
      // Art. 33(2)(e): a member state's rates of overstay and refusal of entry for a group of travellers.
      legalBasis: 'e',
      boardReference: 'ETIAS Screening Board, consultation 2026/01 (demo)',
      predicates: {
        ageRange: { min: rule.ageMin, max: rule.ageMax },
        residenceCountries: rule.residenceCountries,
        occupationGroups: rule.occupations,
      },
    },
  });
  const measured = await services.etiasRules.measureImpact({ ...call, id: draft.id });
  await services.etiasRules.activate({ ...call, id: draft.id, expectedVersion: measured.version });
  for (const w of plan.etias.watchlist) {
    await services.etiasWatchlist.create({
      ...call,
      reason: w.reason,
      data: {
        surname: w.surname,
        givenNames: w.givenNames,
        birthDate: w.birthDate,
        nationalities: [w.nationality],
        ...(w.documentNumber === undefined ? {} : { documents: [{ number: w.documentNumber }] }),
      },
    });
  }
  const summary = await importLines(services, plan.etias.applications.map(applicationLine), {
    system: 'etias',
    ...(options.applyInProcess === undefined ? {} : { applyInProcess: options.applyInProcess }),
  });
  // A check that did not answer in time (a loaded machine) leaves its application pending, as the route
  // does; the job that runs them again (art. 20) concludes them, one at a time.
  for (let round = 0; round < 3; round += 1) {
    const { examined } = await services.etias.processPending({ limit: plan.etias.applications.length });
    if (examined === 0) {
      break;
    }
  }
  for (const a of plan.etias.applications.filter((x) => x.confirmByCentralUnit)) {
    const id = demoApplicationId(a);
    const file = await services.etias.view({ ...call, id });
    for (const hit of file.hits.filter((h) => h.state === 'open')) {
      await services.etias.verifyHit({
        ...call,
        applicationId: id,
        hitId: hit.id,
        verdict: 'confirmed',
        note: 'The data of the application correspond to the record (demo)',
      });
    }
  }
  return summary;
}
