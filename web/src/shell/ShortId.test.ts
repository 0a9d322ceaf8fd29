import { describe, expect, it } from 'vitest';

import { shortenId } from './ShortId.tsx';

describe('shortenId', () => {
  it('keeps the system prefix and the first eight characters of a UUID', () => {
    expect(shortenId('sis_1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d')).toBe('sis_1a2b3c4d…');
    expect(shortenId('1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d')).toBe('1a2b3c4d…');
  });

  it('shows any other reference whole', () => {
    expect(shortenId('IT-EB-2025-77')).toBe('IT-EB-2025-77');
    expect(shortenId('')).toBe('');
  });
});
