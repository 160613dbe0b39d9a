import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createDb } from './database';

describe('the background checkpointer', () => {
  it('copies committed pages into the database file without a writer doing it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fangkong-ckpt-'));
    const file = join(dir, 'db.sqlite');
    const database = createDb(`sqlite:${file}`);
    try {
      await sql`create table t (id integer primary key, body text)`.execute(database.db);
      await sleep(800);
      const before = statSync(file).size;
      for (let i = 0; i < 20; i++) {
        await sql`insert into t (body) select hex(randomblob(500)) from (select 1 union all select 2 union all select 3 union all select 4 union all select 5)`.execute(database.db);
      }
      // Far below SQLite's own threshold (20000 pages), so only the worker can have moved them.
      await sleep(1200);
      expect(statSync(file).size).toBeGreaterThan(before + 50_000);
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
