import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database';
import { columnTypes } from './column-types';

// Releases join the maintained counts (recounted at the next start). The dashboard's other
// figures read small index ranges: people under observation (by kind, and their start for
// missing checks) from the status index alone, those who ended by end time, and the
// arrivals waiting for a hand-off from an index holding only them.
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema.createTable('release_day_counts')
    .addColumn('grain', 'text', (c) => c.notNull())
    .addColumn('code', t.code, (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('released', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('release_day_counts_pk', ['grain', 'code', 'day'])
    .execute();
  await db.schema.dropIndex('observations_status').execute();
  await db.schema.createIndex('observations_status').on('observations').columns(['status', 'unit_code', 'kind', 'start_at', 'id']).execute();
  await db.schema.createIndex('observations_ended').on('observations').column('ended_at').execute();
  await db.schema.createIndex('arrivals_waiting').on('arrivals').columns(['stage_since', 'dest_code']).where(sql.ref('holder_code'), 'is not', null).execute();
  await db.updateTable('settings').set({ value: '' }).where('key', '=', 'rollups_time_zone').execute();
}
