import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';

import { PURPOSE_CODES } from '../../src/contexts/access/index.ts';
import { FINDING_CODES } from '../../src/flows/border-check/index.ts';
import { catalogues } from '../../web/src/i18n/messages.ts';
import { purposeLabel } from '../../web/src/i18n/serverText.ts';
import { findingText } from '../../web/src/pages/border/findingText.ts';

/**
 * Findings the interface shows in the server's text: none. What someone else wrote (the action of a SIS alert,
 * in the words of the issuing state; the MRZ reader's detail; the stay calculator's account) comes as a param
 * and is shown as written inside a translated frame. A code added without a message must be named here.
 */
const SERVER_TEXT_FINDINGS: string[] = [];

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
    expect(untranslated).toEqual(SERVER_TEXT_FINDINGS);
  });

  /** The figures and parts each code is sent with; the second set takes the other branch of each choice. */
  const samples: Array<Record<string, string | number>> = [
    {
      days: 3,
      used: 87,
      until: '2026-05-12',
      date: '2026-04-01',
      exit: '2026-05-01',
      exceedsOn: '2026-05-13',
      count: 2,
      bcp: 'FI-HEL',
      grounds: 'C, E',
      limit: 'RULE_90_180',
      visaToSee: 'no',
      vehicle: 'yes',
      country: 'Morocco',
      countryCode: 'MA',
      corrections: 'documentNumber: O→0, birthDate: S→5',
      recognised: 'yes',
      detail: 'birthDate: check digit does not match',
      sticker: 'FRA012345678',
      stickerState: 'FRA',
      entries: 'counted',
      entriesLeft: 1,
      documents: 'FRA 12AB34567; DEU C01X00T47',
      alertId: 'a1b2c3d4',
      issuingState: 'FR',
      markers: 'armed,violent',
      category: 'arrest',
      action: 'Arrest the person and inform SIRENE FR.',
      on: 'person',
      via: 'person',
      probability: 0.873,
      match: 'exact',
      searched: 'X1234567',
      stored: 'X1234567',
      status: 'expired',
      familyMember: 'yes',
      states: 'FRA, DEU',
      memberState: 'FIN',
      validHere: 'no',
      transitionalUntil: '2027-06-30',
      compared: 'both',
      fingers: 4,
      faceScore: 0.71,
      oneIn: 1000000,
      shown: 'yes',
      linkId: 'mid_1',
      icf: 'ICF-0000001',
      record: 'ees:eesf_1',
      other: 'sis:alert_1',
      authorityType: 'border',
      authorityState: 'FI',
    },
    {
      days: 1,
      used: 1,
      until: '',
      date: '2026-04-01',
      exit: '',
      exceedsOn: '2026-05-13',
      count: 1,
      bcp: 'FI-HEL',
      grounds: 'H',
      limit: '',
      visaToSee: 'yes',
      vehicle: 'no',
      country: 'Morocco',
      countryCode: '',
      corrections: 'surname: 0→O',
      recognised: 'no',
      detail: '',
      sticker: '',
      stickerState: '',
      entries: 'multiple',
      entriesLeft: 0,
      documents: 'FRA 12AB34567',
      alertId: 'a1b2c3d4',
      issuingState: 'FR',
      markers: '',
      category: '',
      action: 'Seize the document.',
      on: 'vehicle',
      via: 'document',
      match: 'lookalike',
      searched: 'X1234567',
      stored: 'XI234567',
      atExit: 'yes',
      status: 'none',
      familyMember: 'no',
      states: 'FRA',
      memberState: 'FRA',
      validHere: 'yes',
      transitionalUntil: '',
      compared: 'fingers',
      fingers: 1,
      faceScore: '',
      oneIn: 1,
      shown: 'no',
      linkId: 'mid_2',
      icf: 'ICF-0000002',
      record: 'sis:alert_1',
      other: 'etias',
      authorityType: 'sirene',
      authorityState: 'IT',
    },
  ];
  // A SIS alert found by the live capture (2018/1862 art. 43): by face and fingers, then by fingers alone.
  samples.push(
    { ...samples[0]!, via: 'biometric', modalities: 'face-fingers', faceScore: 0.68, fingers: 4 },
    { ...samples[1]!, via: 'biometric', modalities: 'fingers', fingers: 1 },
  );

  it.each(shipped)('says every finding in %s, with its figures', (locale) => {
    const intl = createIntl({
      locale,
      messages: catalogues[locale]!,
      onError: (e) => {
        throw e;
      },
    });
    for (const params of samples) {
      for (const code of FINDING_CODES.filter((c) => !SERVER_TEXT_FINDINGS.includes(c))) {
        expect(catalogues[locale], `finding.${code}`).toHaveProperty([`finding.${code}`]);
        const text = findingText(intl, { system: 'x', level: 'info', code, message: 'server text', params });
        expect(text, code).not.toBe('server text');
        // Dates as the locale writes them, never the ISO form the server sends.
        expect(text, code).not.toMatch(/\d{4}-\d{2}-\d{2}/);
        // No placeholder left unfilled, no choice left unmade.
        expect(text, code).not.toMatch(/[{}]/);
        if (code.startsWith('SIS_') && !['SIS_NO_HIT', 'SIS_POSSIBLE_PERSON_MATCH'].includes(code)) {
          // The issuing state's words, as written, and the alert they come from.
          expect(text, code).toContain(String(params.action));
          expect(text, code).toContain('a1b2c3d4');
        }
      }
    }
  });
});
