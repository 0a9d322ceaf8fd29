import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';

import type { Finding } from '../../api/types.ts';
import { catalogues } from '../../i18n/messages.ts';
import { findingText } from './findingText.ts';

const intl = createIntl({ locale: 'en', messages: catalogues.en });

const finding = (code: string, params: Finding['params'], message = 'server text'): Finding => ({
  system: 'ees',
  level: 'info',
  code,
  message,
  params,
});

describe('findingText', () => {
  it('writes counts with plural forms and limits in words, never the calculator codes', () => {
    const one = findingText(
      intl,
      finding('EES_MAY_STAY', { days: 1, until: '2026-05-16', limit: 'RULE_90_180', visaToSee: 'no' }),
    );
    expect(one).toBe(
      'May stay up to 1 day, until 16 May 2026, limited by the 90/180-day rule. Inform the traveller (SBC art. 8(9)).',
    );
    const many = findingText(
      intl,
      finding('EES_MAY_STAY', { days: 56, until: '2026-03-01', limit: 'DOCUMENT_EXPIRY', visaToSee: 'yes' }),
    );
    expect(many).toContain("56 days, until 1 Mar 2026, limited by the travel document's expiry date.");
    expect(many).toContain('The visa seen at the counter may allow less.');
    const none = findingText(
      intl,
      finding('EES_NO_DAYS_LEFT', { days: 0, until: '', limit: 'RULE_90_180', used: 90 }),
    );
    expect(none).toBe('No day of stay left today: 90 days of 90 used in the 180-day window.');
    for (const text of [one, many, none]) {
      expect(text).not.toMatch(/\(s\)|RULE_90_180|DOCUMENT_EXPIRY/);
    }
  });

  it("keeps the server's text for findings without figures, and the warning markers in front", () => {
    expect(findingText(intl, finding('SIS_NO_HIT', undefined, 'No SIS alert.'))).toBe('No SIS alert.');
    expect(
      findingText(
        intl,
        finding('EES_OVERSTAY', { days: 3, until: '2026-05-12' }, 'WARNING: ARMED. Overstay…'),
      ),
    ).toBe('WARNING: ARMED. Overstay: 3 days beyond the authorised stay (authorised until 12 May 2026).');
  });

  it('says a finding in German by its code: the country in German, dates as German writes them', () => {
    const de = createIntl({ locale: 'de', messages: catalogues.de });
    expect(
      findingText(
        de,
        finding('VISA_REQUIRED', { country: 'Morocco', countryCode: 'MA' }, 'Nationals of Morocco…'),
      ),
    ).toMatch(/^Staatsangehörige von Marokko brauchen ein Visum/);
    expect(
      findingText(
        de,
        finding('EES_EARLIER_REFUSAL', { count: 2, date: '2026-11-03', bcp: 'DE-FRA', grounds: 'H' }),
      ),
    ).toBe('Bereits früher an der Einreise gehindert: 2-mal, zuletzt am 3 Nov. 2026 in DE-FRA (Gründe H).');
    expect(findingText(de, finding('EES_NO_FILE', undefined, 'No EES file: first entry.'))).toMatch(
      /^Keine EES-Akte/,
    );
  });

  it('says at exit that the document validity is an entry condition, in German too', () => {
    const de = createIntl({ locale: 'de', messages: catalogues.de });
    const soon = (atExit?: string) =>
      findingText(
        de,
        finding('DOCUMENT_EXPIRES_SOON', { until: '2026-02-01', exit: '', ...(atExit ? { atExit } : {}) }),
      );
    expect(soon('yes')).toBe(
      'Das Reisedokument läuft am 1 Feb. 2026 ab, weniger als drei Monate nach heute. Dies ist eine Ausreise: ' +
        'die Gültigkeit des Dokuments ist eine Einreisevoraussetzung (Art. 6 Abs. 1 Buchst. a SGK).',
    );
    expect(soon()).toMatch(/nach heute \(SGK Art\. 6\(1\)\(a\)\(i\)\)\.$/u);
  });

  describe("a SIS finding in German: the frame translated, the issuing state's words quoted as written", () => {
    const de = createIntl({ locale: 'de', messages: catalogues.de });
    const sis = (code: string, params: Finding['params'], level: Finding['level']): Finding => ({
      system: 'sis',
      level,
      code,
      message: 'server text',
      params,
    });

    it('says a discreet check is no reason to refuse', () => {
      const text = findingText(
        de,
        sis(
          'SIS_DISCREET_CHECK',
          {
            alertId: 'a-17',
            issuingState: 'NL',
            markers: '',
            category: '',
            action: 'Collect the information of art. 37 and report to SIRENE NL.',
            on: 'person',
          },
          'info',
        ),
      );
      expect(text).toBe(
        'Verdeckte Kontrolle der Person (SIS-Ausschreibung a-17, NL). Zu ergreifende Maßnahme, in den Worten des ' +
          'ausschreibenden Staates: „Collect the information of art. 37 and report to SIRENE NL.“ Die Person nicht ' +
          'informieren. Dies ist kein Grund für eine Einreiseverweigerung: die Kontrolle so fortsetzen, wie die ' +
          'anderen Ergebnisse es sagen.',
      );
      expect(text).not.toMatch(/WARNHINWEIS|Festnahme|verweigern\b/);
    });

    it('puts the warning markers of an arrest alert in front, in German', () => {
      const text = findingText(
        de,
        sis(
          'SIS_ARREST_ALERT',
          {
            alertId: 'a-9',
            issuingState: 'FR',
            markers: 'armed,violent',
            category: 'arrest',
            action: 'Arrest the person; inform SIRENE FR at once.',
            via: 'document',
          },
          'stop',
        ),
      );
      expect(text).toBe(
        'WARNHINWEIS: BEWAFFNET, GEWALTTÄTIG. SIS-Ausschreibung zur Festnahme a-9 (FR) (über das Reisedokument ' +
          'gefunden, das in der Ausschreibung aufgeführt ist). Zu ergreifende Maßnahme, in den Worten des ' +
          'ausschreibenden Staates: „Arrest the person; inform SIRENE FR at once.“',
      );
    });

    it('gives the probability of a possible person match as German writes a percentage', () => {
      const params = {
        alertId: 'a-3',
        issuingState: 'PL',
        markers: '',
        category: '',
        action: 'x',
        via: 'person',
      };
      expect(
        findingText(de, sis('SIS_POSSIBLE_PERSON_MATCH', { ...params, probability: 0.6234 }, 'attention')),
      ).toBe(
        'Möglicher SIS-Treffer (ähnliche Identität, Ausschreibung a-3, PL): vor jeder Maßnahme die Identität mit ' +
          'der Ausschreibung abgleichen. Die Abgleichsmaschine schätzt die Wahrscheinlichkeit, dass der Reisende ' +
          'die ausgeschriebene Person ist, auf 62\u00a0%.',
      );
      // Never 100 % for a probability below one; no sentence at all without one.
      expect(
        findingText(de, sis('SIS_POSSIBLE_PERSON_MATCH', { ...params, probability: 0.9971 }, 'attention')),
      ).toContain('auf 99,7\u00a0%.');
      expect(findingText(de, sis('SIS_POSSIBLE_PERSON_MATCH', params, 'attention'))).toMatch(/abgleichen\.$/);
    });

    it('names the category of a person alert in German', () => {
      expect(
        findingText(
          de,
          sis(
            'SIS_PERSON_ALERT',
            {
              alertId: 'a-5',
              issuingState: 'IT',
              markers: '',
              category: 'missing',
              action: 'Protect.',
              via: 'person',
            },
            'attention',
          ),
        ),
      ).toMatch(/^SIS-Ausschreibung a-5 \(IT\), .+, zur Person\. .*„Protect\.“$/);
    });
  });
});
