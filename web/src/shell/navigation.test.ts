import { describe, expect, it } from 'vitest';

import { AUTHORITY_TYPES } from '../api/types.ts';
import { homeLanding, screensByAuthority, screensFor } from './navigation.ts';

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
    expect(screensFor('police', ['esp:search', 'sis:read']).map((s) => s.id)).toEqual([
      'home',
      'sis-alerts',
      'search',
      'network',
    ]);
    expect(screensFor('police', ['sis:read']).map((s) => s.id)).toEqual(['home', 'sis-alerts', 'network']);
  });

  it('offers alert management to SIRENE and the police, review and hits to SIRENE only', () => {
    expect(screensFor('sirene').map((s) => s.id)).toEqual([
      'home',
      'sis-alerts',
      'sis-review',
      'sis-hits',
      'network',
    ]);
    expect(screensFor('police').map((s) => s.id)).toEqual(['home', 'sis-alerts', 'network']);
    for (const type of AUTHORITY_TYPES.filter((t) => t !== 'sirene' && t !== 'police')) {
      expect(screensFor(type, ['esp:search']).map((s) => s.id)).not.toContain('sis-alerts');
    }
    for (const type of AUTHORITY_TYPES.filter((t) => t !== 'sirene')) {
      const ids = screensFor(type, ['esp:search']).map((s) => s.id);
      expect(ids).not.toContain('sis-review');
      expect(ids).not.toContain('sis-hits');
    }
  });

  it('offers the ETIAS Central Unit queue to whoever may verify ETIAS hits (art. 22), and to no one else', () => {
    expect(screensFor('etias-central', ['etias:read', 'etias:verify']).map((s) => s.id)).toEqual([
      'home',
      'etias-queue',
      'etias-application',
      'etias-rules',
      'etias-watchlist',
    ]);
    for (const type of AUTHORITY_TYPES) {
      expect(screensFor(type, ['esp:search', 'etias:read', 'etias:decide']).map((s) => s.id)).not.toContain(
        'etias-queue',
      );
    }
  });

  it('routes an ETIAS application to whoever may read ETIAS files, without a navigation link of its own', () => {
    const application = screensFor('etias-national', ['etias:read', 'etias:decide']).find(
      (s) => s.id === 'etias-application',
    );
    expect(application).toMatchObject({ path: '/etias/applications/:id', linked: false });
    expect(screensFor('border', ['esp:search']).map((s) => s.id)).not.toContain('etias-application');
  });

  it('offers the hub desk to hub operators only', () => {
    expect(screensFor('hub-operator').map((s) => s.id)).toEqual(['home', 'hub-desk']);
    for (const type of AUTHORITY_TYPES.filter((t) => t !== 'hub-operator')) {
      expect(screensFor(type, ['esp:search']).map((s) => s.id)).not.toContain('hub-desk');
    }
  });

  it('offers the list of overstayers to immigration authorities only', () => {
    expect(screensFor('immigration', ['esp:search']).map((s) => s.id)).toEqual([
      'home',
      'ees-overstayers',
      'search',
    ]);
    for (const type of AUTHORITY_TYPES.filter((t) => t !== 'immigration')) {
      expect(screensFor(type, ['esp:search']).map((s) => s.id)).not.toContain('ees-overstayers');
    }
  });

  it('offers Eurodac registration and the hits to verify to whoever may register and verify (2024/1358 art. 38)', () => {
    expect(
      screensFor('asylum', ['esp:search', 'eurodac:register', 'eurodac:read', 'eurodac:verify']).map(
        (s) => s.id,
      ),
    ).toEqual(['home', 'search', 'eurodac-register', 'eurodac-hits']);
    expect(screensFor('asylum', ['eurodac:verify']).find((s) => s.id === 'eurodac-hits')).toMatchObject({
      path: '/eurodac/hits',
      detailPath: '/eurodac/hits/:id',
    });
    // Law-enforcement comparison (art. 33) is no registration.
    expect(screensFor('police', ['eurodac:law-enforcement']).map((s) => s.id)).toEqual([
      'home',
      'sis-alerts',
      'network',
    ]);
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

  it('gives the analyst the Barometer+ and opens it at home; no other type gets it', () => {
    expect(screensFor('analyst').map((s) => s.id)).toEqual(['home', 'barometer']);
    expect(homeLanding.analyst).toBe('barometer');
    for (const type of AUTHORITY_TYPES.filter((t) => t !== 'analyst')) {
      expect(screensFor(type, ['esp:search']).map((s) => s.id)).not.toContain('barometer');
      expect(homeLanding[type]).toBeUndefined();
    }
  });

  it('offers the administration to administrators only', () => {
    expect(screensFor('administrator').map((s) => s.id)).toEqual(['home', 'admin']);
    for (const type of AUTHORITY_TYPES.filter((t) => t !== 'administrator')) {
      expect(screensFor(type, ['esp:search']).map((s) => s.id)).not.toContain('admin');
    }
  });

  it('offers the network map to SIRENE and the police only: personal data, never the statistics analyst', () => {
    expect(screensFor('sirene').map((s) => s.id)).toContain('network');
    expect(screensFor('police').map((s) => s.id)).toContain('network');
    for (const type of AUTHORITY_TYPES.filter((t) => t !== 'sirene' && t !== 'police')) {
      expect(screensFor(type, ['esp:search']).map((s) => s.id)).not.toContain('network');
    }
  });

  it('offers the MID verification queue to whoever may verify links (art. 29), the flag search to police (art. 22)', () => {
    expect(screensFor('sirene', ['mid:verify']).map((s) => s.id)).toContain('mid-links');
    expect(screensFor('police', ['cir:flags']).map((s) => s.id)).toContain('cir-flags');
    for (const type of AUTHORITY_TYPES) {
      const ids = screensFor(type, ['esp:search']).map((s) => s.id);
      expect(ids).not.toContain('mid-links');
      expect(ids).not.toContain('cir-flags');
    }
  });
});
