import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { currentUser, requirePermission } from '../../server/guard';
import { RISK_LEVELS } from '../../domain/enums';
import { StringEnum } from '../../server/typebox';
import { designateRiskArea, liftRiskArea, listRiskAreas } from './service';

const RiskAreaView = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  level: StringEnum(RISK_LEVELS),
  designatedAt: Type.String(),
  liftedAt: Type.Union([Type.String(), Type.Null()]),
});

export async function riskAreaRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.ctx;
  const manage = requirePermission('reference:manage');

  app.get('/risk-areas', {
    onRequest: async (req: FastifyRequest) => { currentUser(req); },
    schema: {
      operationId: 'listRiskAreas',
      tags: ['risk-areas'],
      summary: '高/中风险区 / High- and medium-risk areas',
      querystring: Type.Object({ active: Type.Optional(Type.Boolean({ description: 'true: still designated; false: lifted; absent: all' })) }),
      response: { 200: Type.Array(RiskAreaView) },
    },
  }, async (req) => listRiskAreas(ctx, req.query.active));

  app.post('/risk-areas', {
    onRequest: manage,
    schema: {
      operationId: 'designateRiskArea',
      tags: ['risk-areas'],
      summary: '划定风险区 / Designate a risk area',
      description: 'Designating an active area again at the other level re-grades it: the old designation is lifted.',
      body: Type.Object({ code: Type.String({ minLength: 2, maxLength: 40 }), level: StringEnum(RISK_LEVELS) }),
      response: { 201: RiskAreaView },
    },
  }, async (req, reply) => reply.status(201).send(await designateRiskArea(ctx, currentUser(req), req.body)));

  app.post('/risk-areas/:id/lift', {
    onRequest: manage,
    schema: {
      operationId: 'liftRiskArea',
      tags: ['risk-areas'],
      summary: '解除风险区 / Lift a risk area',
      description: 'Idempotent: lifting a lifted area returns it unchanged.',
      params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
      response: { 200: RiskAreaView },
    },
  }, async (req) => liftRiskArea(ctx, currentUser(req), req.params.id));
}
