// Screen tokens: a wall display pinned by a command user reads the dashboard of its jurisdiction,
// and the change stream, without anybody's session; nothing else; until it is revoked.
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DIALECTS } from './support/databases';
import { openStream } from './support/sse';
import { startTestApp, type TestApp } from './support/app';
import { BAKUO_COMMUNITY, buildArrival, entryPointId } from './support/factories';
import { buildApp } from '../src/server/app';
import { SCREEN_RECHECK_MS } from '../src/modules/dashboard/stream';


/** Answers as compared between callers: the time they were computed at differs. */
const withoutTime = ({ generatedAt: _, ...rest }: Record<string, unknown>) => rest;
const sha256 = (token: string) => createHash('sha256').update(token).digest('base64url');

describe.each(DIALECTS)('screen tokens on %s', (dialect) => {
  let t: TestApp;
  let base: string;
  let logged = '';
  let command: { token: string; id: string; username: string };
  let districtCommand: { token: string; id: string; username: string };
  let bakuoSub: string;
  let desk: string;
  let entry: string;
  const streams: { close(): void }[] = [];

  const issue = async (token: string, payload: object) => t.call(token, { method: 'POST', url: '/api/screen-tokens', payload });
  const issued = async (token: string, payload: object) => {
    const res = await issue(token, payload);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; token: string; url: string; label: string; jurisdiction: { code: string; name: string }; status: string; expiresAt: string }>();
  };
  const get = (token: string | null, url: string) => t.call(token, { method: 'GET', url });
  const register = async () => {
    const res = await t.call(desk, { method: 'POST', url: '/api/arrivals', payload: buildArrival(entry, { destination: { code: BAKUO_COMMUNITY, address: '某街1号' } }) });
    expect(res.statusCode, res.body).toBe(201);
  };

  beforeAll(async () => {
    const sink = new Writable({ write(chunk, _enc, done) { logged += chunk.toString(); done(); } });
    t = await startTestApp(dialect, { logLevel: 'debug' }, sink);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    entry = await entryPointId(t.ctx);
    command = await t.userWithRole('command', '54');
    districtCommand = await t.userWithRole('command', '540102');
    bakuoSub = (await t.userWithRole('subdistrict', '540102002')).token;
    desk = (await t.userWithRole('triage_desk', '5401')).token;
    await register();
  });
  afterAll(async () => {
    streams.forEach((s) => s.close());
    await t?.close();
  });

  it('is issued by a command user: the token once, a /screen#token= path, and only its hash in the database', async () => {
    const before = Date.now();
    const s = await issued(command.token, { label: '  指挥中心大屏1 ' });
    expect(s.token).toMatch(/^fks_[A-Za-z0-9_-]{43}$/);
    expect(s.url).toBe(`/screen#token=${s.token}`);
    expect(s).toMatchObject({ label: '指挥中心大屏1', jurisdiction: { code: '54', name: '西藏自治区' }, status: 'active', lastUsedAt: null, revokedAt: null, revokedBy: null });
    const days = (Date.parse(s.expiresAt) - before) / 86_400_000;
    expect(days).toBeGreaterThan(364.99);
    expect(days).toBeLessThan(365.01);

    const row = await t.ctx.db.selectFrom('screen_tokens').selectAll().where('id', '=', s.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(sha256(s.token));
    expect(row.created_by).toBe(command.id);
    expect(JSON.stringify(row)).not.toContain(s.token);
    expect(JSON.stringify(row)).not.toContain(s.token.slice(4));

    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('entity', '=', 'screen_token').where('entity_id', '=', s.id).execute();
    expect(audit.map((a) => [a.action, a.user_id, a.jurisdiction_code])).toEqual([['issue', command.id, '54']]);
    expect(JSON.stringify(audit)).not.toContain(s.token.slice(4));

    const list = await get(command.token, '/api/screen-tokens');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.find((i: { id: string }) => i.id === s.id)).toMatchObject({ label: '指挥中心大屏1', status: 'active', createdBy: { id: command.id } });
    expect(list.body).not.toContain(s.token.slice(4));
    expect(list.body).not.toContain(row.token_hash);
  });

  it('reads the dashboard, the settings and itself exactly as its issuer would', async () => {
    const s = await issued(command.token, { label: '大屏A' });
    for (const path of ['summary', 'children', 'origins?days=7', 'compounds?days=7', 'trend?days=14']) {
      const asScreen = await get(s.token, `/api/dashboard/${path}`);
      expect(asScreen.statusCode, `${path}: ${asScreen.body}`).toBe(200);
      const asIssuer = await get(command.token, `/api/dashboard/${path}`);
      expect(withoutTime(asScreen.json())).toEqual(withoutTime(asIssuer.json()));
    }
    expect((await get(s.token, '/api/dashboard/summary')).json().figures.arrivals.day).toBeGreaterThanOrEqual(1);
    expect((await get(s.token, '/api/settings')).statusCode).toBe(200);
    // The reference data the screen draws with: uploaded boundary maps (none here) and the national situation.
    expect((await get(s.token, '/api/boundaries')).json()).toEqual((await get(command.token, '/api/boundaries')).json());
    expect((await get(s.token, '/api/boundaries/5401')).statusCode).toBe(404);
    expect((await get(s.token, '/api/situation')).statusCode).toBe((await get(command.token, '/api/situation')).statusCode);
    const me = await get(s.token, '/api/screen-tokens/current');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: s.id, label: '大屏A', jurisdiction: { code: '54' }, status: 'active' });
    expect(me.body).not.toContain(s.token.slice(4));
    // A login session asking who it is as a screen is told it is not one.
    expect((await get(command.token, '/api/screen-tokens/current')).json().code).toBe('screen_only');
    const row = await t.ctx.db.selectFrom('screen_tokens').select('last_used_at').where('id', '=', s.id).executeTakeFirstOrThrow();
    expect(row.last_used_at).not.toBeNull();
  });

  it('follows the change stream through ?screen= (EventSource) or a bearer header, and never logs the token', async () => {
    const s = await issued(command.token, { label: '大屏B' });
    const viaQuery = await openStream(base, null, `?screen=${encodeURIComponent(s.token)}`);
    streams.push(viaQuery);
    expect(viaQuery.res.status).toBe(200);
    expect(JSON.parse((await viaQuery.waitFor('ready', 2000))!.data)).toEqual({ jurisdiction: '54' });
    const viaHeader = await openStream(base, s.token, '');
    streams.push(viaHeader);
    expect(viaHeader.res.status).toBe(200);
    await register();
    expect(await viaQuery.waitFor('change', 3000)).not.toBeNull();
    expect(await viaHeader.waitFor('change', 3000)).not.toBeNull();
    viaQuery.close();
    viaHeader.close();

    // Only on the stream, and only screen tokens: not a login session in a URL, not elsewhere.
    expect((await openStream(base, null, `?screen=${command.token}`)).res.status).toBe(401);
    expect((await get(null, `/api/dashboard/summary?screen=${s.token}`)).statusCode).toBe(401);

    expect(logged).toContain('/api/stream');
    expect(logged).not.toContain(s.token.slice(4));
    expect(logged).not.toContain('fks_');
  });

  it('is held to its jurisdiction: a district token fares as the district’s own users do', async () => {
    const district = await issued(districtCommand.token, { label: '城关区大屏' });
    expect(district.jurisdiction).toEqual({ code: '540102', name: '城关区' });
    for (const path of ['summary', 'children', 'trend']) {
      const asScreen = await get(district.token, `/api/dashboard/${path}?jurisdiction=540103`);
      const asUser = await get(districtCommand.token, `/api/dashboard/${path}?jurisdiction=540103`);
      expect([asScreen.statusCode, asScreen.json().code]).toEqual([403, 'outside_scope']);
      expect(asScreen.json()).toEqual(asUser.json());
    }
    expect((await openStream(base, null, `?jurisdiction=540103&screen=${district.token}`)).res.status).toBe(403);
    // Within the district it can drill down, and sees what the district's user sees.
    const bakuo = await get(district.token, '/api/dashboard/summary?jurisdiction=540102002');
    expect(bakuo.statusCode).toBe(200);
    expect(bakuo.json().figures).toEqual((await get(bakuoSub, '/api/dashboard/summary')).json().figures);

    // Issued for a node within the issuer's jurisdiction, never outside it.
    const community = await issued(command.token, { label: '社区大屏', jurisdiction: BAKUO_COMMUNITY });
    expect(community.jurisdiction.code).toBe(BAKUO_COMMUNITY);
    expect((await get(community.token, '/api/dashboard/summary?jurisdiction=540102002')).json().code).toBe('outside_scope');
    const outside = await issue(districtCommand.token, { label: '越界', jurisdiction: '540103' });
    expect([outside.statusCode, outside.json().code, outside.json().field]).toEqual([403, 'outside_scope', 'jurisdiction']);
    const unknown = await issue(command.token, { label: '未知', jurisdiction: '5499' });
    expect([unknown.statusCode, unknown.json().code, unknown.json().field]).toEqual([400, 'unknown_code', 'jurisdiction']);
    // The district's command sees its own screens only; the region's sees both.
    const ids = async (token: string) => (await get(token, '/api/screen-tokens')).json().items.map((i: { id: string }) => i.id);
    const region = await issued(command.token, { label: '全区大屏' });
    expect(await ids(districtCommand.token)).toEqual(expect.arrayContaining([district.id, community.id]));
    expect(await ids(districtCommand.token)).not.toContain(region.id);
    expect(await ids(command.token)).toEqual(expect.arrayContaining([district.id, community.id, region.id]));
  });

  it('reaches nothing but the dashboard: no arrivals, persons, observations or accounts', async () => {
    const s = await issued(command.token, { label: '大屏C' });
    const refused = [
      ['GET', '/api/arrivals'],
      ['GET', '/api/arrivals/export'],
      ['GET', '/api/persons'],
      ['GET', '/api/persons/some-id'],
      ['GET', '/api/observations'],
      ['GET', '/api/care/tasks'],
      ['GET', '/api/users'],
      ['GET', '/api/audit'],
      ['GET', '/api/auth/me'],
      ['GET', '/api/screen-tokens'],
      ['POST', '/api/screen-tokens'],
      ['DELETE', `/api/screen-tokens/${s.id}`],
      ['POST', '/api/arrivals'],
      ['GET', '/api/no-such-route'],
    ] as const;
    for (const [method, url] of refused) {
      const res = await t.call(s.token, { method, url, ...(method === 'POST' ? { payload: { label: 'x' } } : {}) });
      expect([method, url, res.statusCode, res.json().code]).toEqual([method, url, 403, 'screen_token_scope']);
    }
    const en = await t.call(s.token, { method: 'GET', url: '/api/arrivals', headers: { 'accept-language': 'en' } });
    expect(en.json().message).toBe('A screen token may only read the dashboard, not this endpoint');
  });

  it('keeps working after its issuer logs out', async () => {
    const issuer = await t.userWithRole('command', '54');
    const s = await issued(issuer.token, { label: '值班室大屏' });
    expect((await t.call(issuer.token, { method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(200);
    expect((await get(issuer.token, '/api/dashboard/summary')).statusCode).toBe(401);
    expect((await get(s.token, '/api/dashboard/summary')).statusCode).toBe(200);
    const stream = await openStream(base, null, `?screen=${s.token}`);
    expect(stream.res.status).toBe(200);
    stream.close();
  });

  it('stops at once when revoked: requests fail and an open stream is told and closed', async () => {
    const s = await issued(command.token, { label: '大屏D' });
    expect((await get(s.token, '/api/dashboard/summary')).statusCode).toBe(200); // now in the session cache
    const stream = await openStream(base, null, `?screen=${s.token}`);
    streams.push(stream);
    expect(await stream.waitFor('ready', 2000)).not.toBeNull();

    const other = await t.call(districtCommand.token, { method: 'DELETE', url: `/api/screen-tokens/${s.id}` });
    expect(other.statusCode).toBe(404); // a region-wide screen is not the district's to revoke

    const revoked = await t.call(command.token, { method: 'DELETE', url: `/api/screen-tokens/${s.id}` });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ id: s.id, status: 'revoked', revokedBy: { id: command.id } });
    const res = await get(s.token, '/api/dashboard/summary');
    expect([res.statusCode, res.json().code, res.json().message]).toEqual([401, 'screen_token_revoked', '大屏授权已撤销']);
    expect((await get(s.token, '/api/screen-tokens/current')).json().code).toBe('screen_token_revoked');
    expect((await openStream(base, null, `?screen=${s.token}`)).res.status).toBe(401);

    const told = await stream.waitFor('revoked', SCREEN_RECHECK_MS + 2000);
    expect(told && JSON.parse(told.data)).toEqual({ code: 'screen_token_revoked' });
    await stream.ended;

    const again = await t.call(command.token, { method: 'DELETE', url: `/api/screen-tokens/${s.id}` });
    expect(again.json().revokedAt).toBe(revoked.json().revokedAt);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('entity', '=', 'screen_token').where('entity_id', '=', s.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['issue', 'revoke']);
  });

  it('stops when expired, and refuses tokens it never issued', async () => {
    const s = await issued(command.token, { label: '大屏E', expiresInDays: 1 });
    await t.ctx.db.updateTable('screen_tokens').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', s.id).execute();
    const res = await get(s.token, '/api/dashboard/summary');
    expect([res.statusCode, res.json().code]).toEqual([401, 'screen_token_expired']);
    expect((await get(command.token, '/api/screen-tokens')).json().items.find((i: { id: string }) => i.id === s.id).status).toBe('expired');
    const forged = await get('fks_' + 'A'.repeat(43), '/api/dashboard/summary');
    expect([forged.statusCode, forged.json().code]).toEqual([401, 'screen_token_invalid']);
  });

  it('is issued, listed and revoked by command and admin users only, with the field named when input is wrong', async () => {
    const s = await issued(t.adminToken, { label: '管理员大屏' });
    for (const role of ['community', 'subdistrict', 'triage_desk', 'hotel'] as const) {
      const user = await t.userWithRole(role, role === 'triage_desk' ? '5401' : role === 'community' ? BAKUO_COMMUNITY : '540102002');
      const res = await issue(user.token, { label: '不可以' });
      expect([role, res.statusCode, res.json().code]).toEqual([role, 403, 'forbidden']);
      expect((await get(user.token, '/api/screen-tokens')).statusCode).toBe(403);
      expect((await t.call(user.token, { method: 'DELETE', url: `/api/screen-tokens/${s.id}` })).statusCode).toBe(403);
    }
    expect((await issue('', { label: 'x' })).statusCode).toBe(401);
    for (const [payload, field] of [[{}, 'label'], [{ label: '' }, 'label'], [{ label: '   ' }, 'label'], [{ label: 'x'.repeat(61) }, 'label'], [{ label: 'x', expiresInDays: 0 }, 'expiresInDays'], [{ label: 'x', jurisdiction: 'abc' }, 'jurisdiction']] as const) {
      const res = await issue(command.token, payload);
      expect([res.statusCode, res.json().code, res.json().field]).toEqual([400, 'validation', field]);
    }
  });

  it.runIf(dialect === 'postgres')('is refused by another server process within the session-cache window after revocation', async () => {
    const other = await buildApp(t.ctx.config, { logger: false });
    try {
      const s = await issued(command.token, { label: '大屏F' });
      const onOther = () => other.app.inject({ method: 'GET', url: '/api/dashboard/summary', headers: { authorization: `Bearer ${s.token}` } });
      expect((await onOther()).statusCode).toBe(200);
      expect((await t.call(command.token, { method: 'DELETE', url: `/api/screen-tokens/${s.id}` })).statusCode).toBe(200);
      // Asked again until refused: the other process's session cache holds the token for 5 s at most.
      await vi.waitFor(async () => {
        const res = await onOther();
        expect([res.statusCode, res.json().code]).toEqual([401, 'screen_token_revoked']);
      }, { timeout: 6_000, interval: 100 });
    } finally {
      await other.app.close();
    }
  });
});
