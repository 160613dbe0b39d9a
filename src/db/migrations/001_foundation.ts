import type { Kysely } from 'kysely';
import type { Dialect } from '../database';
import { columnTypes } from './column-types';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const t = columnTypes(dialect);

  await db.schema.createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('jurisdictions')
    .addColumn('code', t.code, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('parent_code', t.code, (c) => c.references('jurisdictions.code'))
    .addColumn('rooms', 'integer')
    .addColumn('hotel_code', t.code, (c) => c.references('jurisdictions.code'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jurisdictions_parent').on('jurisdictions').columns(['parent_code', 'code']).execute();
  await db.schema.createIndex('jurisdictions_name').on('jurisdictions').column('name').execute();

  await db.schema.createTable('entry_points')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('jurisdiction_code', t.code, (c) => c.notNull().references('jurisdictions.code'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();

  await db.schema.createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('jurisdiction_code', t.code, (c) => c.notNull().references('jurisdictions.code'))
    .addColumn('can_reveal', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', t.instant)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();

  await db.schema.createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('expires_at', t.instant, (c) => c.notNull())
    .addColumn('revoked', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema.createTable('persons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_type', 'text', (c) => c.notNull())
    .addColumn('document_key', 'text', (c) => c.notNull().unique())
    .addColumn('document_enc', 'text', (c) => c.notNull())
    .addColumn('document_masked', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone_enc', 'text')
    .addColumn('phone_masked', 'text')
    .addColumn('phone_tail', 'text')
    .addColumn('birth_date', 'text')
    .addColumn('sex', 'text')
    .addColumn('jurisdiction_code', t.code, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('persons_phone_tail').on('persons').column('phone_tail').execute();
  await db.schema.createIndex('persons_jurisdiction').on('persons').column('jurisdiction_code').execute();

  await db.schema.createTable('arrivals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().unique())
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('entry_point_id', 'text', (c) => c.notNull().references('entry_points.id'))
    .addColumn('transport_mode', 'text', (c) => c.notNull())
    .addColumn('transport_number', 'text')
    .addColumn('arrived_at', t.instant, (c) => c.notNull())
    .addColumn('origin_code', t.code, (c) => c.notNull())
    .addColumn('visited', 'text', (c) => c.notNull())
    .addColumn('contact_with_affected', 'integer', (c) => c.notNull())
    .addColumn('contact_note', 'text')
    .addColumn('health_code_color', 'text', (c) => c.notNull())
    .addColumn('health_code_raw', 'text')
    .addColumn('temperature', 'real', (c) => c.notNull())
    .addColumn('abnormal_temperature', 'integer', (c) => c.notNull())
    .addColumn('symptoms', 'text', (c) => c.notNull())
    .addColumn('dest_code', t.code, (c) => c.notNull().references('jurisdictions.code'))
    .addColumn('dest_address', 'text', (c) => c.notNull())
    .addColumn('dest_compound', 'text')
    .addColumn('employer_code', t.code)
    .addColumn('disposition', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('route_first', t.code, (c) => c.notNull())
    .addColumn('route_second', t.code)
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('holder_code', t.code)
    .addColumn('stage_since', t.instant, (c) => c.notNull())
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .addColumn('registered_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('arrivals_registered_at').on('arrivals').column('registered_at').execute();
  await db.schema.createIndex('arrivals_dest').on('arrivals').columns(['dest_code', 'registered_at']).execute();
  await db.schema.createIndex('arrivals_route_first').on('arrivals').columns(['route_first', 'registered_at']).execute();
  await db.schema.createIndex('arrivals_route_second').on('arrivals').columns(['route_second', 'registered_at']).execute();
  await db.schema.createIndex('arrivals_holder').on('arrivals').columns(['holder_code', 'stage_since']).execute();
  await db.schema.createIndex('arrivals_person').on('arrivals').column('person_id').execute();

  await db.schema.createTable('arrival_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('arrival_id', 'text', (c) => c.notNull().references('arrivals.id'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('unit_code', t.code)
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('arrival_events_arrival').on('arrival_events').columns(['arrival_id', 'at']).execute();

  await db.schema.createTable('risk_areas')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', t.code, (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('designated_at', t.instant, (c) => c.notNull())
    .addColumn('lifted_at', t.instant)
    .execute();
  await db.schema.createIndex('risk_areas_code').on('risk_areas').column('code').execute();

  await db.schema.createTable('audit_log')
    .addColumn('id', t.serial)
    .addColumn('at', t.instant, (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('username', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('jurisdiction_code', t.code)
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('audit_at').on('audit_log').column('at').execute();
  await db.schema.createIndex('audit_entity').on('audit_log').columns(['entity', 'entity_id']).execute();
}
