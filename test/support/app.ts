// Boots the whole application on a fresh database, and offers the calls tests make over and over.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app';
import { loadConfig, type Config } from '../../src/server/config';
import type { Ctx } from '../../src/server/context';
import type { Role } from '../../src/domain/enums';
import { createTestDatabase, type TestDialect } from './databases';

/** The admin's password once the harness has made the forced first change. */
export const ADMIN_PASSWORD = 'Admin-test-password-1';
/** The configured first password of `admin` (FANGKONG_ADMIN_PASSWORD), which must be changed at first login. */
export const ADMIN_INITIAL_PASSWORD = 'Admin-initial-password-1';

export interface TestApp {
  app: FastifyInstance;
  ctx: Ctx;
  dialect: TestDialect;
  /** Logs in and returns the bearer token. */
  login(username: string, password?: string): Promise<string>;
  /** Logs in with a password an administrator set, changes it to `password` and returns the token, now good for every call. */
  firstLogin(username: string, initialPassword: string, password: string): Promise<string>;
  /**
   * Creates a user through the API as admin (a POST /api/users body) and makes their first
   * login's password change, so that `password` logs them in; returns their token and id.
   */
  createUser(body: { username: string; password: string } & Record<string, unknown>): Promise<{ token: string; id: string }>;
  /** Creates a user through the API as admin, with a password of their own, and returns their token. */
  userWithRole(role: Role, jurisdictionCode: string, extra?: { canReveal?: boolean }): Promise<{ token: string; id: string; username: string; password: string }>;
  /** app.inject with the token as bearer. */
  call(token: string | null, options: InjectOptions): Promise<LightMyRequestResponse>;
  adminToken: string;
  close(): Promise<void>;
}

let counter = 0;

export async function startTestApp(dialect: TestDialect, overrides: Partial<Config> = {}, logStream?: NodeJS.WritableStream): Promise<TestApp> {
  const database = await createTestDatabase(dialect);
  const config: Config = {
    ...loadConfig({}),
    databaseUrl: database.url,
    dataDir: database.dataDir,
    adminPassword: ADMIN_INITIAL_PASSWORD,
    secret: 'test-secret-of-sufficient-length',
    // Suites log in from one address far more often than people do; the sign-in suite sets its own.
    loginRatePerMinute: 0,
    ...overrides,
  };
  const { app, ctx } = await buildApp(config, logStream ? { logStream } : { logger: false });
  await app.ready();
  const call: TestApp['call'] = (token, options) =>
    app.inject({ ...options, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...options.headers } });
  const login = async (username: string, password = ADMIN_PASSWORD) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    return res.json().token as string;
  };
  const firstLogin = async (username: string, initialPassword: string, password: string) => {
    const token = await login(username, initialPassword);
    const res = await call(token, { method: 'POST', url: '/api/auth/password', payload: { currentPassword: initialPassword, newPassword: password } });
    if (res.statusCode !== 200) throw new Error(`change password of ${username}: ${res.statusCode} ${res.body}`);
    return token;
  };
  const adminToken = overrides.adminPassword ? await login('admin', overrides.adminPassword) : await firstLogin('admin', ADMIN_INITIAL_PASSWORD, ADMIN_PASSWORD);
  const createUser: TestApp['createUser'] = async (body) => {
    const initialPassword = `Initial-${body.username}-1`;
    const res = await call(adminToken, { method: 'POST', url: '/api/users', payload: { ...body, password: initialPassword } });
    if (res.statusCode !== 201) throw new Error(`create user: ${res.statusCode} ${res.body}`);
    return { token: await firstLogin(body.username, initialPassword, body.password), id: res.json().id as string };
  };
  return {
    app,
    ctx,
    dialect,
    login,
    firstLogin,
    createUser,
    call,
    adminToken,
    async userWithRole(role, jurisdictionCode, extra = {}) {
      const username = `${role}_${++counter}_${Date.now() % 100000}`;
      const password = `Password-${username}-1`;
      const { token, id } = await createUser({ username, password, displayName: username, role, jurisdictionCode, ...extra });
      return { token, id, username, password };
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
