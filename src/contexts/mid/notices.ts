import { requireAccess, type Actor } from '../access/index.ts';
import type { AuditLog } from '../audit/index.ts';
import { CIR_SYSTEMS, type CirRef, type CirSystem } from '../cir/index.ts';
import { invalid } from '../../platform/errors.ts';
import type { Call } from '../../platform/calls.ts';
import type { LinkNotice, MidLink } from './model.ts';
import { ACCESS_BY_SYSTEM, noticeOf, viewerOf } from './rules/visibility.ts';

/** What the notices read: the stored links of the given records (one query, either end of the link). */
export interface NoticeDeps {
  linksOf(records: readonly CirRef[]): Promise<readonly MidLink[]>;
  audit: AuditLog;
}

/**
 * The notices of the links of `records` that the actor may see (art. 26), per record; `matched` are the records
 * the same query returned (a green link needs both). One read for all of them, none for an actor who may see
 * no link at all (no CIR system, no SIS, not a verifying authority).
 */
export async function noticesFor(
  deps: Pick<NoticeDeps, 'linksOf'>,
  actor: Actor,
  records: readonly CirRef[],
  options: { matched?: readonly CirRef[] } = {},
): Promise<Map<CirRef, LinkNotice[]>> {
  const out = new Map<CirRef, LinkNotice[]>();
  const viewer = viewerOf(actor);
  if (
    records.length === 0 ||
    (viewer.systems.size === 0 && !actor.profile.permissions.includes('mid:verify'))
  ) {
    return out;
  }
  const wanted = new Set(records);
  const links = await deps.linksOf([...wanted]);
  for (const link of links) {
    for (const record of link.records) {
      if (!wanted.has(record)) {
        continue;
      }
      const notice = noticeOf(viewer, link, { record, matched: options.matched ?? [] });
      if (notice !== null) {
        const list = out.get(record);
        if (list === undefined) {
          out.set(record, [notice]);
        } else {
          list.push(notice);
        }
      }
    }
  }
  return out;
}

const REF = /^([a-z]+):([A-Za-z0-9._-]{1,128})$/u;

/** A record reference as the API takes it, `<system>:<record id>`, or a 400 that says what is wrong. */
export function parseRecordRef(text: string): CirRef {
  const m = REF.exec(text);
  if (m === null || !CIR_SYSTEMS.includes(m[1] as CirSystem)) {
    throw invalid(
      'MID_RECORD_REF_INVALID',
      `"${text.slice(0, 140)}" is not a record reference: write <system>:<record id>, the system one of ${CIR_SYSTEMS.join(', ')} (e.g. ees:eesf_…).`,
      { systems: CIR_SYSTEMS },
    );
  }
  return text as CirRef;
}

/**
 * The links of one record the caller may see (art. 26), for tools and tests: the caller needs access to the
 * record's system (the permission that reads it there) and a purpose its profile allows. Logged with the
 * record and the links shown (art. 36 [K]).
 */
export async function recordLinks(
  deps: NoticeDeps,
  call: Call<Actor> & { ref: string },
): Promise<{ record: CirRef; links: LinkNotice[] }> {
  const record = parseRecordRef(call.ref);
  const system = record.slice(0, record.indexOf(':')) as CirSystem;
  const readers = ACCESS_BY_SYSTEM[system];
  const permission = readers.find((p) => call.actor.profile.permissions.includes(p)) ?? readers[0]!;
  const purpose = requireAccess({ actor: call.actor, permission, purpose: call.purpose });
  const links = (await noticesFor(deps, call.actor, [record], { matched: [record] })).get(record) ?? [];
  await deps.audit.append({
    actor: call.actor,
    system: 'mid',
    component: 'mid',
    operation: 'mid.record.links',
    outcome: 'success',
    purpose,
    legalBasis: 'Reg. (EU) 2019/817 and Reg. (EU) 2019/818 arts. 26 and 36',
    queryDataTypes: ['recordRef'],
    resultSummary: links.length === 0 ? 'no visible link' : `${links.length} visible link(s)`,
    recordRefs: [record, ...links.map((l) => l.linkId)],
    requestId: call.requestId ?? null,
  });
  return { record, links };
}
