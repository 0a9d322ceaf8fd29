import type { Actor } from '../access/index.ts';
import type { CirRef } from '../cir/index.ts';
import type { LinkNotice } from '../mid/index.ts';
import type { SisContext } from './context.ts';
import type { PersonSearchResult } from './search-persons.ts';

/**
 * The multiple-identity detector's links of the alerts a person search returned, as far as the officer may see
 * them (Regs. (EU) 2019/817 and 2019/818 art. 26: a red link on every SIS query; a yellow one as "not yet
 * verified"; white and green only with access to the other system too). One read for the whole answer; an
 * alert without visible links gets none.
 */
export async function withLinks(
  ctx: SisContext,
  actor: Actor,
  found: { results: PersonSearchResult[] },
): Promise<{ results: Array<PersonSearchResult & { links?: LinkNotice[] }> }> {
  if (ctx.linkNotices === undefined || found.results.length === 0) {
    return found;
  }
  const refs = found.results.map((r): CirRef => `sis:${r.alert.alertId}`);
  const notices = await ctx.linkNotices.noticesFor(actor, refs, { matched: refs });
  return {
    results: found.results.map((r) => {
      const links = notices.get(`sis:${r.alert.alertId}`) ?? [];
      return links.length === 0 ? r : { ...r, links };
    }),
  };
}
