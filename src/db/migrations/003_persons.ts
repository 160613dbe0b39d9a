import type { Kysely } from 'kysely';
import type { Dialect } from '../database';
import { columnTypes } from './column-types';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const t = columnTypes(dialect);

  // Keys that find likely duplicates across documents: the normalised name (with
  // birth_date) and a blind index of the normalised phone. Set when a person is written.
  await db.schema.alterTable('persons').addColumn('name_key', 'text').execute();
  await db.schema.alterTable('persons').addColumn('phone_key', 'text').execute();
  // Set on the person merged away; their rows now belong to this survivor.
  await db.schema.alterTable('persons').addColumn('merged_into', 'text', (c) => c.references('persons.id')).execute();
  await db.schema.createIndex('persons_name_key').on('persons').columns(['name_key', 'birth_date']).execute();
  await db.schema.createIndex('persons_phone_key').on('persons').column('phone_key').execute();

  // One row per merge; `moved` holds the ids moved per table ({"arrivals": [...], ...}) so that undo is exact.
  await db.schema.createTable('person_merges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('survivor_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('merged_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('moved', 'text', (c) => c.notNull())
    .addColumn('merged_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('merged_at', t.instant, (c) => c.notNull())
    .addColumn('undone_by', 'text', (c) => c.references('users.id'))
    .addColumn('undone_at', t.instant)
    .execute();
  await db.schema.createIndex('person_merges_survivor').on('person_merges').column('survivor_id').execute();
  await db.schema.createIndex('person_merges_merged').on('person_merges').column('merged_id').execute();
}
