import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PLATE_CONFUSIONS } from './identifiers/index.ts';
import { ObjectIndex, type ObjectIndexEntry } from './object-index.ts';

const car = (alertId: string, plate: string, country: string | null, covert = false): ObjectIndexEntry => ({
  alertId,
  category: covert ? 'object-check' : 'object-seizure',
  objectType: 'motor-vehicle',
  covert,
  identifiers: [{ kind: 'plate', value: plate, country }],
});

describe('ObjectIndex', () => {
  describe('lookup', () => {
    it('finds a plate read exactly and says so', () => {
      const index = ObjectIndex.build([car('a1', 'AB-123-CD', 'FRA')]);
      const [m] = index.lookup({ country: 'FRA', plate: [{ text: 'AB123CD', confidence: 0.9 }] });
      expect(m).toMatchObject({
        alertId: 'a1',
        field: 'plate',
        exact: true,
        country: 'same',
        confidence: 0.9,
      });
    });

    it('finds a plate read with look-alikes, names each confusion and lowers the confidence', () => {
      const index = ObjectIndex.build([car('a1', 'AB-123-CD', 'FRA')]);
      const [m] = index.lookup({ country: 'FRA', plate: [{ text: 'A8I23C0', confidence: 1 }] });
      expect(m?.exact).toBe(false);
      expect(m?.confusions).toEqual([
        { position: 1, stored: 'B', read: '8' },
        { position: 2, stored: '1', read: 'I' },
        { position: 6, stored: 'D', read: '0' },
      ]);
      expect(m?.confidence).toBeLessThan(0.7);
      expect(m?.explanation).toContain('look-alikes');
    });

    it('uses every candidate of the reader and keeps the best match per alert', () => {
      const index = ObjectIndex.build([car('a1', 'AB123CD', 'FRA')]);
      const matches = index.lookup({
        country: 'FRA',
        plate: [
          { text: 'XY999ZZ', confidence: 0.9 },
          { text: 'AB123C0', confidence: 0.8 },
          { text: 'AB123CD', confidence: 0.5 },
        ],
      });
      expect(matches).toHaveLength(1);
      expect(matches[0]).toMatchObject({ read: 'AB123C0', confidence: 0.68 });
    });

    it('does not match the same plate text of another registration state, but matches when no state was read', () => {
      const index = ObjectIndex.build([car('a1', 'AB123CD', 'FRA')]);
      expect(index.lookup({ country: 'ITA', plate: [{ text: 'AB123CD' }] })).toEqual([]);
      const [m] = index.lookup({ plate: [{ text: 'AB123CD' }] });
      expect(m).toMatchObject({ country: 'not-read', confidence: 0.9 });
    });

    it('finds trailers by the trailer plate and containers by their ISO 6346 number', () => {
      const index = ObjectIndex.build([
        car('t1', 'TR-555', 'NLD'),
        {
          alertId: 'c1',
          category: 'object-seizure',
          objectType: 'container',
          covert: false,
          identifiers: [{ kind: 'container', value: 'CSQU3054383' }],
        },
      ]);
      const matches = index.lookup({
        country: 'DEU',
        trailerCountry: 'NLD',
        plate: [{ text: 'BMW1234' }],
        trailerPlate: [{ text: 'TR555' }],
        container: [{ text: 'CSQU 305438 3' }],
      });
      expect(matches.map((m) => [m.alertId, m.field])).toEqual([
        ['t1', 'trailer-plate'],
        ['c1', 'container'],
      ]);
    });

    it('marks covert (check) alerts so that the caller can route them to the police only', () => {
      const index = ObjectIndex.build([car('k1', 'KK-1', null, true)]);
      expect(index.lookup({ plate: [{ text: 'KK1' }] })[0]).toMatchObject({
        covert: true,
        country: 'not-recorded',
      });
    });

    it('forgets removed alerts and replaces upserted ones', () => {
      const index = ObjectIndex.build([car('a1', 'AB123CD', 'FRA'), car('a2', 'AB123CD', 'FRA')]);
      index.remove('a1');
      index.upsert(car('a2', 'ZZ999ZZ', 'FRA'));
      expect(index.size).toBe(1);
      expect(index.lookup({ country: 'FRA', plate: [{ text: 'AB123CD' }] })).toEqual([]);
      expect(index.lookup({ country: 'FRA', plate: [{ text: 'ZZ999ZZ' }] })).toHaveLength(1);
    });

    it('still finds a plate read with one look-alike substitution (property)', () => {
      const letters = Object.keys(PLATE_CONFUSIONS);
      const reverse = new Map<string, string[]>();
      for (const [l, d] of Object.entries(PLATE_CONFUSIONS)) {
        reverse.set(d, [...(reverse.get(d) ?? []), l]);
        reverse.set(l, [...(reverse.get(l) ?? []), d]);
      }
      fc.assert(
        fc.property(
          fc.array(fc.constantFrom(...'ABCDEFGHJKLMNPRSTUVWXYZ0123456789'), { minLength: 4, maxLength: 8 }),
          fc.nat(),
          (chars, pick) => {
            const plate = chars.join('');
            const positions = [...plate].flatMap((c, i) => (reverse.has(c) ? [i] : []));
            fc.pre(positions.length > 0);
            const i = positions[pick % positions.length]!;
            const options = reverse.get(plate[i]!)!;
            const misread = `${plate.slice(0, i)}${options[pick % options.length]!}${plate.slice(i + 1)}`;
            const index = ObjectIndex.build([car('a1', plate, 'DEU')]);
            const [m] = index.lookup({ country: 'DEU', plate: [{ text: misread, confidence: 0.8 }] });
            expect(m?.alertId).toBe('a1');
            expect(m?.confidence).toBeLessThan(0.8);
            expect(letters.length).toBeGreaterThan(0);
          },
        ),
      );
    });

    it('looks up 100,000 reads against 100,000 alerts in well under a second', () => {
      const entries = Array.from({ length: 100_000 }, (_, i) =>
        car(`a${i}`, `AB${String(i).padStart(6, '0')}`, 'FRA'),
      );
      const index = ObjectIndex.build(entries);
      const start = performance.now();
      let found = 0;
      for (let i = 0; i < 100_000; i += 1) {
        found += index.lookup({
          country: 'FRA',
          plate: [
            { text: `A8${String(i).padStart(6, '0')}`, confidence: 0.7 },
            { text: `XX${i}`, confidence: 0.2 },
          ],
        }).length;
      }
      const ms = performance.now() - start;
      expect(found).toBe(100_000);
      expect(ms).toBeLessThan(2000);
    });
  });
});
