import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { currentUser, requirePermission } from '../../server/guard';
import { RoleSchema, UserView } from './schemas';
import { createUser, listUsers, updateUser } from './service';
import { DivisionCode, List, pageQuery } from '../../server/schemas';

export async function userRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.ctx;
  const guard = requirePermission('users:manage');

  app.post('/users', {
    onRequest: guard,
    schema: {
      operationId: 'createUser',
      tags: ['users'],
      summary: '新建账号 / Create an account',
      body: Type.Object({
        username: Type.String({ minLength: 2, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' }),
        password: Type.String({ minLength: 1, maxLength: 256 }),
        displayName: Type.String({ minLength: 1, maxLength: 64 }),
        role: RoleSchema,
        jurisdictionCode: DivisionCode(),
        canReveal: Type.Optional(Type.Boolean()),
      }),
      response: { 201: UserView },
    },
  }, async (req, reply) => reply.status(201).send(await createUser(ctx, currentUser(req), req.body)));

  app.get('/users', {
    onRequest: guard,
    schema: {
      operationId: 'listUsers',
      tags: ['users'],
      summary: '账号列表 / Accounts within the caller’s jurisdiction',
      querystring: Type.Object({
        q: Type.Optional(Type.String()),
        role: Type.Optional(RoleSchema),
        ...pageQuery({ default: 50, max: 500 }),
      }),
      response: { 200: List(UserView) },
    },
  }, async (req) => listUsers(ctx, currentUser(req), req.query));

  app.patch('/users/:id', {
    onRequest: guard,
    schema: {
      operationId: 'updateUser',
      tags: ['users'],
      summary: '修改账号 / Change an account',
      params: Type.Object({ id: Type.String() }),
      body: Type.Object({
        disabled: Type.Optional(Type.Boolean()),
        canReveal: Type.Optional(Type.Boolean()),
        displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
        password: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
      }),
      response: { 200: UserView },
    },
  }, async (req) => updateUser(ctx, currentUser(req), req.params.id, req.body));

  app.post('/users/:id/disable', {
    onRequest: guard,
    schema: { operationId: 'disableUser', tags: ['users'], summary: '停用账号 / Disable an account', params: Type.Object({ id: Type.String() }), response: { 200: UserView } },
  }, async (req) => updateUser(ctx, currentUser(req), req.params.id, { disabled: true }));
}
