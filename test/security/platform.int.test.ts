// Trust at the platform's edges: the database files are the owner's alone, the browser is told
// what it may run, the API's map needs a login, and a forwarded address counts only from a proxy.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases';
import { startTestApp, type TestApp } from '../support/app';
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

describe.each(DIALECTS)('headers, documentation and the caller’s address on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(dialect); });
  afterAll(async () => { await t?.close(); });

  it('sends a CSP allowing only the platform’s own scripts, no framing, nosniff and no referrer; HSTS only when configured', async () => {
    const res = await t.call(null, { method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    const tls = await startTestApp(dialect, { hsts: true });
    try {
      expect((await tls.call(null, { method: 'GET', url: '/api/health' })).headers['strict-transport-security']).toContain('max-age=31536000');
    } finally {
      await tls.close();
    }
  });

  it('keeps the API documentation behind login unless configured public', async () => {
    for (const url of ['/api/docs', '/api/docs/json', '/api/openapi.json']) {
      expect((await t.call(null, { method: 'GET', url })).statusCode, url).toBe(401);
    }
    expect((await t.call(t.adminToken, { method: 'GET', url: '/api/openapi.json' })).statusCode).toBe(200);
    const open = await startTestApp(dialect, { publicDocs: true });
    try {
      expect((await open.call(null, { method: 'GET', url: '/api/openapi.json' })).statusCode).toBe(200);
    } finally {
      await open.close();
    }
  });

  it('believes X-Forwarded-For only from a configured proxy', async () => {
    const lastSource = async (app: TestApp) =>
      (await app.ctx.db.selectFrom('audit_log').select('source').where('action', '=', 'refused').orderBy('at', 'desc').executeTakeFirstOrThrow()).source;
    await t.call(t.adminToken, { method: 'GET', url: '/api/arrivals/no-such-arrival', headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(await lastSource(t)).not.toBe('203.0.113.9');
    const proxied = await startTestApp(dialect, { trustProxy: true });
    try {
      await proxied.call(proxied.adminToken, { method: 'GET', url: '/api/arrivals/no-such-arrival', headers: { 'x-forwarded-for': '203.0.113.9' } });
      expect(await lastSource(proxied)).toBe('203.0.113.9');
    } finally {
      await proxied.close();
    }
  });
});
