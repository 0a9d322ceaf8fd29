import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/platform/config.ts';
import { sql } from '../src/platform/database/index.ts';
import { createServices } from '../src/services.ts';
import type { Bench, BenchResult } from './harness.ts';

/** EES files (each with a passport and two stays) inserted with SQL, then a start that builds the read models. */
const FILES = Number(process.argv.find((a) => a.startsWith('--files='))?.split('=')[1] ?? 100_000);

const bench: Bench = {
  name: 'read-model-build',
  async run() {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'interlink-bench-rm-'));
    const config = loadConfig({ INTERLINK_DATA_DIR: dir, LOG_LEVEL: 'silent' });
    try {
      const first = await createServices(config);
      const db = first.database.db;
      const id = sql`lpad(g::text, 9, '0')`;
      await sql`insert into ees.individual_file (id, kind, surname, given_names, surname_norm, given_names_norm,
          birth_date, birth_year, sex, nationalities, facial_image_ref, fingerprint_status, fingerprints,
          responsible_state, created_by_authority, created_at, updated_at, overstayer, erase_after)
        select 'eesf_' || ${id}, 'visa-exempt', 'Surname' || g, 'Anna', 'SURNAME' || g, 'ANNA', '1980-01-01', 1980,
          'F', '["USA"]'::jsonb, 'face:x', 'captured', null, 'FI', 'Bench', now(), now(), false, '2030-01-01'
        from generate_series(1, ${FILES}) g`.execute(db);
      await sql`insert into ees.travel_document (id, file_id, doc_type, number, number_norm, issuing_state,
          expiry, erase_after)
        select 'eesd_' || ${id}, 'eesf_' || ${id}, 'P', 'B' || ${id}, 'B' || ${id}, 'USA', '2035-01-01', '2030-01-01'
        from generate_series(1, ${FILES}) g`.execute(db);
      for (const k of [1, 2]) {
        await sql`insert into ees.entry_exit_record (id, file_id, entry_at, entry_date, entry_bcp, entry_authority,
            entry_state, family_member, authorised_until, exit_at, exit_date, exit_bcp, exit_authority, exit_state,
            overstay_days, erase_after)
          select 'eesr_' || ${k} || '_' || ${id}, 'eesf_' || ${id}, now() - interval '100 days' * ${k},
            (now() - interval '100 days' * ${k})::date, 'FI-HEL', 'Bench', 'FI', false,
            (now() - interval '100 days' * ${k} + interval '89 days')::date,
            now() - interval '100 days' * ${k} + interval '10 days',
            (now() - interval '100 days' * ${k} + interval '10 days')::date, 'FI-HEL', 'Bench', 'FI', 0, '2030-01-01'
          from generate_series(1, ${FILES}) g`.execute(db);
      }
      await first.close();
      const memBefore = process.memoryUsage().heapUsed;
      const started = performance.now();
      const s = await createServices(config);
      const seconds = (performance.now() - started) / 1000;
      const heapMiB = (process.memoryUsage().heapUsed - memBefore) / 2 ** 20;
      const found = await s.ees.buildReadModel();
      await s.close();
      const size = `${FILES.toLocaleString('en')} EES files, 1 document and 2 stays each (embedded)`;
      const results: BenchResult[] = [
        {
          bench: 'read-model-build',
          case: 'start (createServices) building the read models',
          size,
          value: seconds,
          unit: 's',
          note: `${Math.round(FILES / seconds).toLocaleString('en')} files/s; heap +${Math.round(heapMiB)} MiB; ${found} files held`,
        },
      ];
      return results;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default bench;
