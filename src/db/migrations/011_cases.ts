import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database';
import { OPEN_CASE_STATUSES } from '../../domain/enums';
import { columnTypes } from './column-types';

// Close contacts go to centralised quarantine then home health monitoring (7+3); secondary
// contacts stay home. Editable like every policy.
const CONTACT_POLICIES = [
  { reason: 'close_contact', centralised_days: 7, home_days: 3 },
  { reason: 'secondary_contact', centralised_days: 0, home_days: 7 },
];

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const t = columnTypes(dialect);
  const now = new Date().toISOString();
  await db.insertInto('observation_policies').values(CONTACT_POLICIES.map((p) => ({ ...p, updated_at: now })))
    .onConflict((oc) => oc.column('reason').doNothing()).execute();

  // A cluster is named by the id of its first case; rows exist only for clusters given a name.
  await db.schema.createTable('clusters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('named_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('named_at', t.instant, (c) => c.notNull())
    .execute();

  await db.schema.createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().unique())
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('classification', 'text', (c) => c.notNull())
    // As first reported: with reclassified_at, what the daily figures count.
    .addColumn('reported_classification', 'text', (c) => c.notNull())
    .addColumn('clinical_type', 'text')
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('origin_code', t.code)
    .addColumn('found_by', 'text', (c) => c.notNull())
    .addColumn('reported_at', t.instant, (c) => c.notNull())
    .addColumn('reporting_unit', 'text', (c) => c.notNull())
    .addColumn('jurisdiction_code', t.code, (c) => c.notNull().references('jurisdictions.code'))
    .addColumn('community_code', t.code)
    .addColumn('onset_date', 'text')
    .addColumn('first_positive_at', t.instant, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_since', t.instant, (c) => c.notNull())
    .addColumn('controlled_at', t.instant)
    .addColumn('facility', 'text')
    .addColumn('ended_at', t.instant)
    .addColumn('reclassified_at', t.instant)
    .addColumn('source_case_id', 'text', (c) => c.references('cases.id'))
    .addColumn('source_contact_id', 'text')
    .addColumn('cluster_id', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
  // One open case per person, enforced by the database: a second report attaches to the first.
  await db.schema.createIndex('cases_open_person').on('cases').column('person_id').unique()
    .where(sql.ref('status'), 'in', OPEN_CASE_STATUSES).execute();
  await db.schema.createIndex('cases_person').on('cases').column('person_id').execute();
  await db.schema.createIndex('cases_jurisdiction').on('cases').columns(['jurisdiction_code', 'reported_at']).execute();
  await db.schema.createIndex('cases_waiting').on('cases').columns(['status', 'jurisdiction_code', 'reported_at']).execute();
  await db.schema.createIndex('cases_reclassified').on('cases').column('reclassified_at').where(sql.ref('reclassified_at'), 'is not', null).execute();
  await db.schema.createIndex('cases_cluster').on('cases').columns(['cluster_id', 'reported_at']).execute();
  await db.schema.createIndex('cases_source').on('cases').column('source_case_id').execute();

  await db.schema.createTable('case_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    // Set on a second report attached to the case, so that its retry attaches once.
    .addColumn('client_id', 'text', (c) => c.unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_value', 'text')
    .addColumn('to_value', 'text')
    .addColumn('detail', 'text')
    .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_events_case').on('case_events').columns(['case_id', 'at']).execute();

  await db.schema.createTable('exposures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().unique())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('setting', 'text', (c) => c.notNull())
    .addColumn('place_code', t.code)
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('from_at', t.instant, (c) => c.notNull())
    .addColumn('to_at', t.instant, (c) => c.notNull())
    .addColumn('transport_mode', 'text')
    .addColumn('transport_number', 'text')
    .addColumn('seat', 'text')
    .addColumn('place_key', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('exposures_case').on('exposures').columns(['case_id', 'from_at']).execute();
  await db.schema.createIndex('exposures_place').on('exposures').columns(['place_key', 'from_at']).execute();

  // case_code, community_code and unit_code are the scope columns: the case's jurisdiction,
  // where the contact lives, and where their control is held.
  await db.schema.createTable('contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('exposure_id', 'text', (c) => c.notNull().references('exposures.id'))
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('case_code', t.code, (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('degree', 'text', (c) => c.notNull())
    .addColumn('via_contact_id', 'text', (c) => c.references('contacts.id'))
    .addColumn('observation_id', 'text', (c) => c.references('observations.id'))
    .addColumn('community_code', t.code)
    .addColumn('unit_code', t.code)
    .addColumn('address', 'text')
    .addColumn('seat', 'text')
    .addColumn('positive_case_id', 'text', (c) => c.references('cases.id'))
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    // Adding or importing the same person for the same exposure again finds this row.
    .addUniqueConstraint('contacts_exposure_person', ['exposure_id', 'person_id'])
    .execute();
  await db.schema.createIndex('contacts_case').on('contacts').columns(['case_id', 'degree']).execute();
  await db.schema.createIndex('contacts_case_code').on('contacts').columns(['case_code', 'created_at']).execute();
  await db.schema.createIndex('contacts_community').on('contacts').columns(['community_code', 'created_at']).execute();
  await db.schema.createIndex('contacts_unit').on('contacts').columns(['unit_code', 'created_at']).execute();
  await db.schema.createIndex('contacts_person').on('contacts').column('person_id').execute();
  await db.schema.createIndex('contacts_via').on('contacts').column('via_contact_id').execute();
}
