import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServices, describeEachDatabase } from '../../../test/support/db.ts';
import { Changes } from '../../platform/changes/index.ts';
import { isAppError } from '../../platform/errors.ts';
import type { Partition, Template } from './model.ts';
import { SbmsService } from './service.ts';
import { SyntheticBiometrics } from './synthetic.ts';

type TestServices = Awaited<ReturnType<typeof createTestServices>>;

const gen = new SyntheticBiometrics({ seed: 15 });

describeEachDatabase('SbmsService', (tier) => {
  let s: TestServices;
  const face = (person: string, capture = 0, quality = 80): Template[] =>
    s.sbms.decode([gen.face(person, { capture, quality })]);
  const fingers = (person: string, positions: number[], capture = 0, quality = 80): Template[] =>
    s.sbms.decode(gen.fingers(person, positions, { capture, quality }));
  // As `Writes.run` does: the write in a transaction, then this node catches up with the feed.
  const enrol = async (partition: Partition, recordRef: string, templates: Template[]) => {
    const r = await s.database.db
      .transaction()
      .execute((trx) => s.sbms.enrol(trx, partition, recordRef, templates));
    await s.changes.sync();
    return r;
  };
  const remove = async (partition: Partition, recordRefs: string[]) => {
    const n = await s.database.db.transaction().execute((trx) => s.sbms.remove(trx, partition, recordRefs));
    await s.changes.sync();
    return n;
  };

  beforeAll(async () => {
    s = await createTestServices(tier);
    // A population: 40 people in EES (face and two fingers), 40 others in SIS (face only).
    for (let i = 0; i < 40; i++) {
      await enrol('ees', `eesf_${i}`, [...face(`ees-${i}`), ...fingers(`ees-${i}`, [1, 2])]);
      await enrol('sis', `sisa_${i}`, face(`sis-${i}`));
    }
  });
  afterAll(async () => {
    await s.close();
  });

  describe('verify (1:1)', () => {
    it('matches a new capture of the same person and refuses another person', async () => {
      const genuine = await s.sbms.verify(face('ees-3', 1), 'ees', 'eesf_3');
      expect(genuine).toMatchObject({
        decision: 'match',
        compared: true,
        partition: 'ees',
        recordRef: 'eesf_3',
      });
      expect(genuine.falseMatchRate).toBeLessThan(1e-6);
      expect(genuine.scores).toHaveLength(1);
      expect(genuine.scores[0]!.score).toBeGreaterThan(0.5);

      const impostor = await s.sbms.verify(face('ees-4', 1), 'ees', 'eesf_3');
      expect(impostor).toMatchObject({ decision: 'no-match', compared: true });
      expect(impostor.falseMatchRate).toBe(1);
    });

    it('fuses the fingers with the face: fingers alone of the same person match, of another do not', async () => {
      const genuine = await s.sbms.verify(fingers('ees-5', [1, 2], 2), 'ees', 'eesf_5');
      expect(genuine.decision).toBe('match');
      expect(genuine.scores.map((x) => x.position).sort()).toEqual([1, 2]);
      const impostor = await s.sbms.verify(fingers('ees-6', [1, 2], 2), 'ees', 'eesf_5');
      expect(impostor.decision).toBe('no-match');
    });

    it('says nothing was compared when the record holds no template of the probe modality', async () => {
      const r = await s.sbms.verify(fingers('sis-1', [1]), 'sis', 'sisa_1');
      expect(r).toMatchObject({ compared: false, decision: 'no-match', scores: [] });
      const none = await s.sbms.verify(face('x'), 'sis', 'no-such-record');
      expect(none.compared).toBe(false);
    });
  });

  describe('identify (1:N)', () => {
    it('finds the person in the partitions asked for, first and alone among the matches', async () => {
      const found = await s.sbms.identify(face('ees-7', 3), { partitions: ['ees', 'sis'] });
      expect(found.map((c) => [c.partition, c.recordRef, c.rank])).toEqual([['ees', 'eesf_7', 1]]);
    });

    it('does not look into a partition the caller may not reach', async () => {
      expect(await s.sbms.identify(face('ees-7', 3), { partitions: ['sis'] })).toEqual([]);
      expect(await s.sbms.identify(face('ees-7', 3), { partitions: [] })).toEqual([]);
    });

    it('still returns k candidates from the partition asked for when the other partition is nearer', async () => {
      // The probe is a SIS person: without the partition filter SIS would fill the top ranks.
      const found = await s.sbms.identify(face('sis-2', 1), {
        partitions: ['ees'],
        limit: 5,
        matchesOnly: false,
      });
      expect(found).toHaveLength(5);
      expect(found.every((c) => c.partition === 'ees' && c.decision === 'no-match')).toBe(true);
      expect(found.map((c) => c.rank)).toEqual([1, 2, 3, 4, 5]);
      const scores = found.map((c) => c.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    });

    it('scores a candidate over all its templates of the probe modalities', async () => {
      const [hit] = await s.sbms.identify([...face('ees-8', 4), ...fingers('ees-8', [1, 2], 4)], {
        partitions: ['ees'],
      });
      expect(hit).toMatchObject({ recordRef: 'eesf_8', decision: 'match' });
      expect(hit!.scores.map((x) => `${x.modality}${x.position}`).sort()).toEqual([
        'face0',
        'finger1',
        'finger2',
      ]);
    });
  });

  describe('enrolment', () => {
    it('replaces the record templates and applies the quality gate of art. 13(3)', async () => {
      const first = await enrol('sis', 'sisa_replace', face('before'));
      const second = await enrol('sis', 'sisa_replace', [...face('after'), ...fingers('after', [3])]);
      expect(second.templateIds).toHaveLength(2);
      expect(s.sbms.holds(first.templateIds[0]!)).toBe(false);
      expect(second.templateIds.every((id) => s.sbms.holds(id))).toBe(true);
      expect((await s.sbms.verify(face('before', 1), 'sis', 'sisa_replace')).decision).toBe('no-match');
      expect((await s.sbms.verify(face('after', 1), 'sis', 'sisa_replace')).decision).toBe('match');
      const held = await s.sbms.holdings('sis', ['sisa_replace', 'sisa_1', 'none']);
      expect(held.get('sisa_replace')).toEqual([
        { modality: 'face', position: 0, quality: 80 },
        { modality: 'finger', position: 3, quality: 80 },
      ]);
      expect(held.get('sisa_1')).toEqual([{ modality: 'face', position: 0, quality: 80 }]);
      expect(held.has('none')).toBe(false);

      const low = s.sbms.decode([gen.face('low', { quality: 20 })], 'biometrics', { qualityGate: false });
      const refused = await enrol('sis', 'sisa_low', low).catch((e: unknown) => e);
      expect(isAppError(refused) && refused.code).toBe('SBMS_QUALITY_TOO_LOW');
      expect((await s.sbms.holdings('sis', ['sisa_low'])).size).toBe(0);
    });

    it('leaves nothing behind when the transaction rolls back', async () => {
      const failed = await s.database.db
        .transaction()
        .execute(async (trx) => {
          await s.sbms.enrol(trx, 'sis', 'sisa_rollback', face('rollback'));
          throw new Error('the caller failed');
        })
        .catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(Error);
      await s.changes.sync();
      expect(await s.sbms.identify(face('rollback', 1), { partitions: ['sis'] })).toEqual([]);
    });

    it('compares per finger for the expert, and refuses a record it does not hold', async () => {
      const r = await s.sbms.compare(fingers('ees-9', [1, 2, 3], 1), 'ees', 'eesf_9');
      expect(r.scores.map((x) => x.position)).toEqual([1, 2]);
      expect(r.decision).toBe('match');
      const err = await s.sbms.compare(face('x'), 'ees', 'nothing').catch((e: unknown) => e);
      expect(isAppError(err) && [err.kind, err.code]).toEqual(['NotFound', 'SBMS_RECORD_NOT_FOUND']);
    });
  });

  describe('removal', () => {
    it('removes a template for good: never returned again by verify, identify or holdings', async () => {
      const { templateIds } = await enrol('ees', 'eesf_gone', [...face('gone'), ...fingers('gone', [1])]);
      expect((await s.sbms.identify(face('gone', 1), { partitions: ['ees'] }))[0]?.recordRef).toBe(
        'eesf_gone',
      );
      expect(await remove('ees', ['eesf_gone', 'never-there'])).toBe(2);
      expect(templateIds.some((id) => s.sbms.holds(id))).toBe(false);
      const after = await s.sbms.identify(face('gone', 1), {
        partitions: ['ees'],
        limit: 100,
        matchesOnly: false,
      });
      expect(after.some((c) => c.recordRef === 'eesf_gone')).toBe(false);
      expect((await s.sbms.verify(face('gone', 1), 'ees', 'eesf_gone')).compared).toBe(false);
      expect((await s.sbms.holdings('ees', ['eesf_gone'])).size).toBe(0);
    });

    it('erasure of a system record removes its templates through the cascade', async () => {
      await enrol('sis', 'sisa_erased', face('erased'));
      const cascade = s.sbms.erasureCascade((system) => (system === 'sis' ? 'sis' : undefined));
      const removed = await s.database.db
        .transaction()
        .execute(async (trx) => [
          await cascade.onErased(trx, 'sis', ['sisa_erased']),
          await cascade.onErased(trx, 'hubs', ['sisa_erased']),
        ]);
      expect(removed).toEqual([1, 0]);
      await cascade.afterCommit?.('sis', ['sisa_erased']);
      expect(await s.sbms.identify(face('erased', 1), { partitions: ['sis'] })).toEqual([]);
    });
  });

  describe('another node and a restart', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'interlink-sbms-'));
    });
    afterAll(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    const node = async (snapshotDir: string | null) => {
      const changes = new Changes({
        database: s.database,
        logger: s.logger,
        listenUrl: null,
        pollIntervalMs: 50,
      });
      const sbms = new SbmsService({ database: s.database, changes, logger: s.logger, snapshotDir });
      let built: Awaited<ReturnType<SbmsService['start']>> | undefined;
      await changes.start(async () => {
        built = await sbms.start();
      });
      return {
        sbms,
        changes,
        built: built!,
        close: async () => {
          await changes.close();
          sbms.close();
        },
      };
    };
    const answers = async (sbms: SbmsService) => ({
      size: sbms.size,
      found: await sbms.identify(face('ees-11', 5), {
        partitions: ['ees', 'sis'],
        limit: 3,
        matchesOnly: false,
      }),
      verified: await sbms.verify(fingers('ees-12', [1, 2], 5), 'ees', 'eesf_12'),
      moved: await sbms.identify(face('moved', 1), { partitions: ['sis'] }),
    });

    it('follows the change feed of writes made by another node', async () => {
      const other = await node(null);
      try {
        await enrol('sis', 'sisa_feed', face('feed'));
        await other.changes.sync();
        expect((await other.sbms.identify(face('feed', 1), { partitions: ['sis'] }))[0]?.recordRef).toBe(
          'sisa_feed',
        );
        await remove('sis', ['sisa_feed']);
        await other.changes.sync();
        expect(await other.sbms.identify(face('feed', 1), { partitions: ['sis'] })).toEqual([]);
      } finally {
        await other.close();
      }
    });

    it('restarts from its snapshot, reconciling ids with the table, and answers as a full build does', async () => {
      const first = await node(dir);
      expect(first.built.from).toBe('table');
      await first.close();
      // Changes while the node is down: a new record, a replaced one, a removed one.
      await enrol('sis', 'sisa_moved', face('moved'));
      await enrol('ees', 'eesf_12', [...face('ees-12'), ...fingers('ees-12', [1, 2], 1)]);
      await remove('ees', ['eesf_13']);

      const restarted = await node(dir);
      const rebuilt = await node(null);
      try {
        expect(restarted.built.from).toBe('snapshot');
        expect(rebuilt.built.from).toBe('table');
        const a = await answers(restarted.sbms);
        expect(a).toEqual(await answers(rebuilt.sbms));
        expect(a.moved.map((c) => c.recordRef)).toEqual(['sisa_moved']);
        expect(a.verified.decision).toBe('match');
        expect((await restarted.sbms.holdings('ees', ['eesf_13'])).size).toBe(0);
        expect(
          (
            await restarted.sbms.identify(face('ees-13', 1), {
              partitions: ['ees'],
              limit: 100,
              matchesOnly: false,
            })
          ).some((c) => c.recordRef === 'eesf_13'),
        ).toBe(false);
      } finally {
        await restarted.close();
        await rebuilt.close();
      }
      // The snapshot written at close is loaded again, nothing to reconcile.
      const again = await node(dir);
      try {
        expect(again.built).toMatchObject({ from: 'snapshot' });
        expect(await answers(again.sbms)).toEqual(await answers(s.sbms));
      } finally {
        await again.close();
      }
    });
  });
});
