// Trust at the platform's edges: the database files are the owner's alone.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';

describe('the SQLite files', () => {
  const root = mkdtempSync(join(tmpdir(), 'fangkong-modes-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('are readable by the owner only: the directory, the database, its WAL and shared memory', async () => {
    const dir = join(root, 'data');
    const file = join(dir, 'fangkong.sqlite');
    const { app } = await buildApp({ ...loadConfig({}), databaseUrl: `sqlite:${file}`, dataDir: dir, adminPassword: 'Admin-Password-1', secret: 'test-secret-of-sufficient-length' }, { logger: false });
    try {
      await app.ready();
      const mode = (p: string) => statSync(p).mode & 0o777;
      expect(mode(dir)).toBe(0o700);
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f), f).toBe(0o600);
    } finally {
      await app.close();
    }
  });
});
