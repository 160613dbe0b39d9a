import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from './support/app';

describe.each(DIALECTS)('auth and users on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(dialect); });
  afterAll(async () => { await t?.close(); });

  it('logs in with the configured admin password and sets an httpOnly cookie', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD } });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ username: 'admin', role: 'admin', jurisdictionCode: '54' });
    const cookie = res.cookies.find((c) => c.name === 'fk_session');
    expect(cookie?.httpOnly).toBe(true);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', cookies: { fk_session: cookie!.value } });
    expect(me.json().username).toBe('admin');
  });

  it('rejects a wrong password in Chinese, or English when asked', async () => {
    const zh = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'nope' } });
    expect(zh.statusCode).toBe(401);
    expect(zh.json()).toEqual({ code: 'bad_credentials', message: '用户名或密码错误' });
    const en = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'accept-language': 'en-US' }, payload: { username: 'admin', password: 'nope' } });
    expect(en.json().message).toBe('Wrong username or password');
  });

  it('logout revokes the token', async () => {
    const token = await t.login('admin');
    expect((await t.call(token, { method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(200);
    const after = await t.call(token, { method: 'GET', url: '/api/auth/me' });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('unauthenticated');
  });
});
