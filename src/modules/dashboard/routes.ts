import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { currentUser, requirePermission } from '../../server/guard';
import { Children, CompoundQuery, Compounds, EntryPointQuery, EntryPoints, Handoffs, OriginQuery, Origins, ScopeQuery, Summary, Trend, TrendQuery } from './schemas';
import { childFigures, compounds, entryPoints, handoffs, origins, summary, trend } from './service';

export async function dashboardRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.ctx;
  const read = requirePermission('dashboard:read');
  const tags = ['dashboard'];

  app.get('/dashboard/summary', {
    onRequest: read,
    schema: { operationId: 'getDashboardSummary', tags, summary: '大屏核心指标（当日及累计）/ Headline figures for the day and in total', querystring: ScopeQuery, response: { 200: Summary } },
  }, async (req) => summary(ctx, currentUser(req), req.query));

  app.get('/dashboard/children', {
    onRequest: read,
    schema: { operationId: 'getDashboardChildren', tags, summary: '下级辖区指标（下钻、地图）/ Headline figures of each child node', querystring: ScopeQuery, response: { 200: Children } },
  }, async (req) => childFigures(ctx, currentUser(req), req.query));

  app.get('/dashboard/origins', {
    onRequest: read,
    schema: { operationId: 'getDashboardOrigins', tags, summary: '来源地排行（省，或省内城市）/ Ranking of origin provinces, or of a province’s cities', querystring: OriginQuery, response: { 200: Origins } },
  }, async (req) => origins(ctx, currentUser(req), req.query));

  app.get('/dashboard/compounds', {
    onRequest: read,
    schema: { operationId: 'getDashboardCompounds', tags, summary: '各小区、社区登记人数 / Registered per compound and per community (top 50)', querystring: CompoundQuery, response: { 200: Compounds } },
  }, async (req) => compounds(ctx, currentUser(req), req.query));

  app.get('/dashboard/trend', {
    onRequest: read,
    schema: { operationId: 'getDashboardTrend', tags, summary: '近14/30天趋势 / Daily trend over the last 14 or 30 days', querystring: TrendQuery, response: { 200: Trend } },
  }, async (req) => trend(ctx, currentUser(req), req.query));

  app.get('/dashboard/entry-points', {
    onRequest: read,
    schema: { operationId: 'getDashboardEntryPoints', tags, summary: '各口岸分时、分日登记量 / Registrations per entry point per hour and per day', querystring: EntryPointQuery, response: { 200: EntryPoints } },
  }, async (req) => entryPoints(ctx, currentUser(req), req.query));

  app.get('/dashboard/handoffs', {
    onRequest: read,
    schema: { operationId: 'getDashboardHandoffs', tags, summary: '交接漏斗（登记→街道→社区）及超时 / Hand-off funnel with the overdue', querystring: ScopeQuery, response: { 200: Handoffs } },
  }, async (req) => handoffs(ctx, currentUser(req), req.query));
}
