import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requirePermission } from '../../server/guard';
import { listAudit } from './queries';

export async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/audit', {
    onRequest: requirePermission('audit:read'),
    schema: {
      tags: ['audit'],
      querystring: Type.Object({
        from: Type.Optional(Type.String({ format: 'date-time' })),
        to: Type.Optional(Type.String({ format: 'date-time' })),
        action: Type.Optional(Type.String()),
        entity: Type.Optional(Type.String()),
        entityId: Type.Optional(Type.String()),
        username: Type.Optional(Type.String()),
        page: Type.Integer({ minimum: 1, default: 1 }),
        pageSize: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
      }),
    },
  }, async (req) => listAudit(app.ctx.db, req.query));
}
