import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { currentUser } from '../../server/guard';

/** The configuration the web app needs to apply the same rules as the server. */
export const PublicSettings = Type.Object({
  region: Type.String(),
  timeZone: Type.String(),
  feverCelsius: Type.Number(),
  highRiskLookbackDays: Type.Integer(),
  handoffOverdueMinutes: Type.Integer(),
  checks: Type.Object({ slotEnds: Type.Array(Type.Number()), graceMinutes: Type.Integer() }),
});

export async function settingsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { config } = app.ctx;
  app.get('/settings', { schema: { operationId: 'getSettings', tags: ['system'], summary: '前端所需的配置 / Settings the web app applies', response: { 200: PublicSettings } } }, async (req) => {
    currentUser(req);
    return {
      region: config.region,
      timeZone: config.timeZone,
      feverCelsius: config.triage.feverCelsius,
      highRiskLookbackDays: config.triage.highRiskLookbackDays,
      handoffOverdueMinutes: config.handoffOverdueMinutes,
      checks: config.checks,
    };
  });
}
