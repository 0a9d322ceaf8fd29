import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';

import { PURPOSE_CODES } from '../../src/contexts/access/index.ts';
import { FINDING_CODES } from '../../src/flows/border-check/index.ts';
import { catalogues } from '../../web/src/i18n/messages.ts';
import { purposeLabel } from '../../web/src/i18n/serverText.ts';
import { findingText } from '../../web/src/pages/border/findingText.ts';

/**
 * Findings whose text is made of what someone else wrote (the action of a SIS alert, in the words of the
 * issuing state; the MRZ reader's detail; the stay calculator's explanation) or that name documents and files
 * by their numbers: the interface shows the server's text for these. Each is named here, so that a code cannot
 * go untranslated unnoticed; give it a message and it must leave this list.
 */
const SERVER_TEXT_FINDINGS = [
  'DOCUMENT_MRZ_REPAIRED',
  'DOCUMENT_MRZ_INVALID',
  'VISA_RECORDED',
  'EES_VISA_USED',
  'EES_STAY_WOULD_EXCEED',
  'EES_FILE_UNDER_OTHER_DOCUMENT',
  'EES_RECORD_INCONSISTENT',
  'SIS_DISCREET_CHECK',
  'SIS_POSSIBLE_PERSON_MATCH',
  'SIS_REFUSAL_ALERT',
  'SIS_ARREST_ALERT',
  'SIS_PERSON_ALERT',
  'SIS_DOCUMENT_ALERT',
  'SIS_POSSIBLE_DOCUMENT_MATCH',
  'SIS_VEHICLE_ALERT',
  'SIS_VEHICLE_DISCREET_CHECK',
];

const shipped = Object.keys(catalogues);

describe('Codes the server sends, said in every language of the interface', () => {
  it('ships English, German and French', () => {
    expect(shipped).toEqual(expect.arrayContaining(['en', 'de', 'fr']));
  });

  it.each(shipped)('names every purpose of processing in %s', (locale) => {
    const intl = createIntl({ locale, messages: catalogues[locale]! });
    for (const code of PURPOSE_CODES) {
      expect(catalogues[locale], `purpose.${code}`).toHaveProperty([`purpose.${code}`]);
      expect(purposeLabel(intl, code, 'server label')).not.toBe('server label');
    }
  });

  it('falls back to the server label, then to the code, for a purpose it does not know', () => {
    const intl = createIntl({ locale: 'de', messages: catalogues.de! });
    expect(purposeLabel(intl, 'new-purpose', 'A new purpose')).toBe('A new purpose');
    expect(purposeLabel(intl, 'new-purpose')).toBe('new-purpose');
  });

  it('lists as server text exactly the finding codes without a message', () => {
    const untranslated = FINDING_CODES.filter((c) => !Object.hasOwn(catalogues.en!, `finding.${c}`));
    expect(FINDING_CODES.length).toBeGreaterThan(SERVER_TEXT_FINDINGS.length);
    expect(untranslated).toEqual(SERVER_TEXT_FINDINGS);
  });

  it.each(shipped)('says every other finding in %s, with its figures', (locale) => {
    const intl = createIntl({
      locale,
      messages: catalogues[locale]!,
      onError: (e) => {
        throw e;
      },
    });
    const params = {
      days: 3,
      used: 87,
      until: '2026-05-12',
      date: '2026-04-01',
      exit: '2026-05-01',
      count: 2,
      bcp: 'FI-HEL',
      grounds: 'C, E',
      limit: 'RULE_90_180',
      visaToSee: 'no',
      vehicle: 'yes',
      country: 'Morocco',
      countryCode: 'MA',
    };
    for (const code of FINDING_CODES.filter((c) => !SERVER_TEXT_FINDINGS.includes(c))) {
      expect(catalogues[locale], `finding.${code}`).toHaveProperty([`finding.${code}`]);
      const text = findingText(intl, { system: 'x', level: 'info', code, message: 'server text', params });
      expect(text, code).not.toBe('server text');
      // Dates as the locale writes them, never the ISO form the server sends.
      expect(text, code).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    }
  });
});
