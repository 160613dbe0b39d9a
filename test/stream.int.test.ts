// The live stream (GET /api/stream) over a real HTTP listener: scoped, coalesced, and on
// PostgreSQL carried through the database so that another server process sees the change.
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases';
import { openStream } from './support/sse';
import { startTestApp, type TestApp } from './support/app';
import { BAKUO_COMMUNITY, JIRI_COMMUNITY, buildArrival, entryPointId } from './support/factories';
import { buildApp } from '../src/server/app';


async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

describe.each(DIALECTS)('live stream on %s', (dialect) => {
  let t: TestApp;
  let base: string;
  let entry: string;
  let desk: string;
  let bakuoSub: string;
  let command: string;
  const streams: { close(): void }[] = [];
  const open = async (...args: Parameters<typeof openStream>) => {
    const s = await openStream(...args);
    streams.push(s);
    return s;
  };
  const register = async (destination: string, overrides: Record<string, unknown> = {}) => {
    const res = await t.call(desk, { method: 'POST', url: '/api/arrivals', payload: buildArrival(entry, { destination: { code: destination, address: '某街1号' }, ...overrides }) });
    expect(res.statusCode, res.body).toBe(201);
  };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    base = await listen(t.app);
    entry = await entryPointId(t.ctx);
    desk = (await t.userWithRole('triage_desk', '5401')).token;
    bakuoSub = (await t.userWithRole('subdistrict', '540102002')).token;
    command = (await t.userWithRole('command', '54')).token;
  });
  afterAll(async () => {
    streams.forEach((s) => s.close());
    await t?.close();
  });

  it('tells a subdistrict within 2 s of an arrival registered into its community, with no personal data', async () => {
    const s = await open(base, bakuoSub);
    expect(s.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(s.res.headers.get('cache-control')).toMatch(/no-cache/);
    expect(s.res.headers.get('x-accel-buffering')).toBe('no');
    const started = Date.now();
    await register(BAKUO_COMMUNITY);
    const change = await s.waitFor((e) => e.event === 'change', 2000);
    expect(change).not.toBeNull();
    expect(change!.at - started).toBeLessThan(2000);
    const data = JSON.parse(change!.data);
    expect(data.kinds).toContain('arrival_registered');
    expect(Object.keys(data).sort()).toEqual(['at', 'kinds']);
    expect(change!.data).not.toMatch(/扎西|1391234|某街/);
    s.close();
  });

  it('says nothing to a subdistrict about an arrival into another subdistrict', async () => {
    const s = await open(base, bakuoSub);
    const wide = await open(base, command);
    await register(JIRI_COMMUNITY);
    // The region-level stream hears it, so the change was published...
    expect(await wide.waitFor((e) => e.event === 'change', 2000)).not.toBeNull();
    // ...but the 八廓 subdistrict's does not.
    expect(await s.waitFor((e) => e.event === 'change', 1500)).toBeNull();
    s.close();
    wide.close();
  });

  it('narrows to a requested node within the caller’s jurisdiction', async () => {
    const community = await open(base, command, `?jurisdiction=${JIRI_COMMUNITY}`);
    await register(BAKUO_COMMUNITY);
    expect(await community.waitFor((e) => e.event === 'change', 1500)).toBeNull();
    await register(JIRI_COMMUNITY);
    expect(await community.waitFor((e) => e.event === 'change', 2000)).not.toBeNull();
    community.close();
  });

  it('refuses another jurisdiction (403), a caller without a session (401) and an unknown node', async () => {
    const other = await open(base, bakuoSub, '?jurisdiction=540102003');
    expect(other.res.status).toBe(403);
    const parent = await open(base, bakuoSub, '?jurisdiction=540102');
    expect(parent.res.status).toBe(403);
    const anonymous = await open(base, null);
    expect(anonymous.res.status).toBe(401);
    const unknown = await open(base, command, '?jurisdiction=5499');
    expect(unknown.res.status).toBe(400);
  });

  it('coalesces a burst of registrations into at most one change per 500 ms', async () => {
    const marker = (await t.call(desk, { method: 'POST', url: '/api/arrivals', payload: buildArrival(entry) })).json().id;
    const s = await open(base, bakuoSub);
    const started = Date.now();
    await Promise.all(Array.from({ length: 40 }, () => register(BAKUO_COMMUNITY)));
    // A change of another kind after the burst: once it is here, every change of the burst is too.
    expect((await t.call(bakuoSub, { method: 'POST', url: `/api/arrivals/${marker}/receive` })).statusCode).toBe(200);
    const last = await s.waitFor((e) => e.event === 'change' && JSON.parse(e.data).kinds.includes('arrival_received'), 2000);
    expect(last).not.toBeNull();
    const changes = s.events.filter((e) => e.event === 'change');
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.length).toBeLessThanOrEqual(Math.ceil((last!.at - started) / 500) + 1);
    for (let i = 1; i < changes.length; i++) expect(changes[i].at - changes[i - 1].at).toBeGreaterThanOrEqual(400);
    s.close();
  });

  it.runIf(dialect === 'postgres')('carries a write on one server process to a stream opened on another (LISTEN/NOTIFY)', async () => {
    const other = await buildApp(t.ctx.config, { logger: false });
    try {
      const otherBase = await listen(other.app);
      const s = await openStream(otherBase, bakuoSub);
      const started = Date.now();
      await register(BAKUO_COMMUNITY); // through app A
      const change = await s.waitFor((e) => e.event === 'change', 2000);
      expect(change).not.toBeNull();
      expect(change!.at - started).toBeLessThan(2000);
      expect(JSON.parse(change!.data).kinds).toContain('arrival_registered');
      s.close();
    } finally {
      await other.app.close();
    }
  });

  it.runIf(dialect === 'postgres')('reconnects the listener after its connection drops, and tells streams to refresh', async () => {
    const s = await open(base, bakuoSub);
    const admin = new pg.Client({ connectionString: t.ctx.config.databaseUrl });
    await admin.connect();
    try {
      const killed = await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'fangkong-listener' and datname = current_database()`,
      );
      expect(killed.rowCount).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    const resync = await s.waitFor((e) => e.event === 'change' && JSON.parse(e.data).kinds.includes('resync'), 5000);
    expect(resync).not.toBeNull();
    const from = s.events.length;
    const started = Date.now();
    await register(BAKUO_COMMUNITY);
    const change = await s.waitFor((e) => e.event === 'change' && JSON.parse(e.data).kinds.includes('arrival_registered'), 2000, from);
    expect(change).not.toBeNull();
    expect(change!.at - started).toBeLessThan(2000);
    s.close();
  });
});
