import { describe, expect, it } from 'vitest';

import { AUTHORITY_TYPES } from '../api/types.ts';
import { screensByAuthority, screensFor } from './navigation.ts';

describe('screensFor', () => {
  it('offers the audit log to the data protection officer', () => {
    expect(screensFor('data-protection').map((s) => s.id)).toEqual(['home', 'audit']);
  });

  it('offers the audit log to no other authority type', () => {
    for (const type of AUTHORITY_TYPES.filter((t) => t !== 'data-protection')) {
      expect(screensFor(type, ['esp:search']).map((s) => s.id)).not.toContain('audit');
    }
  });

  it('offers the border check to border authorities only', () => {
    expect(screensFor('border').map((s) => s.id)).toEqual(['home', 'border-check']);
    for (const type of AUTHORITY_TYPES.filter((t) => t !== 'border')) {
      expect(screensFor(type, ['esp:search']).map((s) => s.id)).not.toContain('border-check');
    }
  });

  it('offers the search portal to every user allowed to search, and to no one else', () => {
    expect(screensFor('border', ['esp:search']).map((s) => s.id)).toEqual(['home', 'border-check', 'search']);
    expect(screensFor('police', ['esp:search', 'sis:read']).map((s) => s.id)).toEqual(['home', 'search']);
    expect(screensFor('police', ['sis:read']).map((s) => s.id)).toEqual(['home']);
  });

  it('gives an unknown authority type the home screen only', () => {
    expect(screensFor('unknown-type').map((s) => s.id)).toEqual(['home']);
  });
});

describe('screensByAuthority', () => {
  it('lists every authority type, each starting at home', () => {
    expect(Object.keys(screensByAuthority).sort()).toEqual([...AUTHORITY_TYPES].sort());
    for (const ids of Object.values(screensByAuthority)) {
      expect(ids[0]).toBe('home');
    }
  });
});
