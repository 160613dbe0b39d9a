// Sign-in and sessions (等保2.0): lockout counted atomically per account and source address, names
// that exist answering like those that do not, the password policy, changing one's own password,
// the forced change of a password an administrator set, resets ending sessions, the idle timeout,
// failed logins in the audit log with their source, and X-Forwarded-For believed only when configured.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/app';
import { moveClock, pinClock, unpinClock } from '../support/clock';
import { LOGIN_THROTTLE } from '../../src/domain/login-throttle';
import { loadConfig } from '../../src/server/config';
import { ensureAdmin } from '../../src/modules/auth/service';
import { passwordProblem } from '../../src/domain/password-policy';

const COMMUNITY = '540102002001';

interface AuditItem { action: string; entityId: string | null; source: string | null; outcome: string; username: string | null; detail: Record<string, unknown> | null }

describe.each(DIALECTS)('sign-in and sessions on %s', (dialect) => {
  let t: TestApp;
  let seq = 0;

  const loginFrom = (source: string, username: string, password: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: source, headers, payload: { username, password } });
  const changePassword = (token: string, currentPassword: string, newPassword: string, headers: Record<string, string> = {}) =>
    t.call(token, { method: 'POST', url: '/api/auth/password', headers, payload: { currentPassword, newPassword } });
  const me = (token: string) => t.call(token, { method: 'GET', url: '/api/auth/me' });
  const arrivals = (token: string) => t.call(token, { method: 'GET', url: '/api/arrivals' });
  const audit = async (action: string) =>
    (await t.call(t.adminToken, { method: 'GET', url: `/api/audit?action=${action}&pageSize=500` })).json().items as AuditItem[];
  /** A community worker who has made their first login's change: `password` logs them in. */
  const ready = async () => {
    const username = `signin_${++seq}`;
    const password = `Ready-password-${seq}`;
    const { token, id } = await t.createUser({ username, password, displayName: username, role: 'community', jurisdictionCode: COMMUNITY });
    return { username, password, token, id };
  };
  /** A community worker created with a password the administrator chose, not yet logged in. */
  const created = async () => {
    const username = `fresh_${++seq}`;
    const password = `Admin-chosen-${seq}`;
    const res = await t.call(t.adminToken, { method: 'POST', url: '/api/users', payload: { username, password, displayName: username, role: 'community', jurisdictionCode: COMMUNITY } });
    expect(res.statusCode, res.body).toBe(201);
    return { username, password, id: res.json().id as string };
  };

  beforeAll(async () => { t = await startTestApp(dialect); });
  afterAll(async () => { await t?.close(); });

  describe('lockout', () => {
    it('counts sixty wrong passwords sent at once: the source is locked out and only the first few were tried', async () => {
      const target = await ready();
      const burst = await Promise.all(Array.from({ length: 60 }, () => loginFrom('10.0.0.1', target.username, 'Wrong-password-1')));
      expect(burst.filter((r) => r.statusCode === 200)).toEqual([]);
      expect(burst.filter((r) => r.statusCode === 401)).toHaveLength(LOGIN_THROTTLE.lockAfter - 1);
      expect(burst.filter((r) => r.statusCode === 423)).toHaveLength(60 - LOGIN_THROTTLE.lockAfter + 1);

      const right = await loginFrom('10.0.0.1', target.username, target.password);
      expect(right.statusCode).toBe(423);
      expect(right.json().code).toBe('account_locked');
      // Only so many passwords were compared; the rest were refused unseen.
      const tried = (await audit('login_failed')).filter((a) => a.entityId === target.id);
      expect(tried).toHaveLength(LOGIN_THROTTLE.lockAfter);
    });

    it('locks out the guessing source only: the account still logs in from elsewhere', async () => {
      const burst = await Promise.all(Array.from({ length: LOGIN_THROTTLE.lockAfter + 2 }, () => loginFrom('10.0.1.1', 'admin', 'Guessed-password-1')));
      expect(burst.some((r) => r.statusCode === 423)).toBe(true);
      expect((await loginFrom('10.0.1.1', 'admin', ADMIN_PASSWORD)).statusCode).toBe(423);
      const elsewhere = await loginFrom('10.0.1.2', 'admin', ADMIN_PASSWORD);
      expect(elsewhere.statusCode).toBe(200);
      expect((await me(elsewhere.json().token)).json().username).toBe('admin');
    });

    it('starts the count afresh after a successful login', { timeout: 60_000 }, async () => {
      const user = await ready();
      for (let round = 0; round < 2; round++) {
        for (let i = 0; i < LOGIN_THROTTLE.lockAfter - 1; i++) expect((await loginFrom('10.0.3.1', user.username, 'Wrong-password-1')).statusCode).toBe(401);
        expect((await loginFrom('10.0.3.1', user.username, user.password)).statusCode).toBe(200);
      }
    });

    it('answers unknown, disabled and existing names alike, also once locked out', async () => {
      const known = await ready();
      const disabled = await ready();
      expect((await t.call(t.adminToken, { method: 'POST', url: `/api/users/${disabled.id}/disable` })).statusCode).toBe(200);
      const names = [known.username, disabled.username, 'no_such_user'];
      for (const lang of ['zh-CN', 'en']) {
        const first = await Promise.all(names.map((n, i) => loginFrom(`10.0.2.${i + 1}`, n, 'Wrong-password-1', { 'accept-language': lang })));
        expect(new Set(first.map((r) => `${r.statusCode} ${r.body}`)).size, first.map((r) => r.body).join()).toBe(1);
        expect(first[0].statusCode).toBe(401);
      }
      const locked = await Promise.all(names.map(async (n, i) => {
        await Promise.all(Array.from({ length: LOGIN_THROTTLE.lockAfter }, () => loginFrom(`10.0.2.${i + 10}`, n, 'Wrong-password-1')));
        return loginFrom(`10.0.2.${i + 10}`, n, 'Wrong-password-1');
      }));
      expect(new Set(locked.map((r) => `${r.statusCode} ${r.body}`)).size, locked.map((r) => r.body).join()).toBe(1);
      expect(locked[0].statusCode).toBe(423);
      expect(locked[0].json()).toEqual({ code: 'account_locked', message: `登录失败次数过多，请 ${LOGIN_THROTTLE.lockMinutes} 分钟后再试` });
    });
  });

  describe('password policy', () => {
    const weak = ['abcdefghij', 'Abcdefghij', 'Abc-12', 'abcdefgh12345'];

    it('refuses a weak password at creation, naming the field, in Chinese or English', async () => {
      for (const password of weak) {
        const res = await t.call(t.adminToken, { method: 'POST', url: '/api/users', payload: { username: `weak_${++seq}`, password, displayName: 'x', role: 'community', jurisdictionCode: COMMUNITY } });
        expect(res.statusCode, password).toBe(400);
        expect(res.json(), password).toEqual({ code: 'validation', field: 'password', message: '字段“password”至少 10 位，且须包含小写字母、大写字母、数字、符号中的至少 3 类' });
      }
      const en = await t.call(t.adminToken, { method: 'POST', url: '/api/users', headers: { 'accept-language': 'en' }, payload: { username: 'weak_en', password: 'abcdefghij', displayName: 'x', role: 'community', jurisdictionCode: COMMUNITY } });
      expect(en.json().message).toBe('Field "password" must be at least 10 characters and mix at least 3 of: lower-case letters, upper-case letters, digits, symbols');
    });

    it('refuses a weak password at a reset and at a change of one\'s own', async () => {
      const user = await ready();
      for (const password of weak) {
        const reset = await t.call(t.adminToken, { method: 'PATCH', url: `/api/users/${user.id}`, payload: { password } });
        expect(reset.statusCode, password).toBe(400);
        expect(reset.json()).toMatchObject({ code: 'validation', field: 'password' });
        const own = await changePassword(user.token, user.password, password);
        expect(own.statusCode, password).toBe(400);
        expect(own.json()).toMatchObject({ code: 'validation', field: 'newPassword' });
      }
      expect((await loginFrom('10.0.3.1', user.username, user.password)).statusCode).toBe(200);
    });
  });

  describe('changing one\'s own password', () => {
    it('needs the current password, ends the other sessions and keeps this one', async () => {
      const user = await ready();
      const other = (await loginFrom('10.0.4.1', user.username, user.password)).json().token as string;

      const wrong = await changePassword(user.token, 'Not-my-password-1', 'Brand-new-password-1');
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json()).toMatchObject({ code: 'validation', field: 'currentPassword' });
      const same = await changePassword(user.token, user.password, user.password, { 'accept-language': 'en' });
      expect(same.json()).toEqual({ code: 'validation', field: 'newPassword', message: 'Field "newPassword" must differ from the current password' });

      expect((await changePassword(user.token, user.password, 'Brand-new-password-1')).statusCode).toBe(200);
      expect((await me(user.token)).statusCode).toBe(200);
      expect((await me(other)).statusCode).toBe(401);
      expect((await loginFrom('10.0.4.2', user.username, user.password)).statusCode).toBe(401);
      expect((await loginFrom('10.0.4.2', user.username, 'Brand-new-password-1')).statusCode).toBe(200);
      // Newest first: this change, the wrong current password, the first login's change.
      expect((await audit('password_change')).filter((a) => a.entityId === user.id).map((a) => a.outcome)).toEqual(['ok', 'failed', 'ok']);
    });
  });

  describe('a password an administrator set', () => {
    it('must be changed at first login: until then only me, password and logout answer', async () => {
      const fresh = await created();
      const login = await loginFrom('10.0.5.1', fresh.username, fresh.password);
      expect(login.statusCode).toBe(200);
      expect(login.json().user.mustChangePassword).toBe(true);
      const token = login.json().token as string;

      const refused = await arrivals(token);
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toEqual({ code: 'password_change_required', message: '初始密码或重置的密码须先修改，才能继续使用' });
      expect((await t.call(token, { method: 'GET', url: `/api/users/${fresh.id}` })).json().code).toBe('password_change_required');
      expect((await me(token)).json()).toMatchObject({ username: fresh.username, mustChangePassword: true });

      expect((await changePassword(token, fresh.password, 'Chosen-by-me-1')).statusCode).toBe(200);
      expect((await me(token)).json().mustChangePassword).toBe(false);
      expect((await arrivals(token)).statusCode).toBe(200);
      expect((await t.call(token, { method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(200);
    });

    it('a reset ends the user\'s sessions and must be changed again', async () => {
      const user = await ready();
      const other = (await loginFrom('10.0.6.1', user.username, user.password)).json().token as string;
      expect((await arrivals(user.token)).statusCode).toBe(200);

      const reset = await t.call(t.adminToken, { method: 'PATCH', url: `/api/users/${user.id}`, payload: { password: 'Reset-by-admin-1' } });
      expect(reset.statusCode, reset.body).toBe(200);
      expect((await me(user.token)).statusCode).toBe(401);
      expect((await me(other)).statusCode).toBe(401);

      const again = await loginFrom('10.0.6.2', user.username, 'Reset-by-admin-1');
      expect(again.json().user.mustChangePassword).toBe(true);
      expect((await arrivals(again.json().token)).json().code).toBe('password_change_required');
    });
  });

  describe('idle timeout', () => {
    it('ends a session unused for FANGKONG_IDLE_MINUTES (30 by default), and keeps one in use', async () => {
      const idle = await ready();
      const busy = await ready();
      const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
      await t.ctx.db.updateTable('sessions').set({ last_seen_at: ago(31) }).where('user_id', '=', idle.id).execute();
      await t.ctx.db.updateTable('sessions').set({ last_seen_at: ago(29) }).where('user_id', '=', busy.id).execute();
      t.ctx.sessions.forgetUser(idle.id);
      t.ctx.sessions.forgetUser(busy.id);

      const gone = await me(idle.token);
      expect(gone.statusCode).toBe(401);
      expect(gone.json().code).toBe('unauthenticated');
      expect((await me(busy.token)).statusCode).toBe(200);
      // Using it moved the idle clock on.
      const [row] = await t.ctx.db.selectFrom('sessions').select('last_seen_at').where('user_id', '=', busy.id).execute();
      expect(Date.now() - Date.parse(row.last_seen_at!)).toBeLessThan(60_000);
      expect(loadConfig({}).idleMinutes).toBe(30);
      expect(loadConfig({ FANGKONG_IDLE_MINUTES: '10' }).idleMinutes).toBe(10);
    });
  });

  describe('audit of failed logins', () => {
    it('records each failed and each refused login with its source address and outcome', async () => {
      const user = await ready();
      expect((await loginFrom('10.0.7.1', user.username, 'Wrong-password-1')).statusCode).toBe(401);
      expect((await loginFrom('10.0.7.2', 'nobody_here', 'Wrong-password-1')).statusCode).toBe(401);
      const failed = await audit('login_failed');
      expect(failed.find((a) => a.entityId === user.id && a.source === '10.0.7.1')).toMatchObject({ outcome: 'failed', detail: { username: user.username } });
      expect(failed.find((a) => a.source === '10.0.7.2')).toMatchObject({ outcome: 'failed', entityId: null, detail: { username: 'nobody_here' } });

      await Promise.all(Array.from({ length: LOGIN_THROTTLE.lockAfter + 1 }, () => loginFrom('10.0.7.3', user.username, 'Wrong-password-1')));
      const refused = (await audit('login_locked')).filter((a) => a.entityId === user.id);
      expect(refused).toHaveLength(1);
      expect(refused[0]).toMatchObject({ outcome: 'denied', source: '10.0.7.3' });
    });

    it('takes the address of the connection, not X-Forwarded-For, unless FANGKONG_TRUST_PROXY says so', async () => {
      const user = await ready();
      const res = await loginFrom('10.0.8.1', user.username, 'Wrong-password-1', { 'x-forwarded-for': '203.0.113.9' });
      expect(res.statusCode).toBe(401);
      expect((await audit('login_failed')).filter((a) => a.entityId === user.id).map((a) => a.source)).toEqual(['10.0.8.1']);
      expect(loadConfig({}).trustProxy).toBe(false);
    });
  });
});

describe.each(DIALECTS)('the first admin on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(dialect, { adminPassword: 'Configured-first-1' }); });
  afterAll(async () => { await t?.close(); });

  it('changes the configured password at first login, and a weak one is refused at first start', async () => {
    // The harness logged in with the configured password and made no change.
    expect((await t.call(t.adminToken, { method: 'GET', url: '/api/auth/me' })).json()).toMatchObject({ username: 'admin', mustChangePassword: true });
    expect((await t.call(t.adminToken, { method: 'GET', url: '/api/users' })).json().code).toBe('password_change_required');

    const firstLogin = async (password: string) => (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password } })).json().user;
    await t.ctx.db.updateTable('users').set({ username: 'admin_before' }).where('username', '=', 'admin').execute();
    await expect(ensureAdmin({ ...t.ctx, config: { ...t.ctx.config, adminPassword: 'admin-password' } })).rejects.toThrow(/FANGKONG_ADMIN_PASSWORD must be at least 10 characters/);
    expect(await ensureAdmin(t.ctx)).toBeNull();
    expect(await firstLogin('Configured-first-1')).toMatchObject({ username: 'admin', mustChangePassword: true });

    await t.ctx.db.updateTable('users').set({ username: 'admin_configured' }).where('username', '=', 'admin').execute();
    const generated = await ensureAdmin({ ...t.ctx, config: { ...t.ctx.config, adminPassword: undefined } });
    expect(passwordProblem(generated!)).toBeNull();
    expect(await firstLogin(generated!)).toMatchObject({ username: 'admin', mustChangePassword: true });
  });
});

