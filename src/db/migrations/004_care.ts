import type { Kysely } from 'kysely';
import type { Dialect } from '../database';
import { columnTypes } from './column-types';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const t = columnTypes(dialect);

  // One row per flagged person; groups and needs are JSON arrays of the shared enums.
  await db.schema.createTable('care_flags')
    .addColumn('person_id', 'text', (c) => c.primaryKey().references('persons.id'))
    .addColumn('groups', 'text', (c) => c.notNull())
    .addColumn('needs', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();

  await db.schema.createTable('care_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.unique())
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('need', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
    .addColumn('due_at', t.instant, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('closed_at', t.instant)
    .addColumn('closed_by', 'text', (c) => c.references('users.id'))
    .addColumn('close_note', 'text')
    .execute();
  await db.schema.createIndex('care_tasks_status_due').on('care_tasks').columns(['status', 'due_at']).execute();
  await db.schema.createIndex('care_tasks_person').on('care_tasks').columns(['person_id', 'status']).execute();
  await db.schema.createIndex('care_tasks_assignee').on('care_tasks').columns(['assignee_id', 'status']).execute();
}
