// Boots the whole application on a fresh database, and offers the calls tests make over and over.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app';
import { loadConfig, type Config } from '../../src/server/config';
import type { Ctx } from '../../src/server/context';
import type { Role } from '../../src/domain/enums';
import { createTestDatabase, type TestDialect } from './databases';

export const ADMIN_PASSWORD = 'admin-test-password';

export interface TestApp {
  app: FastifyInstance;
  ctx: Ctx;
  dialect: TestDialect;
  /** Logs in and returns the bearer token. */
  login(username: string, password?: string): Promise<string>;
  /** Creates a user through the API as admin and returns their token. */
  userWithRole(role: Role, jurisdictionCode: string, extra?: { canReveal?: boolean }): Promise<{ token: string; id: string; username: string }>;
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
    adminPassword: ADMIN_PASSWORD,
    secret: 'test-secret-of-sufficient-length',
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
  const adminToken = await login('admin');
  return {
    app,
    ctx,
    dialect,
    login,
    call,
    adminToken,
    async userWithRole(role, jurisdictionCode, extra = {}) {
      const username = `${role}_${++counter}_${Date.now() % 100000}`;
      const password = 'password-' + username;
      const res = await call(adminToken, {
        method: 'POST',
        url: '/api/users',
        payload: { username, password, displayName: username, role, jurisdictionCode, ...extra },
      });
      if (res.statusCode !== 201) throw new Error(`create user: ${res.statusCode} ${res.body}`);
      return { token: await login(username, password), id: res.json().id, username };
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
