import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database';
import { columnTypes } from './column-types';

// Observations started and ended per unit and report day, so that the trend of people under
// observation is a running sum of a few hundred count rows (recounted at the next start).
// Each observation also carries the latest report day it has checks for and a bit per slot
// checked that day, so today's missing checks are read from the status index alone.
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema.createTable('observation_day_counts')
    .addColumn('grain', 'text', (c) => c.notNull())
    .addColumn('code', t.code, (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('started', 'integer', (c) => c.notNull())
    .addColumn('ended', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('observation_day_counts_pk', ['grain', 'code', 'day'])
    .execute();
  await db.updateTable('settings').set({ value: '' }).where('key', '=', 'rollups_time_zone').execute();

  await db.schema.alterTable('observations').addColumn('last_check_day', 'text').execute();
  await db.schema.alterTable('observations').addColumn('last_check_slots', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await sql`update observations set last_check_day = (select max(c.report_day) from observation_checks c where c.observation_id = observations.id)`.execute(db);
  await sql`update observations set last_check_slots = (
    select coalesce(sum(distinct 1 << c.slot), 0) from observation_checks c where c.observation_id = observations.id and c.report_day = observations.last_check_day
  ) where last_check_day is not null`.execute(db);
  await db.schema.dropIndex('observations_status').execute();
  await db.schema.createIndex('observations_status').on('observations')
    .columns(['status', 'unit_code', 'kind', 'start_at', 'last_check_day', 'last_check_slots', 'id']).execute();
}
