import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { currentUser, requirePermission } from '../../server/guard';
import { ArrivalFilter, ArrivalView, NewArrival } from './schemas';
import { getArrival, listArrivals, receiveArrival, registerArrival } from './service';
import { exportArrivals } from './export';
import { RoomChoice } from '../observations';
import { reportDay } from '../../domain/time';
import { FileAnswer } from '../../server/schemas';
import { IdParams, Paged, pageQuery } from '../../server/schemas';

const ArrivalList = Paged(ArrivalView);
export async function arrivalRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.ctx;
  const read = requirePermission('arrivals:read');

  app.post('/arrivals', {
    onRequest: requirePermission('arrivals:register'),
    schema: {
      operationId: 'registerArrival',
      tags: ['arrivals'],
      summary: '登记一名入境人员并分流 / Register an arrival and triage them',
      description: 'Idempotent per clientId: a retry returns the first result (200) and creates nothing.',
      body: NewArrival,
      response: { 200: ArrivalView, 201: ArrivalView },
    },
  }, async (req, reply) => {
    const { created, arrival } = await registerArrival(ctx, currentUser(req), req.body);
    return reply.status(created ? 201 : 200).send(arrival);
  });

  app.get('/arrivals', {
    onRequest: read,
    schema: { operationId: 'listArrivals', tags: ['arrivals'], summary: '入境人员列表 / List arrivals', querystring: ArrivalFilter, response: { 200: ArrivalList } },
  }, async (req) => listArrivals(ctx, currentUser(req), req.query));

  app.get('/arrivals/inbox', {
    onRequest: requirePermission('arrivals:receive'),
    schema: {
      operationId: 'listArrivalInbox',
      tags: ['arrivals'],
      summary: '待本单位接收 / Arrivals waiting for my unit',
      querystring: Type.Object({
        ...pageQuery({ default: 50, max: 200 }),
      }),
      response: { 200: ArrivalList },
    },
  }, async (req) => {
    const user = currentUser(req);
    return listArrivals(ctx, user, { ...req.query, holder: user.jurisdictionCode });
  });

  app.get('/arrivals/export', {
    onRequest: requirePermission('arrivals:export'),
    schema: {
      operationId: 'exportArrivals',
      tags: ['arrivals'],
      summary: '导出 CSV/XLSX / Export as CSV or XLSX',
      description: 'Audited at its start with its filters (a searched text as its keyed hash); refused (400 export_too_large, also audited) '
        + 'when the filters select more rows than FANGKONG_EXPORT_MAX_ROWS. The first line names who exported the file and when.',
      querystring: Type.Intersect([Type.Omit(ArrivalFilter, ['page', 'pageSize']), Type.Object({ format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { default: 'csv' }) })]),
      response: { 200: FileAnswer('the file, as an attachment', ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']) },
    },
  }, async (req, reply) => {
    const { format, ...filter } = req.query;
    const file = await exportArrivals(ctx, currentUser(req), filter, format, req.lang);
    const name = `arrivals-${reportDay(new Date(), ctx.config.timeZone)}.${format}`;
    reply
      .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${name}"`);
    return reply.send(file);
  });

  app.get('/arrivals/:id', {
    onRequest: read,
    schema: {
      operationId: 'getArrival',
      tags: ['arrivals'],
      summary: '入境人员详情及交接环节 / An arrival with its hand-off timeline',
      params: IdParams,
      querystring: Type.Object({ reveal: Type.Boolean({ default: false, description: 'show identifiers in clear (needs the reveal permission; audited)' }) }),
      response: { 200: ArrivalView },
    },
  }, async (req) => getArrival(ctx, currentUser(req), req.params.id, req.query.reveal));

  app.post('/arrivals/:id/receive', {
    onRequest: requirePermission('arrivals:receive'),
    // The body is optional: a bare POST acknowledges with the defaults.
    preValidation: async (req) => { req.body ??= {}; },
    schema: {
      operationId: 'receiveArrival',
      tags: ['arrivals'],
      summary: '接收 / Acknowledge the hand-off',
      description: 'A hotel or isolation site receiving the person may name the room, or override a full site with a reason (audited).',
      params: IdParams,
      body: RoomChoice,
      response: { 200: ArrivalView },
    },
  }, async (req) => receiveArrival(ctx, currentUser(req), req.params.id, req.body));
}
