import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { currentUser, requirePermission } from '../../server/guard';
import { listAudit, writeAudit } from './repository';
import { List, pageQuery } from '../../server/schemas';
import { AUDIT_OUTCOMES } from '../../domain/enums';
import { StringEnum } from '../../server/typebox';

const Nullable = Type.Union([Type.String(), Type.Null()]);
const AuditRecord = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  userId: Nullable,
  username: Nullable,
  action: Type.String(),
  entity: Type.String(),
  entityId: Nullable,
  jurisdictionCode: Nullable,
  detail: Type.Unknown({ description: 'what the action concerned (JSON), never personal data; null when nothing' }),
  source: Nullable,
  outcome: StringEnum(AUDIT_OUTCOMES),
});

export async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.ctx;
  app.get('/audit', {
    onRequest: requirePermission('audit:read'),
    schema: {
      operationId: 'listAuditRecords',
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
        ...pageQuery({ default: 50, max: 500 }),
      }),
      response: { 200: List(AuditRecord) },
    },
  }, async (req) => {
    const user = currentUser(req);
    // Recorded before the reading, so that a reading that fails half-way is on record too.
    await ctx.writes.run((trx) => writeAudit(trx, user, [{ action: 'read', entity: 'audit_log', jurisdictionCode: user.jurisdictionCode, detail: { filters: req.query } }]));
    return listAudit(ctx.db, user.jurisdictionCode === ctx.config.region ? null : user.jurisdictionCode, req.query);
  });
}
