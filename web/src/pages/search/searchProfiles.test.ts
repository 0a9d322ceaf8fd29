import { describe, expect, it } from 'vitest';

import {
  DEFAULT_SEARCH_PROFILES,
  QUERY_FIELDS as SERVER_QUERY_FIELDS,
} from '../../../../src/contexts/esp/index.ts';
import { QUERY_FIELDS, SEARCH_PROFILES } from './searchProfiles.ts';

describe('SEARCH_PROFILES', () => {
  it("mirrors the server's default search profiles: purpose, fields and systems of each authority type", () => {
    const server = Object.fromEntries(
      DEFAULT_SEARCH_PROFILES.map((p) => [
        p.authorityType,
        {
          purpose: p.purpose,
          queryFields: [...p.queryFields].sort(),
          systems: [...p.shall, ...p.may].sort(),
        },
      ]),
    );
    const web = Object.fromEntries(
      Object.entries(SEARCH_PROFILES).map(([type, p]) => [
        type,
        { purpose: p.purpose, queryFields: [...p.queryFields].sort(), systems: [...p.systems].sort() },
      ]),
    );
    expect(web).toEqual(server);
  });

  it('knows every query field of the portal', () => {
    expect([...QUERY_FIELDS].sort()).toEqual([...SERVER_QUERY_FIELDS].sort());
  });
});
