import type { FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { currentUser } from '../../server/guard';
import { AppError } from '../../server/errors';
import { login, logout } from './service';
import { changeOwnPassword } from './password-change';
import { UserView } from '../users';

export const SESSION_COOKIE = 'fk_session';

export async function authRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.ctx;
  await app.register(rateLimit, { global: false, errorResponseBuilder: () => new AppError('rate_limited') });
  const perMinute = ctx.config.loginRatePerMinute;

  app.post('/auth/login', {
    // One source address may try so many logins a minute, whichever accounts it tries.
    config: { rateLimit: perMinute > 0 ? { max: perMinute, timeWindow: 60_000, keyGenerator: (req) => req.ip } : false },
    schema: {
      operationId: 'login',
      tags: ['auth'],
      summary: '登录 / Sign in',
      security: [],
      body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) }),
      response: { 200: Type.Object({ token: Type.String(), user: UserView }) },
    },
  }, async (req, reply) => {
    const { token, user, expiresInSeconds } = await login(ctx, req.body.username, req.body.password, req.ip);
    reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', maxAge: expiresInSeconds, secure: req.protocol === 'https' });
    return { token, user };
  });

  app.post('/auth/password', {
    schema: {
      operationId: 'changePassword',
      tags: ['auth'],
      summary: '修改本人密码 / Change one’s own password',
      body: Type.Object({ currentPassword: Type.String({ minLength: 1, maxLength: 256 }), newPassword: Type.String({ minLength: 1, maxLength: 256 }) }),
      response: { 200: Type.Object({ ok: Type.Boolean() }) },
    },
  }, async (req) => {
    await changeOwnPassword(ctx, currentUser(req), req.token!, req.body);
    return { ok: true };
  });

  app.post('/auth/logout', { schema: { operationId: 'logout', tags: ['auth'], summary: '退出登录 / Sign out', response: { 200: Type.Object({ ok: Type.Boolean() }) } } }, async (req, reply) => {
    const user = currentUser(req);
    await logout(ctx, req.token!, user);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/auth/me', { schema: { operationId: 'getCurrentUser', tags: ['auth'], summary: '当前账号 / The signed-in account', response: { 200: UserView } } }, async (req) => currentUser(req));
}
