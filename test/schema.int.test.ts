// The migrated databases hold exactly the tables and columns src/db/schema.ts declares (through
// src/db/schema-columns.ts, which the compiler holds to schema.ts), with the same nullability.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases';
import { startTestApp, type TestApp } from './support/app';
import { SCHEMA_COLUMNS } from '../src/db/schema-columns';

// The migration runner's own record of what ran (src/db/migrate.ts), not an application table.
const RUNNER_TABLES = ['schema_migrations'];
// Migration 013 added these to tables that already had rows; ADD COLUMN on SQLite cannot be NOT NULL
// without a default, so the databases allow null, while every write sets them (schema.ts says string).
const NULLABLE_IN_DATABASE_ONLY = ['care_flags.jurisdiction_code', 'care_tasks.jurisdiction_code'];

type Live = Record<string, Record<string, 'null' | 'not null'>>;

async function liveColumns(t: TestApp): Promise<Live> {
  const rows = t.dialect === 'sqlite'
    ? (await sql<{ table_name: string; column_name: string; nullable: number }>`
        select m.name as table_name, c.name as column_name, (c."notnull" = 0 and c.pk = 0) as nullable
        from sqlite_master m join pragma_table_info(m.name) c
        where m.type = 'table' and m.name not like 'sqlite_%'`.execute(t.ctx.db)).rows
    : (await sql<{ table_name: string; column_name: string; nullable: boolean }>`
        select table_name, column_name, is_nullable = 'YES' as nullable
        from information_schema.columns where table_schema = current_schema()`.execute(t.ctx.db)).rows;
  const live: Live = {};
  for (const r of rows) {
    if (RUNNER_TABLES.includes(r.table_name)) continue;
    const nullable = !!r.nullable && !NULLABLE_IN_DATABASE_ONLY.includes(`${r.table_name}.${r.column_name}`);
    (live[r.table_name] ??= {})[r.column_name] = nullable ? 'null' : 'not null';
  }
  return live;
}

const sorted = (o: Record<string, Record<string, string>>) =>
  Object.fromEntries(Object.keys(o).sort().map((t) => [t, Object.fromEntries(Object.keys(o[t]).sort().map((c) => [c, o[t][c]]))]));

describe.each(DIALECTS)('the migrated schema on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(dialect); });
  afterAll(async () => { await t?.close(); });

  it('has the tables, columns and nullability src/db/schema.ts declares', async () => {
    expect(sorted(await liveColumns(t))).toEqual(sorted(SCHEMA_COLUMNS));
  });

  it('still allows null only where the exception above says so', async () => {
    const rows = t.dialect === 'sqlite'
      ? (await sql<{ n: number }>`select count(*) as n from pragma_table_info('care_tasks') where name = 'jurisdiction_code' and "notnull" = 0`.execute(t.ctx.db)).rows
      : (await sql<{ n: number }>`select count(*) as n from information_schema.columns where table_schema = current_schema() and table_name = 'care_tasks' and column_name = 'jurisdiction_code' and is_nullable = 'YES'`.execute(t.ctx.db)).rows;
    expect(Number(rows[0].n)).toBe(1);
  });
});
