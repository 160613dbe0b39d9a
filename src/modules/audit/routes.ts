import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { currentUser, requirePermission } from '../../server/guard';
import { listAudit, writeAudit } from './repository';

export async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.ctx;
  app.get('/audit', {
    onRequest: requirePermission('audit:read'),
    schema: {
      tags: ['audit'],
      summary: '审计日志 / Audit log of the accounts within the reader’s jurisdiction',
      description: 'Only records of accounts bound to the reader’s jurisdiction or below (anonymous requests, such as failed logins, only at the region’s root). '
        + 'Each reading is itself audited (action read, entity audit_log), with its filters.',
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
  }, async (req) => {
    const user = currentUser(req);
    // Recorded before the reading, so that a reading that fails half-way is on record too.
    await ctx.writes.run((trx) => writeAudit(trx, user, [{ action: 'read', entity: 'audit_log', jurisdictionCode: user.jurisdictionCode, detail: { filters: req.query } }]));
    return listAudit(ctx.db, user.jurisdictionCode === ctx.config.region ? null : user.jurisdictionCode, req.query);
  });
}
