import { describe, expect, it } from 'vitest';
import { noticeLanguageOf, RED_NOTICE_LANGUAGES, renderRedLinkNotice } from './notice.ts';

describe('the red-link notice (art. 32)', () => {
  const data = {
    icf: 'ICF-2026-0001',
    person: { surname: 'ROSSI', givenNames: 'MARCO' },
    system: 'ees' as const,
    otherSystem: 'sis' as const,
    authority: 'SIRENE Italia',
    memberState: 'IT',
    verifiedAt: new Date('2026-12-03T10:00:00Z'),
  };

  it.each(RED_NOTICE_LANGUAGES)('names the single identification number and the authority in %s', (lang) => {
    const { subject, text } = renderRedLinkNotice({ ...data, lang });
    expect(subject.length).toBeGreaterThan(10);
    expect(text).toContain('ICF-2026-0001');
    expect(text).toContain('SIRENE Italia (IT)');
    expect(text).toContain('MARCO ROSSI');
    expect(text).toContain('2026-12-03');
    expect(text).not.toMatch(/[{}]/);
  });

  it('writes German for Germany and French for France, English elsewhere', () => {
    expect(noticeLanguageOf('DE')).toBe('de');
    expect(noticeLanguageOf('FR')).toBe('fr');
    expect(noticeLanguageOf('IT')).toBe('en');
  });
});
