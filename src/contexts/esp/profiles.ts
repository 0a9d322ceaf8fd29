import { AUTHORITY_TYPES, PURPOSE_CODES, SYSTEMS, DEFAULT_PROFILES } from '../access/index.ts';
import { QUERY_FIELDS, type SearchProfile } from './model.ts';

/** Version of the profile set; logged with every query so that a log line can be read against its rules. */
export const ESP_PROFILES_VERSION = '2026-12-03.2';

const identity = ['surname', 'givenNames', 'birthDate', 'sex', 'nationality'] as const;
const document = ['documentNumber', 'documentIssuingState'] as const;
const vehicle = ['plate', 'plateCountry', 'vin', 'containerNumber'] as const;

const EES_FULL = [
  'fileId',
  'surname',
  'givenNames',
  'birthDate',
  'sex',
  'nationalities',
  'documents',
  'lastEntry',
  'lastExit',
  'overstayer',
  'refusals',
];
const EES_CONSULT = [
  'fileId',
  'surname',
  'givenNames',
  'birthDate',
  'nationalities',
  'documents',
  'lastEntry',
  'lastExit',
  'overstayer',
];
const SIS_PERSON_BORDER = [
  'alertId',
  'category',
  'actionToBeTaken',
  'warningMarkers',
  'surname',
  'givenNames',
  'birthDate',
  'nationalities',
  'documents',
  'issuingState',
  'objectType',
  'plate',
  'vin',
  'containerNumber',
  'discreet',
];
const SIS_FULL = [
  ...SIS_PERSON_BORDER,
  'reason',
  'decisionReference',
  'issuingAuthority',
  'links',
  'aliases',
  'offenceType',
  'sex',
  'namesAtBirth',
  'placeOfBirth',
  'physicalCharacteristics',
  'nationalRegistrationNumber',
  'photographRefs',
  'dactyloscopicRef',
  'dnaProfileRef',
];
/**
 * ETIAS (2018/1240): the border sees what art. 47(2) lists (valid yes/no, validity end and days left, expiry
 * within 90 days, the states of a limited territorial validity, the art. 36 flags); immigration authorities what
 * art. 49(2) lists (no flags); the ETIAS units the file. [K] Art. 49(1) allows the immigration query only after
 * an EES search found no entry record; the portal queries the systems at once and cannot order them, so the
 * profile gives immigration only the art. 49(2) fields and leaves that precondition to the officer.
 */
const ETIAS_IMMIGRATION = ['applicationId', 'valid', 'validUntil', 'expiresSoon', 'territorialValidity'];
const ETIAS_BORDER = [...ETIAS_IMMIGRATION, 'remainingDays', 'flags'];
const ETIAS_FULL = [
  ...ETIAS_BORDER,
  'status',
  'decidedOn',
  'familyMember',
  'surname',
  'givenNames',
  'birthDate',
  'sex',
  'nationalities',
  'documents',
  'hits',
];
const EURODAC = [
  'datasetId',
  'category',
  'originMemberState',
  'surname',
  'givenNames',
  'birthDate',
  'marked',
];

/**
 * Biometric queries (`biometric: true`; 2019/817 art. 9: the user enters alphanumeric and/or biometric
 * data, within the query categories each system's legal basis allows) [K]: the border (EES art. 23(2)-(4),
 * SIS 2018/1861 art. 33), immigration (EES arts. 26-27), the police and SIRENE (SIS 2018/1862 art. 43) and
 * the asylum authorities (Eurodac, 2024/1358), whose legal bases name searches with fingerprints or facial
 * images. Visa authorities (EES art. 24 searches with alphanumeric data first) and the ETIAS units (ETIAS
 * holds no biometrics) may not. Which profile may is not settled by the texts we hold, so it is data here.
 *
 * These allowances filter the portal's hits and the systems' own routes alike (see allowance.ts): a field
 * missing here is withheld from the profile wherever the system's data leave it.
 *
 * Default profiles, following the access matrix of regulations digest §8.3 ([V/K]: the matrix is partly
 * unconfirmed, which is why profiles are data). The analyst, carrier, hub operator, data protection officer and
 * administrator have no search profile: they never see personal data through the portal.
 */
