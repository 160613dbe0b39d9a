import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases';
import { startTestApp, type TestApp } from './support/app';
import { LOGIN_THROTTLE, failureDelayMs } from '../src/domain/login-throttle';
import type { Role } from '../src/domain/enums';

describe.each(DIALECTS)('user administration and login protection on %s', (dialect) => {
  let t: TestApp;
  const createUser = (payload: Record<string, unknown>, token = t.adminToken) => t.call(token, { method: 'POST', url: '/api/users', payload });
  const login = (username: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  const audit = async (query: string) => (await t.call(t.adminToken, { method: 'GET', url: `/api/audit?${query}` })).json().items as { action: string; entity: string; entityId: string; username: string | null; detail: Record<string, unknown> | null }[];

  beforeAll(async () => { t = await startTestApp(dialect); });
  afterAll(async () => { await t?.close(); });

  it('creates a user of each role bound to a jurisdiction, each able to log in', async () => {
    const hotel = await t.call(t.adminToken, { method: 'POST', url: '/api/units', payload: { parentCode: '540102', name: '拉萨某留观酒店', kind: 'hotel', rooms: 80 } });
    expect(hotel.statusCode).toBe(201);
    const bindings: [Role, string, string][] = [
      ['admin', '5401', '拉萨市'],
      ['command', '54', '西藏自治区'],
      ['triage_desk', '540102', '城关区'],
      ['subdistrict', '540102002', '八廓街道'],
      ['community', '540102002001', '绕赛社区居委会'],
      ['hotel', hotel.json().code, '拉萨某留观酒店'],
    ];
    for (const [role, jurisdictionCode, jurisdictionName] of bindings) {
      const username = `staff-${role}`;
      const res = await createUser({ username, password: 'Password-' + role, displayName: `${role} 用户`, role, jurisdictionCode });
      expect(res.statusCode, role).toBe(201);
      expect(res.json()).toMatchObject({ username, role, jurisdictionCode, jurisdictionName, canReveal: false, disabled: false });
      const me = await t.call(await t.login(username, 'Password-' + role), { method: 'GET', url: '/api/auth/me' });
      expect(me.json()).toMatchObject({ username, role, jurisdictionCode });
    }
    const listed = (await t.call(t.adminToken, { method: 'GET', url: '/api/users?q=staff-' })).json();
    expect(listed.items.map((u: { role: string }) => u.role).sort()).toEqual(['admin', 'command', 'community', 'hotel', 'subdistrict', 'triage_desk']);
  });

  it('names the field that is wrong', async () => {
    const missingRole = await createUser({ username: 'no_role', password: 'password-1', displayName: '无角色', jurisdictionCode: '5401' });
    expect(missingRole.statusCode).toBe(400);
    expect(missingRole.json()).toMatchObject({ code: 'validation', field: 'role', message: '字段“role”为必填项' });
    const badRole = await createUser({ username: 'bad_role', password: 'password-1', displayName: '坏角色', role: 'mayor', jurisdictionCode: '5401' });
    expect(badRole.json()).toMatchObject({ code: 'validation', field: 'role' });
    const badCode = await createUser({ username: 'bad_code', password: 'password-1', displayName: '坏代码', role: 'community', jurisdictionCode: '549999' });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json()).toMatchObject({ code: 'unknown_code', field: 'jurisdictionCode' });
    const shortPassword = await createUser({ username: 'short_pw', password: 'short', displayName: '短密码', role: 'community', jurisdictionCode: '5401' });
    expect(shortPassword.json()).toMatchObject({ code: 'validation', field: 'password' });
  });

  it('refuses a duplicate username', async () => {
    const payload = { username: 'dup_user', password: 'password-1', displayName: '重复', role: 'command', jurisdictionCode: '5401' };
    expect((await createUser(payload)).statusCode).toBe(201);
    const again = await createUser({ ...payload, displayName: '又一个' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'conflict', field: 'username' });
  });

  it('answers 403 to a non-admin', async () => {
    const command = await t.userWithRole('command', '54');
    const post = await createUser({ username: 'by_command', password: 'password-1', displayName: 'x', role: 'community', jurisdictionCode: '5401' }, command.token);
    expect(post.statusCode).toBe(403);
    expect(post.json().code).toBe('forbidden');
    expect((await t.call(command.token, { method: 'GET', url: '/api/users' })).statusCode).toBe(403);
    expect((await t.call(command.token, { method: 'GET', url: '/api/audit' })).statusCode).toBe(403);
  });

  it('disabling a user ends their sessions and their logins', async () => {
    const user = await t.userWithRole('community', '540102002001');
    expect((await t.call(user.token, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    const disabled = await t.call(t.adminToken, { method: 'POST', url: `/api/users/${user.id}/disable` });
    expect(disabled.json().disabled).toBe(true);
    const me = await t.call(user.token, { method: 'GET', url: '/api/auth/me' });
    expect(me.statusCode).toBe(401);
    expect(me.json().code).toBe('unauthenticated');
    expect((await login(user.username, user.password)).statusCode).toBe(401);
  });

  it('slows repeated failed logins, then locks the account even against the right password', { timeout: 60_000 }, async () => {
    const password = 'Right-password-1';
    const created = await createUser({ username: 'target', password, displayName: '被试用户', role: 'community', jurisdictionCode: '5401' });
    const id = created.json().id as string;
    for (let failures = 1; failures <= LOGIN_THROTTLE.lockAfter; failures++) {
      const started = Date.now();
      const res = await login('target', 'wrong-password');
      const elapsed = Date.now() - started;
      expect(elapsed, `failure ${failures}`).toBeGreaterThanOrEqual(failureDelayMs(failures) - 50);
      expect(res.statusCode, `failure ${failures}`).toBe(failures < LOGIN_THROTTLE.lockAfter ? 401 : 423);
    }
    const right = await login('target', password);
    expect(right.statusCode).toBe(423);
    expect(right.json().code).toBe('account_locked');

    const failed = await audit(`action=login_failed&entityId=${id}`);
    expect(failed).toHaveLength(LOGIN_THROTTLE.lockAfter);
    expect(failed.map((a) => a.detail?.failures)).toEqual(Array.from({ length: LOGIN_THROTTLE.lockAfter }, (_, i) => LOGIN_THROTTLE.lockAfter - i));
    expect((await audit(`action=login&entityId=${id}`))).toEqual([]);
  });

  it('records user creation in the audit log', async () => {
    const created = await audit('entity=user&action=create');
    const names = new Set(created.map((a) => a.entityId));
    const users = (await t.call(t.adminToken, { method: 'GET', url: '/api/users?q=staff-' })).json().items as { id: string }[];
    expect(users).toHaveLength(6);
    for (const u of users) expect(names.has(u.id)).toBe(true);
    expect(created.every((a) => a.username === 'admin')).toBe(true);
  });

  it('lets a district administrator create users in its district only', async () => {
    const district = await t.userWithRole('admin', '540102');
    const create = (username: string, jurisdictionCode: string) =>
      createUser({ username, password: `Password-${username}-1`, displayName: username, role: 'community', jurisdictionCode }, district.token);
    expect((await create('own_community', '540102002001')).statusCode).toBe(201);
    for (const [username, jurisdictionCode] of [['neighbour_district', '540103'], ['neighbour_community', '540103001001'], ['own_city', '5401'], ['whole_region', '54']]) {
      const res = await create(username, jurisdictionCode);
      expect(res.statusCode, jurisdictionCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'outside_scope', field: 'jurisdictionCode' });
    }
    const made = await t.ctx.db.selectFrom('users').select('username').where('username', 'in', ['neighbour_district', 'neighbour_community', 'own_city', 'whole_region']).execute();
    expect(made).toEqual([]);
  });
});
