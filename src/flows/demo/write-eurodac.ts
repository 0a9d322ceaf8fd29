import type { Actor } from '../../contexts/access/index.ts';
import type { EurodacService } from '../../contexts/eurodac/index.ts';
import type { SyntheticBiometrics } from '../../contexts/sbms/index.ts';
import { captureFile, type PlannedDataset } from './plan-biometrics.ts';

const ASYLUM_PURPOSE = 'asylum-procedure';

export interface EurodacWritten {
  /** Dataset ids by plan reference. */
  ids: Map<string, string>;
  /** Hits the registrations made, as `D08->D01` (the plan's references). */
  hits: string[];
}

/**
 * Registers the demo's Eurodac datasets in the plan's order, each by its asylum authority through the
 * Eurodac service (its 1:N comparison, its hits and its log, as for any registration): a person registered
 * earlier is found again, and the hit waits for the registering state's fingerprint expert.
 */
export async function writeEurodac(
  eurodac: EurodacService,
  datasets: readonly PlannedDataset[],
  actors: ReadonlyMap<string, Actor>,
  generator: SyntheticBiometrics,
): Promise<EurodacWritten> {
  const ids = new Map<string, string>();
  const refs = new Map<string, string>();
  const hits: string[] = [];
  for (const d of datasets) {
    const file = captureFile(d.capture, generator);
    const { value } = await eurodac.register(
      { actor: actors.get(d.author)!, purpose: ASYLUM_PURPOSE },
      {
        category: d.category,
        fingerprints: file.fingerprints,
        ...(file.face === undefined ? {} : { face: file.face }),
        identity: d.identity,
      },
    );
    ids.set(d.ref, value.id);
    refs.set(value.id, d.ref);
    for (const h of value.hits) {
      hits.push(`${d.ref}->${refs.get(h.datasetId) ?? h.datasetId}`);
    }
  }
  return { ids, hits };
}
