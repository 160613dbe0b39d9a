import { sql, type Kysely } from 'kysely';
import type { Database, Dialect } from './database';
import type { FieldCrypto } from '../server/field-crypto';
import * as m001 from './migrations/001_foundation';
import * as m002 from './migrations/002_observation';
import * as m003 from './migrations/003_persons';
import * as m004 from './migrations/004_care';
import * as m005 from './migrations/005_situation';
import * as m006 from './migrations/006_boundaries';
import * as m007 from './migrations/007_screen_tokens';
import * as m008 from './migrations/008_rollups';
import * as m009 from './migrations/009_dashboard_counts';
import * as m010 from './migrations/010_observation_counts';
import * as m011 from './migrations/011_cases';
import * as m012 from './migrations/012_audit_source';
import * as m013 from './migrations/013_identity';
import * as m014 from './migrations/014_sign_in';
import * as m015 from './migrations/015_client_requests';
import * as m016 from './migrations/016_audit_actor';

interface Migration {
  name: string;
  /** `crypto` seals what a migration moves out of plain columns. */
  up(db: Kysely<any>, dialect: Dialect, crypto: FieldCrypto): Promise<void>;
}

// Numbered and additive only; each runs once, in its own transaction.
const MIGRATIONS: Migration[] = [
  { name: '001_foundation', up: m001.up },
  { name: '002_observation', up: m002.up },
  { name: '003_persons', up: m003.up },
  { name: '004_care', up: m004.up },
  { name: '005_situation', up: m005.up },
  { name: '006_boundaries', up: m006.up },
  { name: '007_screen_tokens', up: m007.up },
  { name: '008_rollups', up: m008.up },
  { name: '009_dashboard_counts', up: m009.up },
  { name: '010_observation_counts', up: m010.up },
  { name: '011_cases', up: m011.up },
  { name: '012_audit_source', up: m012.up },
  { name: '013_identity', up: m013.up },
  { name: '014_sign_in', up: m014.up },
  { name: '015_client_requests', up: m015.up },
  { name: '016_audit_actor', up: m016.up },
];

export async function migrate({ db, dialect }: Database, crypto: FieldCrypto): Promise<string[]> {
  await db.schema
    .createTable('schema_migrations')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
  const applied = new Set(
    (await sql<{ name: string }>`select name from schema_migrations`.execute(db)).rows.map((r) => r.name),
  );
  const ran: string[] = [];
  for (const m of MIGRATIONS) {
    if (applied.has(m.name)) continue;
    await db.transaction().execute(async (trx) => {
      await m.up(trx, dialect, crypto);
      await sql`insert into schema_migrations (name, applied_at) values (${m.name}, ${new Date().toISOString()})`.execute(trx);
    });
    ran.push(m.name);
  }
  return ran;
}