export const DEFAULT_SEARCH_PROFILES: readonly SearchProfile[] = Object.freeze([
  {
    id: 'border-control',
    authorityType: 'border',
    purpose: 'border-control',
    queryFields: [...identity, ...document, ...vehicle],
    shall: ['ees', 'sis'],
    may: ['etias', 'mid'],
    returnFields: { ees: EES_FULL, sis: SIS_PERSON_BORDER, etias: ETIAS_BORDER, mid: ['linkId', 'colour'] },
    basis: 'Reg. (EU) 2017/2226 art. 23; 2018/1861 art. 34; 2018/1240 art. 47; 2019/817 art. 9',
    biometric: true,
  },
  {
    id: 'visa-examination',
    authorityType: 'visa',
    purpose: 'visa-examination',
    queryFields: [...identity, ...document],
    shall: ['ees', 'sis'],
    may: [],
    returnFields: { ees: EES_CONSULT, sis: SIS_PERSON_BORDER },
    basis: 'Reg. (EU) 2017/2226 art. 24; 2018/1861 art. 34(1)(b)',
  },
  {
    id: 'immigration-check',
    authorityType: 'immigration',
    purpose: 'immigration-check',
    queryFields: [...identity, ...document],
    shall: ['ees', 'sis'],
    may: ['etias', 'eurodac'],
    returnFields: { ees: EES_CONSULT, sis: SIS_PERSON_BORDER, etias: ETIAS_IMMIGRATION, eurodac: EURODAC },
    basis: 'Reg. (EU) 2017/2226 arts. 26-27; 2018/1240 art. 49 (only without an EES entry record [K])',
    biometric: true,
  },
  {
    id: 'police-identity-check',
    authorityType: 'police',
    purpose: 'police-identity-check',
    queryFields: [...identity, ...document, ...vehicle],
    shall: ['sis'],
    may: ['cir'],
    returnFields: { sis: SIS_PERSON_BORDER, cir: ['identityId', 'systems'] },
    basis: 'Reg. (EU) 2018/1862 art. 44; 2019/818 art. 20',
    biometric: true,
  },
  {
    id: 'sirene-exchange',
    authorityType: 'sirene',
    purpose: 'sirene-exchange',
    queryFields: [...identity, ...document, ...vehicle],
    shall: ['sis'],
    may: ['mid'],
    returnFields: { sis: SIS_FULL, mid: ['linkId', 'colour'] },
    basis: 'Reg. (EU) 2018/1862 arts. 7-8',
    biometric: true,
  },
  {
    id: 'etias-examination-central',
    authorityType: 'etias-central',
    purpose: 'etias-examination',
    queryFields: [...identity, ...document],
    shall: ['etias'],
    may: ['sis', 'ees', 'mid'],
    returnFields: { etias: ETIAS_FULL, sis: SIS_PERSON_BORDER, ees: EES_CONSULT, mid: ['linkId', 'colour'] },
    basis: 'Reg. (EU) 2018/1240 arts. 20-22',
  },
  {
    id: 'etias-examination-national',
    authorityType: 'etias-national',
    purpose: 'etias-examination',
    queryFields: [...identity, ...document],
    shall: ['etias'],
    may: ['sis', 'ees'],
    returnFields: { etias: ETIAS_FULL, sis: SIS_PERSON_BORDER, ees: EES_CONSULT },
    basis: 'Reg. (EU) 2018/1240 art. 26',
  },
  {
    id: 'asylum-procedure',
    authorityType: 'asylum',
    purpose: 'asylum-procedure',
    queryFields: [...identity, ...document],
    shall: ['eurodac'],
    may: [],
    returnFields: { eurodac: EURODAC },
    basis: 'Reg. (EU) 2024/1358',
    biometric: true,
  },
]);

/**
 * Checks a profile set once at start: known authority types, purposes, systems and query fields; a purpose the
 * authority's access profile allows; results only from systems the profile consults; no duplicate keys.
 */
export function validateSearchProfiles(profiles: readonly SearchProfile[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const p of profiles) {
    const where = `search profile ${p.id}`;
    if (seen.has(`${p.authorityType}/${p.purpose}`)) {
      problems.push(`${where}: a second profile for ${p.authorityType} / ${p.purpose}`);
    }
    seen.add(`${p.authorityType}/${p.purpose}`);
    if (!AUTHORITY_TYPES.includes(p.authorityType)) {
      problems.push(`${where}: unknown authority type ${p.authorityType}`);
    } else if (!DEFAULT_PROFILES[p.authorityType].purposes.includes(p.purpose)) {
      problems.push(`${where}: authority type ${p.authorityType} may not act for ${p.purpose}`);
    }
    if (!PURPOSE_CODES.includes(p.purpose)) {
      problems.push(`${where}: unknown purpose ${p.purpose}`);
    }
    for (const f of p.queryFields) {
      if (!QUERY_FIELDS.includes(f)) {
        problems.push(`${where}: unknown query field ${f}`);
      }
    }
    const consulted = new Set([...p.shall, ...p.may]);
    for (const s of consulted) {
      if (!SYSTEMS.includes(s)) {
        problems.push(`${where}: unknown system ${s}`);
      }
    }
    for (const s of Object.keys(p.returnFields)) {
      if (!consulted.has(s as never)) {
        problems.push(`${where}: returns fields of ${s}, which it does not consult`);
      }
    }
    for (const s of consulted) {
      if (!p.returnFields[s]) {
        problems.push(`${where}: consults ${s} but may receive no field from it`);
      }
    }
  }
  return problems;
}

export function findSearchProfile(
  profiles: readonly SearchProfile[],
  authorityType: string,
  purpose: string,
): SearchProfile | undefined {
  return profiles.find((p) => p.authorityType === authorityType && p.purpose === purpose);
}
