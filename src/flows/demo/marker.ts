import type { Kysely, Migration } from 'kysely';
import type { Executor, MigrationSet } from '../../platform/database/index.ts';

/**
 * The one-row record that says a demo world was made, with what seed and on what day: the world can then
 * be described again (the plan is a pure function of both) and is never made twice.
 */
export const DEMO_SCHEMA = 'demo';

export const demoMigrations: Record<string, Migration> = {
  '0001_world': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('demo.world')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('seed', 'text', (c) => c.notNull())
        .addColumn('planned_on', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('completed_at', 'timestamptz')
        .execute();
    },
  },
};

export const DEMO_MIGRATION_SET: MigrationSet = Object.freeze({
  schema: DEMO_SCHEMA,
  migrations: demoMigrations,
});

export type DemoWorldStatus = 'creating' | 'complete' | 'failed';

export interface WorldMarker {
  seed: string;
  plannedOn: string;
  status: DemoWorldStatus;
  createdAt: Date;
  completedAt: Date | null;
}

interface WorldTable {
  id: number;
  seed: string;
  planned_on: string;
  status: string;
  created_at: Date;
  completed_at: Date | null;
}

const q = (db: Executor) => db.withTables<{ 'demo.world': WorldTable }>();

export async function readMarker(db: Executor): Promise<WorldMarker | null> {
  const row = await q(db).selectFrom('demo.world').selectAll().where('id', '=', 1).executeTakeFirst();
  return row === undefined
    ? null
    : {
        seed: row.seed,
        plannedOn: row.planned_on,
        status: row.status as DemoWorldStatus,
        createdAt: new Date(row.created_at),
        completedAt: row.completed_at === null ? null : new Date(row.completed_at),
      };
}

/** Claims the making of the world; false when another run has claimed it first. */
export async function claimMarker(
  db: Executor,
  marker: { seed: string; plannedOn: string; at: Date },
): Promise<boolean> {
  const claimed = await q(db)
    .insertInto('demo.world')
    .values({
      id: 1,
      seed: marker.seed,
      planned_on: marker.plannedOn,
      status: 'creating',
      created_at: marker.at,
      completed_at: null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return claimed !== undefined;
}

export async function finishMarker(db: Executor, status: 'complete' | 'failed', at: Date): Promise<void> {
  await q(db).updateTable('demo.world').set({ status, completed_at: at }).where('id', '=', 1).execute();
}
