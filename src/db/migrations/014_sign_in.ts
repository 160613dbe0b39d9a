import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database';
import { columnTypes } from './column-types';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const t = columnTypes(dialect);

  // Failed attempts per account name and source address, counted by one atomic upsert. Names
  // that do not exist are counted too, so that they answer exactly like those that do.
  await db.schema.createTable('login_failures')
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('login_failures_pk', ['username', 'source'])
    .execute();
  await db.schema.createIndex('login_failures_last_at').on('login_failures').column('last_at').execute();

  // A password set by an administrator (a new account, a reset) is changed by its user at first login.
  await db.schema.alterTable('users').addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  // For the idle timeout: when the session was last used (updated at most once a minute).
  await db.schema.alterTable('sessions').addColumn('last_seen_at', t.instant).execute();
  await sql`update sessions set last_seen_at = created_at`.execute(db);
}
