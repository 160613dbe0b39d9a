import type { Kysely } from 'kysely';
import type { Dialect } from '../database';
import { columnTypes } from './column-types';

// Counts maintained with every registration (see src/domain/rollups.ts). Existing
// arrivals are counted at the next start, in the configured time zone.
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const t = columnTypes(dialect);

  await db.schema.createTable('arrival_day_counts')
    .addColumn('grain', 'text', (c) => c.notNull())
    .addColumn('code', t.code, (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('registered', 'integer', (c) => c.notNull())
    .addColumn('abnormal', 'integer', (c) => c.notNull())
    .addColumn('fever_clinic', 'integer', (c) => c.notNull())
    .addColumn('centralised', 'integer', (c) => c.notNull())
    .addColumn('home', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('arrival_day_counts_pk', ['grain', 'code', 'day'])
    .execute();

  await db.schema.createTable('arrival_entry_counts')
    .addColumn('city_code', t.code, (c) => c.notNull())
    .addColumn('entry_point_id', 'text', (c) => c.notNull())
    .addColumn('hour', t.instant, (c) => c.notNull())
    .addColumn('registered', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('arrival_entry_counts_pk', ['city_code', 'hour', 'entry_point_id'])
    .execute();

  await db.schema.createTable('arrival_origin_counts')
    .addColumn('city_code', t.code, (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('origin_code', t.code, (c) => c.notNull())
    .addColumn('registered', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('arrival_origin_counts_pk', ['city_code', 'day', 'origin_code'])
    .execute();

  await db.insertInto('settings').values({ key: 'rollups_time_zone', value: '' }).execute();
}
