import type { ImportedFile } from '../../contexts/ees/index.ts';
import { SyntheticBiometrics, type TemplateInput } from '../../contexts/sbms/index.ts';
import type { ImportedAlert as ImportedSisAlert } from '../../contexts/sis/index.ts';
import { importLines, type ImportBatchHook, type ImportSummary } from '../import/index.ts';
import type { Services } from '../../services.ts';
import { DEMO_ALERT_AUTHORS } from './authorities.ts';
import { PlanCalendar } from './calendar.ts';
import { planEesWithMore, type PlannedTraveller } from './plan-ees.ts';
import { planMid } from './plan-mid.ts';
import { DEMO_GENERIC_TRAVELLERS, type DemoWorldPlan } from './plan.ts';
import { captureTemplates, planBiometrics } from './plan-biometrics.ts';
import { planEtias } from './plan-etias.ts';
import { planSisWithMore, type PlannedAlert } from './plan-sis.ts';

/** A demo traveller as one line of an EES import: the file and its crossings in the API's shapes. */
export function travellerLine(t: PlannedTraveller): ImportedFile {
  return {
    id: `eesf_demo-${t.ref}`,
    file: t.file,
    crossings: t.events.map((e) =>
      e.kind === 'entry'
        ? {
            kind: 'entry' as const,
            at: e.at,
            bcpId: e.bcpId,
            ...(e.visa === undefined ? {} : { visa: e.visa }),
            ...(e.familyMember === true ? { familyMember: true } : {}),
          }
        : e.kind === 'exit'
          ? { kind: 'exit' as const, at: e.at, bcpId: e.bcpId }
          : { kind: 'refusal' as const, at: e.at, bcpId: e.bcpId, reasons: e.reasons },
    ),
  };
}

/** A demo alert as one line of a SIS import, issued by its author's authority; `round` keeps ids apart. */
export function alertLine(a: PlannedAlert, round: number, biometrics?: TemplateInput[]): ImportedSisAlert {
  const idOf = (ref: string) => `sis_demo-${round === 0 ? '' : `r${round}-`}${ref}`;
  const issuer = DEMO_ALERT_AUTHORS[a.author].authority;
  return {
    id: idOf(a.ref),
    alert: {
      ...a.input,
      ...(a.linkRefs.length > 0 ? { links: a.linkRefs.map(idOf) } : {}),
      ...(biometrics === undefined ? {} : { biometrics }),
    },
    ...(a.enteredOn === undefined ? {} : { enteredOn: a.enteredOn }),
    issuer: { memberState: issuer.memberState, authority: issuer.name },
  };
}

export interface ScaledWorldOptions {
  seed: string;
  today: string;
  /** Travellers in all (at least those of the standard world). */
  travellers: number;
  /** SIS alerts in all (default: as many as travellers). */
  alerts?: number;
  batchSize?: number;
  onBatch?: ImportBatchHook;
  /** Apply imported identities to this process's identity index after each commit (default true). */
  applyInProcess?: boolean;
  onProgress?: (done: number, total: number) => void;
}

/**
 * The demo world at scale, written through the bulk importer: the standard world (its marked travellers
 * and alerts, so the things to try hold), then generic travellers and rounds of the SIS mix from the same
 * seeded planners until the sizes asked for, streamed as NDJSON-shaped lines (never held all at once).
 */
export async function writeScaledWorld(
  services: Services,
  options: ScaledWorldOptions,
): Promise<{ plan: DemoWorldPlan; ees: ImportSummary; sis: ImportSummary }> {
  const cal = new PlanCalendar(options.today);
  const pool = Math.max(1_000_000, options.travellers * 3);
  const ees = planEesWithMore(options.seed, cal, DEMO_GENERIC_TRAVELLERS, pool);
  const sis = planSisWithMore(options.seed, cal, ees.plan.travellers, pool);
  const plan: DemoWorldPlan = {
    seed: options.seed,
    today: options.today,
    travellers: ees.plan.travellers,
    firstTimer: ees.plan.firstTimer,
    alerts: sis.alerts,
    etias: planEtias(options.seed, cal, ees.plan.travellers, sis.alerts),
    biometrics: planBiometrics(options.seed, cal, ees.plan.travellers, sis.alerts),
    mid: planMid(options.seed, cal),
  };
  const travellers = Math.max(options.travellers, plan.travellers.length);
  const alerts = Math.max(options.alerts ?? options.travellers, plan.alerts.length);
  const total = travellers + alerts;
  const common = {
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    ...(options.onBatch === undefined ? {} : { onBatch: options.onBatch }),
    ...(options.applyInProcess === undefined ? {} : { applyInProcess: options.applyInProcess }),
  };
  function* eesLines(): Generator<string> {
    for (const t of plan.travellers) {
      yield JSON.stringify(travellerLine(t));
    }
    for (let i = plan.travellers.length; i < travellers; i += 1) {
      yield JSON.stringify(travellerLine(ees.more()));
    }
  }
  // The marked alerts' photographs go with them (the EES import takes no templates: its files have none).
  const generator = new SyntheticBiometrics({ dimensions: services.sbms.settings.dimensions });
  const photographs = new Map(plan.biometrics.sis.map((x) => [x.alertRef, x.capture]));
  function* sisLines(): Generator<string> {
    for (const a of plan.alerts) {
      const photograph = photographs.get(a.ref);
      yield JSON.stringify(
        alertLine(a, 0, photograph === undefined ? undefined : captureTemplates(photograph, generator)),
      );
    }
    let left = alerts - plan.alerts.length;
    for (let round = 1; left > 0; round += 1) {
      for (const a of sis.more()) {
        // Cut at the size asked for (links name earlier alerts of the round, so none is cut off).
        if (left === 0) {
          break;
        }
        yield JSON.stringify(alertLine(a, round));
        left -= 1;
      }
    }
  }
  const eesSummary = await importLines(services, eesLines(), {
    system: 'ees',
    ...common,
    onProgress: (p) => options.onProgress?.(p.lines, total),
  });
  const sisSummary = await importLines(services, sisLines(), {
    system: 'sis',
    ...common,
    onProgress: (p) => options.onProgress?.(travellers + p.lines, total),
  });
  return { plan, ees: eesSummary, sis: sisSummary };
}
