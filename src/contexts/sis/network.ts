import type { AlertCategory, AlertInput, ObjectType } from './model.ts';
import { CATEGORY_INFO } from './model.ts';
import type { SisContext } from './context.ts';

/** One alert as the network map draws it: who or what it is about, and what decides who may see it. */
export interface NetworkAlertFact {
  id: string;
  kind: 'person' | 'object';
  category: AlertCategory;
  categoryLabel: string;
  covert: boolean;
  objectType: ObjectType | null;
  action: string;
  issuingState: string;
  issuingAuthority: string;
  createdAt: string;
  reviewDue: string;
  /** Person: surname and given names; object: its type and first identifier. */
  label: string;
  person: { birthDate: string | null; nationalities: string[] } | null;
  object: { make: string | null; model: string | null; description: string | null } | null;
  /** The object's identifiers, compacted (upper-case letters and digits only), as the readers match them. */
  identifiers: Array<{ kind: string; value: string; country: string | null }>;
}

/** A hit on an alert: where, when and by which authority (2018/1862 art. 8; the hit's SIRENE exchange). */
export interface NetworkHitFact {
  id: string;
  alertId: string;
  at: string;
  place: string;
  reportingAuthority: string;
  reportingState: string;
}

/** The alerts, art. 63 links and hits the network map starts from. */
export interface SisNetworkFacts {
  alerts: NetworkAlertFact[];
  links: Array<{ a: string; b: string; createdAt: string }>;
  hits: NetworkHitFact[];
  /** A limit was reached: some links or hits were left out. */
  truncated: boolean;
}

/** At most this many hits and links are read for one graph; the flow caps the nodes it draws further. */
export const NETWORK_FACT_LIMIT = 50_000;

function labelOf(c: AlertInput): string {
  if (c.person !== undefined) {
    return (
      [c.person.surname, c.person.givenNames].filter((x) => x !== undefined && x !== '').join(' ') || '—'
    );
  }
  const first = c.object?.identifiers[0];
  return `${c.object?.type ?? 'object'} ${first?.value ?? ''}`.trim();
}

/**
 * The facts of the network map (issue 17): the hits reported in `[from, to)`, every art. 63 link
 * (2018/1862 art. 63: alerts linked by the issuing states, a standing relation), and the alerts they touch
 * plus `alertIds` (a focus). Internal: no access check and no log — the network flow checks `network:read`,
 * applies {@link canSeeAlert} to every alert and logs the whole answer once.
 */
export async function networkFacts(
  ctx: SisContext,
  query: { from: Date; to: Date; alertIds?: readonly string[]; limit?: number },
): Promise<SisNetworkFacts> {
  const db = ctx.database.db;
  const limit = query.limit ?? NETWORK_FACT_LIMIT;
  const [hits, links] = await Promise.all([
    ctx.repo.hitsBetween(db, query.from, query.to, limit + 1),
    ctx.repo.allLinks(db, limit + 1),
  ]);
  const truncated = hits.length > limit || links.length > limit;
  const ids = new Set<string>(query.alertIds ?? []);
  for (const h of hits.slice(0, limit)) {
    ids.add(h.alert_id);
  }
  for (const l of links.slice(0, limit)) {
    ids.add(l.a);
    ids.add(l.b);
  }
  const all = [...ids];
  const alerts: NetworkAlertFact[] = [];
  const identifiers = new Map<string, NetworkAlertFact['identifiers']>();
  for (let i = 0; i < all.length; i += 5000) {
    const chunk = all.slice(i, i + 5000);
    for (const r of await ctx.repo.identifiersOf(db, chunk)) {
      if (r.kind === 'plate' || r.kind === 'vin' || r.kind === 'container') {
        const list = identifiers.get(r.alert_id) ?? [];
        list.push({ kind: r.kind, value: r.norm, country: r.country });
        identifiers.set(r.alert_id, list);
      }
    }
    for (const r of await ctx.repo.findAlerts(db, chunk)) {
      const c = r.content as AlertInput;
      alerts.push({
        id: r.id,
        kind: CATEGORY_INFO[c.category].kind,
        category: c.category,
        categoryLabel: CATEGORY_INFO[c.category].label,
        covert: r.covert,
        objectType: (r.object_type as ObjectType | null) ?? null,
        action: r.action,
        issuingState: r.issuing_state,
        issuingAuthority: r.issuing_authority,
        createdAt: r.created_at.toISOString(),
        reviewDue: r.review_due,
        label: labelOf(c),
        person:
          c.person === undefined
            ? null
            : { birthDate: c.person.birthDate ?? null, nationalities: c.person.nationalities ?? [] },
        object:
          c.object === undefined
            ? null
            : {
                make: c.object.make ?? null,
                model: c.object.model ?? null,
                description: c.object.description ?? null,
              },
        identifiers: identifiers.get(r.id) ?? [],
      });
    }
  }
  const known = new Set(alerts.map((a) => a.id));
  return {
    alerts: alerts.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)),
    links: links
      .slice(0, limit)
      .filter((l) => known.has(l.a) && known.has(l.b))
      .map((l) => ({ a: l.a, b: l.b, createdAt: l.created_at.toISOString() })),
    hits: hits
      .slice(0, limit)
      .filter((h) => known.has(h.alert_id))
      .map((h) => ({
        id: h.id,
        alertId: h.alert_id,
        at: h.created_at.toISOString(),
        place: h.place,
        reportingAuthority: h.reporting_authority,
        reportingState: h.reporting_state,
      })),
    truncated,
  };
}

/** The alerts holding an identifier (plate, VIN, container number), compacted; for a focus on an object. */
export async function alertsWithIdentifier(ctx: SisContext, value: string): Promise<string[]> {
  return ctx.repo.alertIdsWithIdentifier(ctx.database.db, value);
}
