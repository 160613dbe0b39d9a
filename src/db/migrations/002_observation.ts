import type { Kysely } from 'kysely';
import type { Dialect } from '../database';
import { columnTypes } from './column-types';

const DEFAULT_POLICIES = [
  { reason: 'home_observation', centralised_days: 0, home_days: 14 },
  { reason: 'fever_clinic', centralised_days: 0, home_days: 14 },
  { reason: 'centralised_observation', centralised_days: 14, home_days: 0 },
  { reason: 'centralised_isolation', centralised_days: 14, home_days: 0 },
  { reason: 'employer_hotel', centralised_days: 14, home_days: 0 },
  { reason: 'community_check', centralised_days: 0, home_days: 14 },
];

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const t = columnTypes(dialect);

  // One policy per reason for observation; 7+3 is centralised_days 7, home_days 3.
  await db.schema.createTable('observation_policies')
    .addColumn('reason', 'text', (c) => c.primaryKey())
    .addColumn('centralised_days', 'integer', (c) => c.notNull())
    .addColumn('home_days', 'integer', (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
  const now = new Date().toISOString();
  await db.insertInto('observation_policies').values(DEFAULT_POLICIES.map((p) => ({ ...p, updated_at: now }))).execute();

  await db.schema.createTable('rooms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_code', t.code, (c) => c.notNull().references('jurisdictions.code'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addUniqueConstraint('rooms_site_number', ['site_code', 'number'])
    .execute();

  await db.schema.createTable('observations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.unique())
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('arrival_id', 'text', (c) => c.unique().references('arrivals.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('centralised_days', 'integer', (c) => c.notNull())
    .addColumn('home_days', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('unit_code', t.code, (c) => c.notNull())
    .addColumn('community_code', t.code)
    .addColumn('pending_unit_code', t.code)
    .addColumn('room_id', 'text', (c) => c.references('rooms.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('start_at', t.instant, (c) => c.notNull())
    .addColumn('start_day', 'text', (c) => c.notNull())
    .addColumn('handoff_day', 'text')
    .addColumn('end_day', 'text', (c) => c.notNull())
    .addColumn('ended_at', t.instant)
    .addColumn('end_reason', 'text')
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('observations_unit').on('observations').columns(['unit_code', 'status', 'end_day']).execute();
  await db.schema.createIndex('observations_status').on('observations').columns(['status', 'unit_code']).execute();
  await db.schema.createIndex('observations_person').on('observations').column('person_id').execute();
  await db.schema.createIndex('observations_room').on('observations').columns(['room_id', 'status']).execute();

  await db.schema.createTable('observation_checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().unique())
    .addColumn('observation_id', 'text', (c) => c.notNull().references('observations.id'))
    .addColumn('taken_at', t.instant, (c) => c.notNull())
    .addColumn('report_day', 'text', (c) => c.notNull())
    .addColumn('slot', 'integer', (c) => c.notNull())
    .addColumn('temperature', 'real', (c) => c.notNull())
    .addColumn('symptoms', 'text', (c) => c.notNull())
    .addColumn('abnormal', 'integer', (c) => c.notNull())
    .addColumn('entered_by', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('checks_observation').on('observation_checks').columns(['observation_id', 'report_day', 'slot']).execute();
  await db.schema.createIndex('checks_day_slot').on('observation_checks').columns(['report_day', 'slot', 'observation_id']).execute();

  await db.schema.createTable('alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('observation_id', 'text', (c) => c.notNull().references('observations.id'))
    .addColumn('check_id', 'text', (c) => c.notNull().references('observation_checks.id'))
    .addColumn('unit_code', t.code, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('opened_at', t.instant, (c) => c.notNull())
    .addColumn('resolution', 'text')
    .addColumn('outcome', 'text')
    .addColumn('closed_at', t.instant)
    .addColumn('closed_by', 'text')
    .execute();
  await db.schema.createIndex('alerts_status').on('alerts').columns(['status', 'unit_code']).execute();
  await db.schema.createIndex('alerts_observation').on('alerts').column('observation_id').execute();
}
