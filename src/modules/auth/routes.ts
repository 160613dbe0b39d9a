import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { currentUser } from '../../server/guard';
import { login, logout } from './service';
import { UserView } from '../users/schemas';

export const SESSION_COOKIE = 'fk_session';

export async function authRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.ctx;

  app.post('/auth/login', {
    schema: {
      tags: ['auth'],
      security: [],
      body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) }),
      response: { 200: Type.Object({ token: Type.String(), user: UserView }) },
    },
  }, async (req, reply) => {
    const { token, user, expiresInSeconds } = await login(ctx, req.body.username, req.body.password);
    reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', maxAge: expiresInSeconds, secure: req.protocol === 'https' });
    return { token, user };
  });

  app.post('/auth/logout', { schema: { tags: ['auth'] } }, async (req, reply) => {
    const user = currentUser(req);
    await logout(ctx, req.token!, user);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/auth/me', { schema: { tags: ['auth'], response: { 200: UserView } } }, async (req) => currentUser(req));
}
