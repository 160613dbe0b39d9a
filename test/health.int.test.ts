// GET /api/health tells whether the database answers, and reports connections the PostgreSQL pool lost
// between queries (a restart, a failover), which the pool otherwise survives silently.
import { Writable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases';
import { startTestApp, type TestApp } from './support/app';

describe.each(DIALECTS)('health on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(dialect); });
  afterAll(async () => { await t?.close(); });

  it('answers 200 with the database and no lost connections at the start', async () => {
    const res = await t.call(null, { method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: dialect, region: '54', poolErrors: { count: 0, last: null } });
  });
});

describe('health on postgres after the server closed a connection', () => {
  let t: TestApp;
  let logged = '';
  beforeAll(async () => {
    const sink = new Writable({ write(chunk, _enc, done) { logged += chunk.toString(); done(); } });
    t = await startTestApp('postgres', { logLevel: 'warn' }, sink);
  });
  afterAll(async () => { await t?.close(); });

  it('logs the failure by its code, reports it and goes on answering', async () => {
    expect((await t.call(t.adminToken, { method: 'GET', url: '/api/users' })).statusCode).toBe(200);
    const admin = new pg.Client({ connectionString: t.ctx.config.databaseUrl });
    await admin.connect();
    try {
      const killed = await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and state = 'idle' and query not ilike 'listen%'`,
      );
      expect(killed.rowCount).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    let health = (await t.call(null, { method: 'GET', url: '/api/health' })).json();
    for (let i = 0; i < 50 && health.poolErrors.count === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      health = (await t.call(null, { method: 'GET', url: '/api/health' })).json();
    }
    expect(health.status).toBe('ok');
    expect(health.poolErrors.count).toBeGreaterThan(0);
    expect(health.poolErrors.last).toMatchObject({ code: '57P01', message: expect.stringContaining('terminating connection') });
    const line = logged.split('\n').find((l) => l.includes('database connection failed'));
    expect(line).toContain('57P01');
  });
});
