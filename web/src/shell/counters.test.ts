import { describe, expect, it } from 'vitest';

import { COUNTER_IDS } from '../api/types.ts';
import { catalogues, isMessageId } from '../i18n/messages.ts';
import { screenBadges, screensByAuthority } from './navigation.ts';

describe('home counters in the interface', () => {
  it('has a label in every language for every counter the API may send', () => {
    for (const id of COUNTER_IDS) {
      for (const [locale, catalogue] of Object.entries(catalogues)) {
        expect(Object.hasOwn(catalogue, `home.counter.${id}`), `${locale}: home.counter.${id}`).toBe(true);
      }
    }
  });

  it('has the words of every navigation badge, on a screen some role is offered', () => {
    const offered = new Set(Object.values(screensByAuthority).flat());
    for (const [screen, counter] of Object.entries(screenBadges)) {
      expect(isMessageId(`home.badge.${counter}`), counter).toBe(true);
      expect(offered.has(screen as never), screen).toBe(true);
    }
  });
});
