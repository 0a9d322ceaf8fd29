import type { CirFile, CirSource } from '../../contexts/cir/index.ts';
import type { AliasIdentity } from '../../contexts/identity/index.ts';
import type { BiometricMatching } from '../../contexts/sbms/index.ts';
import { ALERTS_TOPIC, sisCirRecords, sisCirScan, type SisCirRecord } from '../../contexts/sis/index.ts';

/**
 * An alias written as one name ("EMEKA OKAFOR", or "OKAFOR, EMEKA"): the words before the last as given
 * names, the last as surname, unless a comma separates surname and given names. [K] SIS's alias fields hold
 * surname and forenames apart; Interlink's alert model keeps one string per alias.
 */
function splitAlias(alias: string): { surname: string; givenNames?: string } {
  const comma = alias.indexOf(',');
  if (comma > 0) {
    const given = alias.slice(comma + 1).trim();
    return { surname: alias.slice(0, comma).trim(), ...(given ? { givenNames: given } : {}) };
  }
  const words = alias.trim().split(/\s+/u);
  const surname = words.pop() ?? '';
  return { surname, ...(words.length > 0 ? { givenNames: words.join(' ') } : {}) };
}

function fileOf(r: SisCirRecord, biometrics: boolean): CirFile | null {
  const p = r.content.person;
  if (p === undefined) {
    return null;
  }
  // Annex I §1 of Del. Regs. 2023/333 and 2023/332: each SIS identity other than the confirmed one is
  // compared on its own, qualified as alias or misused; an alias keeps the alert's date of birth, sex and
  // nationalities (the alert holds them once).
  const aliasIdentities: AliasIdentity[] = (p.aliases ?? []).map((alias) => ({
    qualification: 'alias',
    ...splitAlias(alias),
    ...(p.birthDate ? { birthDate: p.birthDate } : {}),
    ...(p.sex ? { sex: p.sex } : {}),
    ...(p.nationalities?.length ? { nationalities: p.nationalities } : {}),
  }));
  const misused = r.content.misusedIdentity;
  if (misused?.surname) {
    aliasIdentities.push({
      qualification: 'misused',
      surname: misused.surname,
      ...(misused.givenNames ? { givenNames: misused.givenNames } : {}),
      ...(misused.birthDate ? { birthDate: misused.birthDate } : {}),
      ...(misused.nationalities?.length ? { nationalities: misused.nationalities } : {}),
    });
  }
  const documents = [...(p.documents ?? []), ...(misused?.documents ?? [])].map((d) => ({
    number: d.number,
    issuingState: d.issuingCountry,
    type: d.type,
  }));
  return {
    system: 'sis',
    recordRef: r.id,
    identity: {
      system: 'SIS',
      ...(p.surname ? { surname: p.surname } : {}),
      ...(p.givenNames ? { givenNames: p.givenNames } : {}),
      ...(p.namesAtBirth?.length ? { surnameAtBirth: p.namesAtBirth } : {}),
      ...(p.birthDate ? { birthDate: p.birthDate } : {}),
      ...(p.sex ? { sex: p.sex } : {}),
      ...(p.nationalities?.length ? { nationalities: p.nationalities } : {}),
      ...(p.placeOfBirth ? { placeOfBirth: p.placeOfBirth } : {}),
      ...(aliasIdentities.length > 0 ? { aliasIdentities } : {}),
    },
    documents,
    biometrics: biometrics ? 'sis' : null,
    memberState: r.issuingState,
    sisCategory: r.category,
    recordedAt: r.updatedAt,
  };
}

/**
 * SIS person alerts beside the CIR files, for the multiple-identity detector only (2019/817 and 2019/818 art.
 * 27: the MID searches SIS; never answered by arts. 20 and 22): the confirmed identity, the alias and misused
 * identities, the documents, the `sis` partition when the alert holds templates, the issuing state and the
 * category (art. 29(2)). Object alerts are not read.
 */
export function sisCirSource(biometrics?: BiometricMatching): CirSource {
  return {
    system: 'sis',
    topics: [ALERTS_TOPIC],
    async load(db, ids) {
      const records = await sisCirRecords(db, ids);
      const held = biometrics === undefined ? new Map() : await biometrics.holdings('sis', ids, db);
      return records.map((r) => fileOf(r, held.has(r.id))).filter((f): f is CirFile => f !== null);
    },
    scan: sisCirScan,
  };
}
