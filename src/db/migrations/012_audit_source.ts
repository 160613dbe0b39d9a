import type { Kysely } from 'kysely';

// Where a request came from and how it ended: refused reveals, lookups outside a caller's
// jurisdiction and failed logins are audited beside the accesses that succeeded.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('source', 'text').execute();
  await db.schema.alterTable('audit_log').addColumn('outcome', 'text', (c) => c.notNull().defaultTo('ok')).execute();
}
