import type { SearchSource } from '../../contexts/esp/index.ts';
import type { EtiasQueries } from '../../contexts/etias/index.ts';

/**
 * ETIAS in the search portal (2019/817 art. 9): by travel document (exact) and by identity (the identity index
 * under `etias`, with the MID rules deciding which candidates are the same or a similar identity). ETIAS decides
 * which of its permissions the officer reads under (the ETIAS units' `etias:read`, the border's
 * `etias:border-query`, immigration's `etias:immigration-query`); the portal's profile then keeps only the
 * fields that profile may see.
 */
export function etiasSearchSource(etias: Pick<EtiasQueries, 'portalSearch'>): SearchSource {
  return {
    system: 'etias',
    queryTypes: ['identity', 'document'],
    async search({ actor, purpose, query, queryTypes, signal }) {
      const records = await etias.portalSearch({
        actor,
        purpose,
        signal,
        query,
        byDocument: queryTypes.includes('document'),
        byIdentity: queryTypes.includes('identity'),
      });
      return records.map((r) => ({
        recordRef: `etias:${r.applicationId}`,
        probability: r.probability,
        explanation: r.explanation,
        fields: r.fields,
      }));
    },
  };
}
