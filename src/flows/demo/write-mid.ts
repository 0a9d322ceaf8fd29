import type { CirRef } from '../../contexts/cir/index.ts';
import type { SyntheticBiometrics } from '../../contexts/sbms/index.ts';
import type { Services } from '../../services.ts';
import { importLines } from '../import/index.ts';
import { etiasCentralUnit, type DemoActors } from './authorities.ts';
import { captureTemplates } from './plan-biometrics.ts';
import { DEMO_MID_CASES, type DemoMidCase, type MidPlan } from './plan-mid.ts';
import { writeTravellers } from './write-ees.ts';
import { demoApplicationId } from './write-etias.ts';
import { writeEurodac } from './write-eurodac.ts';

const ALERT_PURPOSE = 'alert-management';
const VERIFY_PURPOSE = 'identity-verification';

/** A MID case as written: its records' CIR references, in the order of the case's `records`. */
export interface WrittenMidCase extends DemoMidCase {
  refs: CirRef[];
}

/**
 * Writes the MID cases of the demo world through the services, as the authorities would (Eurodac datasets,
 * EES files with their crossings, SIS alerts, ETIAS applications through the bulk path with automated
 * processing), so that detection runs on them as on any record. Returns each case with its CIR references.
 */
export async function writeMid(
  services: Services,
  plan: MidPlan,
  actors: DemoActors,
  generator: SyntheticBiometrics,
): Promise<WrittenMidCase[]> {
  const refs = new Map<string, CirRef>();
  const eurodac = await writeEurodac(services.eurodac, plan.datasets, actors.asylum, generator);
  for (const [ref, id] of eurodac.ids) {
    refs.set(`eurodac:${ref}`, `eurodac:${id}`);
  }
  const eesCaptures = new Map(plan.eesCaptures.map((x) => [x.travellerRef, x.capture]));
  const files = await writeTravellers(
    services,
    plan.travellers,
    actors,
    () => undefined,
    (ref) => {
      const c = eesCaptures.get(ref);
      return c === undefined ? undefined : captureTemplates(c, generator);
    },
  );
  for (const [ref, id] of files) {
    refs.set(`ees:${ref}`, `ees:${id}`);
  }
  const sisCaptures = new Map(plan.sisCaptures.map((x) => [x.alertRef, x.capture]));
  for (const a of plan.alerts) {
    const photograph = sisCaptures.get(a.ref);
    const { alert } = await services.sis.createAlert({
      actor: actors.alerts.get(a.author)!,
      purpose: ALERT_PURPOSE,
      alert: {
        ...a.input,
        ...(photograph === undefined ? {} : { biometrics: captureTemplates(photograph, generator) }),
      },
    });
    refs.set(`sis:${a.ref}`, `sis:${alert.id}`);
  }
  const lines = plan.applications.map((a) => JSON.stringify({ id: demoApplicationId(a), ...a.input }));
  await importLines(services, lines, { system: 'etias' });
  for (let round = 0; round < 3; round += 1) {
    const { examined } = await services.etias.processPending({ limit: lines.length });
    if (examined === 0) {
      break;
    }
  }
  for (const a of plan.applications) {
    refs.set(`etias:${a.ref}`, `etias:${demoApplicationId(a)}`);
  }
  const written: WrittenMidCase[] = DEMO_MID_CASES.map((c) => ({
    ...c,
    refs: c.records.map((r) => {
      const ref = refs.get(`${r.system}:${r.ref}`);
      if (ref === undefined) {
        throw new Error(
          `the demo's MID case ${c.id} names ${r.system} record ${r.ref}, which was not written`,
        );
      }
      return ref;
    }),
  }));
  // The ETIAS Central Unit has verified the shared passport already (art. 29(1)(c)): red, two people and one
  // document (art. 32(1)(d)), so that a guard checking the passport's holder sees the red link at once.
  const shared = written.find((c) => c.id === 'shared-passport')!;
  const link = (await services.mid.linksOf(shared.refs)).find(
    (l) => shared.refs.includes(l.records[0]) && shared.refs.includes(l.records[1]),
  );
  if (link !== undefined && link.color === 'yellow') {
    await services.mid.verify({
      actor: await etiasCentralUnit(services.access),
      purpose: VERIFY_PURPOSE,
      id: link.id,
      color: 'red',
      reason:
        'The application quotes the passport of an EES traveller under another identity: one passport used by two people (demo)',
    });
  }
  return written;
}
