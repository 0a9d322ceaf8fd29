import { harmoniseSex } from '../identity/index.ts';
import { isThirdCountry, isValidDocumentCountryCode } from '../reference/index.ts';
import type { Issues } from './validate-fields.ts';
import { TCN_CATEGORIES, type AlertCategory, type PersonDocument, type PersonIdentity } from './model.ts';

const DOCUMENT_NUMBER = /^[A-Z0-9]{1,30}$/u;

function documents(issues: Issues, path: string, value: PersonDocument[] | undefined, today: string): void {
  if (value === undefined) {
    return;
  }
  if (value.length > 20) {
    issues.add(path, 'must list at most 20 documents');
    return;
  }
  value.forEach((d, i) => {
    const p = `${path}[${i}]`;
    issues.text(`${p}.type`, d.type, { required: true, max: 60 });
    issues.country(`${p}.issuingCountry`, d.issuingCountry, true);
    const compact = typeof d.number === 'string' ? d.number.toUpperCase().replace(/[\s\-/.<]/gu, '') : '';
    if (!DOCUMENT_NUMBER.test(compact)) {
      issues.add(`${p}.number`, 'must be 1 to 30 letters or digits (spaces and hyphens are ignored)');
    }
    issues.date(`${p}.issueDate`, d.issueDate, { notAfter: today });
  });
}

/** Identity fields shared by the person and a misused identity. */
function identity(issues: Issues, path: string, p: Partial<PersonIdentity>, today: string): void {
  issues.name(`${path}.givenNames`, p.givenNames);
  issues.birthDate(`${path}.birthDate`, p.birthDate, today);
  if (p.nationalities !== undefined) {
    if (p.nationalities.length > 10) {
      issues.add(`${path}.nationalities`, 'must list at most 10 nationalities');
    }
    p.nationalities.forEach((n, i) => issues.country(`${path}.nationalities[${i}]`, n, true));
  }
  documents(issues, `${path}.documents`, p.documents, today);
  issues.refs(`${path}.photographRefs`, p.photographRefs);
  issues.ref(`${path}.dactyloscopicRef`, p.dactyloscopicRef);
}

/** Fields an unknown-suspect alert may hold: dactyloscopic data only (2018/1862 art. 40). */
const UNKNOWN_SUSPECT_FIELDS = new Set(['dactyloscopicRef']);

/**
 * Checks the person part of an alert (2018/1862 art. 20): names, dates, codes and references, and the rules
 * each category adds (art. 40 biometric only; DNA for missing persons only; 1860/1861 on third-country
 * nationals).
 */
export function validatePerson(
  issues: Issues,
  category: AlertCategory,
  p: PersonIdentity | undefined,
  today: string,
  biometrics: { fingerprints: boolean } = { fingerprints: false },
): void {
  if (p === undefined) {
    issues.add('person', `is required for a ${category} alert`);
    return;
  }
  if (category === 'unknown-suspect') {
    for (const key of Object.keys(p)) {
      if (!UNKNOWN_SUSPECT_FIELDS.has(key)) {
        issues.add(
          `person.${key}`,
          'an unknown-suspect alert holds dactyloscopic data only (2018/1862 art. 40): no names or other identity data',
        );
      }
    }
    if (p.dactyloscopicRef === undefined && !biometrics.fingerprints) {
      issues.add(
        'person.dactyloscopicRef',
        'is required unless fingerprint templates are given: an unknown-suspect alert is a dactyloscopic record',
      );
    }
    issues.ref('person.dactyloscopicRef', p.dactyloscopicRef);
    return;
  }
  issues.name('person.surname', p.surname, true);
  issues.names('person.namesAtBirth', p.namesAtBirth);
  issues.names('person.aliases', p.aliases);
  issues.text('person.physicalCharacteristics', p.physicalCharacteristics, { max: 1000 });
  issues.text('person.placeOfBirth', p.placeOfBirth);
  issues.text('person.nationalRegistrationNumber', p.nationalRegistrationNumber, { max: 60 });
  if (p.sex !== undefined && harmoniseSex(p.sex) === undefined) {
    issues.add('person.sex', 'must be M, F, X (unspecified) or U (unknown)');
  }
  identity(issues, 'person', p, today);
  if (p.dnaProfileRef !== undefined && category !== 'missing') {
    issues.add(
      'person.dnaProfileRef',
      'DNA profiles may be held for missing persons only (2018/1862 art. 32)',
    );
  }
  issues.ref('person.dnaProfileRef', p.dnaProfileRef);
  if (TCN_CATEGORIES.includes(category) && p.nationalities !== undefined && p.nationalities.length > 0) {
    const known = p.nationalities.filter((n) => isValidDocumentCountryCode(n));
    if (known.length > 0 && known.every((n) => !isThirdCountry(n))) {
      issues.add(
        'person.nationalities',
        `${category} alerts are entered on third-country nationals only (2018/1860 art. 3; 2018/1861 art. 24-25)`,
      );
    }
  }
}

/** Checks the misused-identity extension (2018/1861 art. 47; 2018/1862 art. 62). */
export function validateMisusedIdentity(
  issues: Issues,
  m: { consentGiven?: unknown; surname?: string } & Partial<PersonIdentity>,
  today: string,
): void {
  if (m.consentGiven !== true) {
    issues.add(
      'misusedIdentity.consentGiven',
      'data on a person whose identity was misused are added only with that person’s explicit consent (2018/1861 art. 47(1))',
    );
  }
  issues.name('misusedIdentity.surname', m.surname, true);
  identity(issues, 'misusedIdentity', m, today);
}