describe.each(DIALECTS)('sign-in throttling per source address on %s', (dialect) => {
  let t: TestApp;
  const PROXY = '10.9.0.1';
  const loginFrom = (source: string, username: string, password: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: source, headers, payload: { username, password } });

  beforeAll(async () => { t = await startTestApp(dialect, { loginRatePerMinute: 30, trustProxy: [PROXY] }); });
  afterAll(async () => { await t?.close(); });

  it('slows one address trying many names (FANGKONG_LOGIN_RATE_PER_MINUTE, 30 by default), not the others', async () => {
    const spray = [];
    for (let i = 0; i < 35; i++) spray.push(await loginFrom('10.0.9.1', `sprayed_${i}`, 'Spring-2026!'));
    expect(spray.slice(0, 30).map((r) => r.statusCode)).toEqual(Array(30).fill(401));
    const limited = spray[30];
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toEqual({ code: 'rate_limited', message: '请求过于频繁，请稍后再试' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await loginFrom('10.0.9.1', 'admin', ADMIN_PASSWORD)).statusCode).toBe(429);
    expect((await loginFrom('10.0.9.2', 'admin', ADMIN_PASSWORD)).statusCode).toBe(200);
    expect(loadConfig({}).loginRatePerMinute).toBe(30);
  });

  it('behind a configured proxy, counts and audits the forwarded client address', async () => {
    expect(loadConfig({ FANGKONG_TRUST_PROXY: `${PROXY}, 10.8.0.0/16` }).trustProxy).toEqual([PROXY, '10.8.0.0/16']);
    for (let i = 0; i < 30; i++) await loginFrom(PROXY, `behind_${i}`, 'Spring-2026!', { 'x-forwarded-for': '198.51.100.7' });
    expect((await loginFrom(PROXY, 'admin', ADMIN_PASSWORD, { 'x-forwarded-for': '198.51.100.7' })).statusCode).toBe(429);
    expect((await loginFrom(PROXY, 'admin', ADMIN_PASSWORD, { 'x-forwarded-for': '198.51.100.8' })).statusCode).toBe(200);
    expect((await loginFrom('10.9.0.2', 'admin', ADMIN_PASSWORD, { 'x-forwarded-for': '198.51.100.7' })).statusCode).toBe(200);
    const items = (await t.call(t.adminToken, { method: 'GET', url: '/api/audit?action=login_failed&pageSize=500' })).json().items as AuditItem[];
    const behind = items.filter((a) => String(a.detail?.username).startsWith('behind_'));
    expect(behind).toHaveLength(30);
    expect(behind.every((a) => a.source === '198.51.100.7')).toBe(true);
  });
});

describe.each(DIALECTS)('session lifetime on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    pinClock('2026-11-23T01:00:00Z');
    t = await startTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
    unpinClock();
  });

  it('ends a session 12 hours after login, even one in use all along', async () => {
    const { username, password } = await t.userWithRole('community', COMMUNITY);
    const loginAt = Date.parse('2026-11-23T02:00:00Z');
    moveClock(loginAt);
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    expect(String(login.headers['set-cookie'])).toContain(`Max-Age=${12 * 3600}`);
    const me = () => t.call(login.json().token, { method: 'GET', url: '/api/auth/me' });
    // Used every 20 minutes, well inside the idle timeout, up to a minute before the end.
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      moveClock(loginAt + minutes * 60_000);
      expect((await me()).statusCode, `${minutes} minutes after login`).toBe(200);
    }
    moveClock(loginAt + (12 * 60 - 1) * 60_000);
    expect((await me()).statusCode).toBe(200);
    moveClock(loginAt + (12 * 60 + 1) * 60_000);
    const ended = await me();
    expect(ended.statusCode).toBe(401);
    expect(ended.json().code).toBe('unauthenticated');
  });
});
