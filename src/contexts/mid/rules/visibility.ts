import { COLOR_MEANINGS } from './verification.ts';
import type { Actor, Permission } from '../../access/index.ts';
import type { CirRef, CirSystem } from '../../cir/index.ts';
import type { LinkNotice, MidLink, MidViewer } from '../model.ts';

/**
 * The permissions that give an authority access to a CIR system or to SIS, for art. 26 (Regs. (EU) 2019/817
 * and 2019/818): reading or writing EES files (EES arts. 9, 23-27); reading ETIAS application files or the
 * border and immigration queries (ETIAS arts. 13, 47, 49); reading Eurodac datasets (2024/1358 art. 40);
 * searching or reading SIS alerts (2018/1862 art. 44). Designated law-enforcement access (Eurodac art. 33,
 * the CIR flag search of art. 22) is conditional access after a request, not access to the system [K].
 */
export const ACCESS_BY_SYSTEM: Readonly<Record<CirSystem, readonly Permission[]>> = Object.freeze({
  ees: ['ees:read', 'ees:write'],
  etias: ['etias:read', 'etias:border-query', 'etias:immigration-query'],
  eurodac: ['eurodac:read'],
  sis: ['sis:search', 'sis:alerts:read'],
});

/** The authority looking at links and the systems its profile reaches (art. 26). */
export function viewerOf(actor: Actor): MidViewer {
  const held = new Set(actor.profile.permissions);
  const systems = new Set<CirSystem>();
  for (const [system, permissions] of Object.entries(ACCESS_BY_SYSTEM) as Array<
    [CirSystem, readonly Permission[]]
  >) {
    if (permissions.some((p) => held.has(p))) {
      systems.add(system);
    }
  }
  return { authorityType: actor.authorityType, memberState: actor.memberState, systems };
}

const systemOf = (ref: CirRef): CirSystem => ref.slice(0, ref.indexOf(':')) as CirSystem;

/** Whether the viewer is the link's verifying authority (art. 29, recorded in the file, art. 34(d)). */
export function isVerifierOf(viewer: MidViewer, link: Pick<MidLink, 'verifier'>): boolean {
  return (
    viewer.authorityType === link.verifier.authorityType && viewer.memberState === link.verifier.memberState
  );
}

/**
 * Whether the viewer may see a link while looking at `record`, one of its two records, in a query's answer
 * (a border check, a portal query, a SIS search, a CIR query). `matched` are the records the same query
 * returned. Regs. (EU) 2019/817 and 2019/818 art. 26:
 * - (1) the verifying authority sees its links, every colour;
 * - (2) red: every authority with access to at least one CIR system or SIS (the data of art. 34(a)-(b));
 * - (3) white: only an authority with access to both linked systems;
 * - (4) green: only an authority with access to both linked systems, and only when its query matched both
 *   records;
 * - yellow: besides the verifier, shown as "not yet verified" (art. 30) to an authority with access to the
 *   system of the record it is looking at. [K] Art. 26 names no yellow reader; SBC art. 8(4a) (inserted by
 *   2019/817 art. 59) has the border guard consult the CIR and SIS and perform additional checks when a
 *   query shows a yellow or a red link, which only works if the guard sees the yellow link: this reading
 *   extends it to every query answer of a system the viewer has access to.
 */
export function mayView(
  viewer: MidViewer,
  link: Pick<MidLink, 'color' | 'records' | 'verifier'>,
  options: { record: CirRef; matched?: readonly CirRef[] },
): boolean {
  if (!link.records.includes(options.record)) {
    return false;
  }
  if (isVerifierOf(viewer, link)) {
    return true;
  }
  const [a, b] = link.records;
  const both = viewer.systems.has(systemOf(a)) && viewer.systems.has(systemOf(b));
  switch (link.color) {
    case 'red':
      return viewer.systems.size > 0;
    case 'white':
      return both;
    case 'green': {
      const matched = new Set(options.matched ?? []);
      return both && matched.has(a) && matched.has(b);
    }
    case 'yellow':
      return viewer.systems.has(systemOf(options.record));
  }
}

/**
 * The notice of a link the viewer may see (see {@link mayView}), as `record` shows it: the other record by its
 * reference where the viewer has access to that record's system, else only the system (art. 26: the data of
 * a system reach only those with access to it). Null when the viewer may not see the link.
 */
export function noticeOf(
  viewer: MidViewer,
  link: Pick<MidLink, 'id' | 'icf' | 'color' | 'records' | 'verifier'>,
  options: { record: CirRef; matched?: readonly CirRef[] },
): LinkNotice | null {
  if (!mayView(viewer, link, options)) {
    return null;
  }
  const other = link.records[0] === options.record ? link.records[1] : link.records[0];
  const otherSystem = systemOf(other);
  return {
    linkId: link.id,
    icf: link.icf,
    color: link.color,
    record: options.record,
    other: viewer.systems.has(otherSystem) || isVerifierOf(viewer, link) ? other : { system: otherSystem },
    verifier: link.verifier,
    meaning: COLOR_MEANINGS[link.color],
  };
}
