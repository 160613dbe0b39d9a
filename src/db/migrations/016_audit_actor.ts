import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database';
import { columnTypes } from './column-types';

// The jurisdiction of whoever acted, as it was when they acted: an administrator reads the audit
// records of the accounts within their own jurisdiction. Earlier records take the account's present one.
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('actor_jurisdiction', columnTypes(dialect).code).execute();
  await sql`update audit_log set actor_jurisdiction = (select users.jurisdiction_code from users where users.id = audit_log.user_id)
    where user_id is not null`.execute(db);
  await db.schema.createIndex('audit_actor').on('audit_log').columns(['actor_jurisdiction', 'id']).execute();
}
