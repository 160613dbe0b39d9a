import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { currentUser, requirePermission, requireRegionRoot } from '../../server/guard';
import { StringEnum } from '../../server/typebox';
import { ALERT_RESOLUTIONS, ALERT_STATUSES } from '../../domain/enums';
import { FileAnswer } from '../../server/schemas';
import { reportDay } from '../../domain/time';
import { AlertView, CheckBatch, ClosedAlert, MissingChecks, NewObservation, ObservationFilter, ObservationView } from './schemas';
import {
  closeAlert, endObservation, getObservation, handOff, listAlerts, listObservations, listPolicies, missingChecks, openByHand,
  receiveHandoff, releaseMany, releaseObservation, saveChecks, setPolicy,
} from './service';
import { releaseNoticeHtml } from './notice';
import { AppError } from '../../server/errors';
import { IdParams, List, Paged, pageQuery } from '../../server/schemas';

const ObservationList = Paged(ObservationView);
const Policy = Type.Object({ reason: Type.String(), centralisedDays: Type.Integer(), homeDays: Type.Integer(), updatedAt: Type.String() });

export async function observationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.ctx;
  const read = requirePermission('observations:read');
  const work = requirePermission('observations:work');
  const tags = ['observations'];

  app.get('/observations', {
    onRequest: read,
    schema: { operationId: 'listObservations', tags, summary: '医学观察名单 / Observations (a unit’s daily list, due for release…)', querystring: ObservationFilter, response: { 200: ObservationList } },
  }, async (req) => listObservations(ctx, currentUser(req), req.query));

  app.post('/observations', {
    onRequest: work,
    schema: { operationId: 'openObservation', tags, summary: '排查发现人员开始医学观察 / Open an observation by hand', body: NewObservation, response: { 200: ObservationView, 201: ObservationView } },
  }, async (req, reply) => {
    const { created, observation } = await openByHand(ctx, currentUser(req), req.body);
    return reply.status(created ? 201 : 200).send(observation);
  });

  app.get('/observations/missing', {
    onRequest: read,
    schema: {
      operationId: 'listMissingChecks',
      tags,
      summary: '漏测名单（指挥部视图）/ Missing checks for a day',
      querystring: Type.Object({ unit: Type.Optional(Type.String()), day: Type.Optional(Type.String({ format: 'date' })), limit: Type.Integer({ minimum: 0, maximum: 1000, default: 100 }) }),
      response: { 200: MissingChecks },
    },
  }, async (req) => missingChecks(ctx, currentUser(req), req.query));

  app.post('/observations/checks', {
    onRequest: work,
    schema: {
      operationId: 'recordChecks',
      tags,
      summary: '批量保存体温与症状监测 / Save a list of daily checks in one transaction',
      description: 'Idempotent per check clientId; an abnormal reading opens an alert.',
      body: CheckBatch,
      response: { 200: Type.Object({ saved: Type.Integer(), duplicates: Type.Integer(), alerts: Type.Array(Type.Object({ id: Type.String(), observationId: Type.String() })) }) },
    },
  }, async (req) => saveChecks(ctx, currentUser(req), req.body));

  app.get('/observations/policies', { onRequest: read, schema: { operationId: 'listObservationPolicies', tags, summary: '观察期规则列表 / Days of observation per reason', response: { 200: Type.Array(Policy) } } }, async () => listPolicies(ctx));
  app.put('/observations/policies/:reason', {
    onRequest: requireRegionRoot('policies:manage'),
    schema: {
      operationId: 'setObservationPolicy',
      tags,
      summary: '观察期规则 / Set the days per reason (7+3: centralisedDays 7, homeDays 3)',
      params: Type.Object({ reason: Type.String({ pattern: '^[a-z_]{2,40}$' }) }),
      body: Type.Object({ centralisedDays: Type.Integer({ minimum: 0, maximum: 60 }), homeDays: Type.Integer({ minimum: 0, maximum: 60 }) }),
      response: { 200: Policy },
    },
  }, async (req) => setPolicy(ctx, currentUser(req), req.params.reason, req.body));

  app.get('/observations/:id', { onRequest: read, schema: { operationId: 'getObservation', tags, summary: '医学观察详情 / An observation', params: IdParams, response: { 200: ObservationView } } }, async (req) =>
    getObservation(ctx, currentUser(req), req.params.id));

  app.post('/observations/:id/release', {
    onRequest: work,
    schema: { operationId: 'releaseObservation', tags, summary: '解除医学观察 / Release', params: IdParams, response: { 200: ObservationView } },
  }, async (req) => releaseObservation(ctx, currentUser(req), req.params.id));

  app.post('/observations/release', {
    onRequest: work,
    schema: {
      operationId: 'releaseObservations',
      tags,
      summary: '批量解除 / Release a selection',
      body: Type.Object({ ids: Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: 1000 }) }),
      response: { 200: Type.Object({ released: Type.Array(Type.String()), refused: Type.Array(Type.Object({ id: Type.String(), code: Type.String(), message: Type.String() })) }) },
    },
  }, async (req) => releaseMany(ctx, currentUser(req), req.body.ids, req.lang));

  app.get('/observations/:id/notice', {
    onRequest: read,
    schema: { operationId: 'getObservationNotice', tags, summary: '解除医学观察告知书（打印页）/ Release notice, print-styled', params: IdParams, response: { 200: FileAnswer('the notice as an HTML page', ['text/html']) } },
  }, async (req, reply) => {
    const o = await getObservation(ctx, currentUser(req), req.params.id);
    if (o.status !== 'released' || !o.endedAt) throw new AppError('not_found');
    return reply.type('text/html; charset=utf-8').send(releaseNoticeHtml(o, reportDay(o.endedAt, ctx.config.timeZone)));
  });

  app.post('/observations/:id/end', {
    onRequest: work,
    schema: {
      operationId: 'endObservation',
      tags,
      summary: '转送或提前结束 / Transfer (fever clinic, hospital, other site) or end early',
      params: IdParams,
      body: Type.Object({ status: StringEnum(['transferred', 'ended'] as const), reason: Type.String({ minLength: 1, maxLength: 200 }) }),
      response: { 200: ObservationView },
    },
  }, async (req) => endObservation(ctx, currentUser(req), req.params.id, req.body.status, req.body.reason));

  app.post('/observations/:id/hand-off', {
    onRequest: work,
    schema: { operationId: 'handOffObservation', tags, summary: '集中观察期满转交社区（如7+3）/ Pass to the community on the hand-off day', params: IdParams, response: { 200: ObservationView } },
  }, async (req) => handOff(ctx, currentUser(req), req.params.id));

  app.post('/observations/:id/receive', {
    onRequest: work,
    schema: { operationId: 'receiveObservation', tags, summary: '社区接收转交人员 / The community receives the hand-off', params: IdParams, response: { 200: ObservationView } },
  }, async (req) => receiveHandoff(ctx, currentUser(req), req.params.id));

  app.get('/alerts', {
    onRequest: read,
    schema: {
      operationId: 'listAlerts',
      tags: ['alerts'],
      summary: '异常提醒 / Alerts from abnormal readings',
      querystring: Type.Object({
        status: Type.Optional(StringEnum(ALERT_STATUSES)),
        unit: Type.Optional(Type.String()),
        ...pageQuery({ default: 50, max: 500 }),
      }),
      response: { 200: List(AlertView) },
    },
  }, async (req) => listAlerts(ctx, currentUser(req), req.query));

  app.post('/alerts/:id/close', {
    onRequest: work,
    schema: {
      operationId: 'closeAlert',
      tags: ['alerts'],
      summary: '处理异常：转发热门诊（含结果）或复测正常 / Close: referred (with outcome) or rechecked',
      params: IdParams,
      body: Type.Object({ resolution: StringEnum(ALERT_RESOLUTIONS), outcome: Type.String({ minLength: 1, maxLength: 500 }) }),
      response: { 200: ClosedAlert },
    },
  }, async (req) => closeAlert(ctx, currentUser(req), req.params.id, req.body.resolution, req.body.outcome));
}
