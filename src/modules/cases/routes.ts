import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { currentUser, requirePermission } from '../../server/guard';
import { AppError } from '../../server/errors';
import { decodeText } from '../../domain/situation';
import {
  CaseDetail, CaseFilter, CaseReport, CaseList, CasePatch, ChainQuery, ChainView, ClusterList, ClusterQuery, ClusterView, ContactFilter, ContactList,
  ContactView, DailyFigures, DailyQuery, ExposureView, ImportQuery, ImportResult, NewCase, NewContact, NewExposure, PositiveContact,
  WaitingList, WaitingQuery,
} from './schemas';
import { dailyCaseFigures, getCase, listCases, reportCase, updateCase, waitingCases } from './service';
import { addContact, addExposure, addSecondaryContact, getContact, importContacts, listContacts, listExposures, markPositive } from './tracing';
import { caseChain, listClusters, renameCluster } from './clusters';
import { XLSX_TYPE } from './manifest-file';
import { IdParams } from '../../server/schemas';

const UPLOAD_BYTES = 10 * 1024 * 1024;

export async function caseRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.ctx;
  const read = requirePermission('cases:read');
  const work = requirePermission('cases:work');
  const tags = ['cases'];

  // Contact lists arrive as the request body: CSV or pasted text (UTF-8 or GBK), or an XLSX workbook.
  const text = (req: { headers: { 'content-type'?: string } }, body: Buffer) => decodeText(body, /charset=([^;\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1]);
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'buffer', bodyLimit: UPLOAD_BYTES }, (req, body, done) => done(null, text(req, body as Buffer)));
  app.addContentTypeParser(XLSX_TYPE, { parseAs: 'buffer', bodyLimit: UPLOAD_BYTES }, (_req, body, done) => done(null, body));

  app.post('/cases', {
    onRequest: work,
    schema: {
      operationId: 'reportCase',
      tags,
      summary: '报告病例 / Report a case',
      description: 'Finds or creates the person by document. Idempotent per clientId (a retry answers 200 with the first result). '
        + 'A person holds one open case at most: a second report for them attaches to the open case (200, an `attached` event) instead of '
        + 'creating another, also when two reports arrive at once. When that case counts for a jurisdiction outside the caller’s, the report is the caller’s own case and '
        + 'the holder is asked to link it (协查, `GET /api/assistance`); the answer says nothing of the other jurisdiction.',
      body: NewCase,
      response: { 200: CaseReport, 201: CaseReport },
    },
  }, async (req, reply) => {
    const report = await reportCase(ctx, currentUser(req), req.body);
    return reply.status(report.outcome === 'created' ? 201 : 200).send(report);
  });

  app.get('/cases', {
    onRequest: read,
    schema: { operationId: 'listCases', tags, summary: '病例列表 / Cases in the caller’s jurisdiction, newest report first', querystring: CaseFilter, response: { 200: CaseList } },
  }, async (req) => listCases(ctx, currentUser(req), req.query));

  app.get('/cases/waiting', {
    onRequest: read,
    schema: {
      operationId: 'listWaitingCases',
      tags,
      summary: '待转运收治病例（应收尽收）/ Cases reported but not yet isolated or admitted, longest waiting first',
      querystring: WaitingQuery,
      response: { 200: WaitingList },
    },
  }, async (req) => waitingCases(ctx, currentUser(req), req.query));

  app.get('/cases/daily', {
    onRequest: read,
    schema: {
      operationId: 'getDailyCaseFigures',
      tags,
      summary: '当日新增（本土/输入）/ The day’s new cases per origin, reclassifications counted apart',
      description: 'An infection counts once, on the day it is reported; an asymptomatic infection of an earlier day reclassified as confirmed counts under `reclassified`, not as a new infection.',
      querystring: DailyQuery,
      response: { 200: DailyFigures },
    },
  }, async (req) => dailyCaseFigures(ctx, currentUser(req), req.query));

  app.get('/cases/:id', {
    onRequest: read,
    schema: {
      operationId: 'getCase',
      tags,
      summary: '病例详情及变更记录 / A case with its history',
      params: IdParams,
      querystring: Type.Object({ reveal: Type.Boolean({ default: false, description: 'show identifiers in clear (needs the reveal permission; audited)' }) }),
      response: { 200: CaseDetail },
    },
  }, async (req) => getCase(ctx, currentUser(req), req.params.id, req.query.reveal));

  app.patch('/cases/:id', {
    onRequest: work,
    schema: {
      operationId: 'updateCase',
      tags,
      summary: '订正分类、临床分型、转归状态、传播来源 / Reclassify, change clinical type or status, set the source case',
      description: 'Status: reported → isolated/admitted → cured_discharged (confirmed) / released (asymptomatic) / died. '
        + 'Reclassification goes from asymptomatic to confirmed only and needs clinicalType. Every change is kept as an event.',
      params: IdParams,
      body: CasePatch,
      response: { 200: CaseDetail },
    },
  }, async (req) => updateCase(ctx, currentUser(req), req.params.id, req.body));

  app.get('/cases/:id/exposures', {
    onRequest: read,
    schema: { operationId: 'listExposures', tags, summary: '病例暴露（活动轨迹）/ A case’s exposures', params: IdParams, response: { 200: Type.Array(ExposureView) } },
  }, async (req) => listExposures(ctx, currentUser(req), req.params.id));

  app.post('/cases/:id/exposures', {
    onRequest: work,
    schema: {
      operationId: 'addExposure',
      tags,
      summary: '登记暴露 / Add an exposure within the infectious period',
      description: 'The infectious period runs from two days before onset or the first positive sample until isolation or admission; '
        + 'an exposure outside it is refused (400 `outside_infectious_period`). Cases at the same place at overlapping times join one cluster. Idempotent per clientId.',
      params: IdParams,
      body: NewExposure,
      response: { 200: ExposureView, 201: ExposureView },
    },
  }, async (req, reply) => {
    const { created, exposure } = await addExposure(ctx, currentUser(req), req.params.id, req.body);
    return reply.status(created ? 201 : 200).send(exposure);
  });

  app.get('/cases/:id/chain', {
    onRequest: read,
    schema: {
      operationId: 'getCaseChain',
      tags,
      summary: '传播链图 / The transmission graph of the case’s cluster (cases, places, contacts)',
      description: 'Nodes and edges for an ECharts graph. Cases of other jurisdictions appear without a name; contacts the caller may not see, and those over maxContacts, are counted on their place.',
      params: IdParams,
      querystring: ChainQuery,
      response: { 200: ChainView },
    },
  }, async (req) => caseChain(ctx, currentUser(req), req.params.id, req.query.maxContacts));

  app.post('/exposures/:id/contacts', {
    onRequest: work,
    schema: {
      operationId: 'addContact',
      tags,
      summary: '登记密接 / Add a close contact',
      description: 'Finds or creates the person by document and opens their control (reason close_contact): at the site when siteCode is given, else at home in their community. '
        + 'Someone already under observation joins it. The same person at the same exposure is one contact (200 on a repeat).',
      params: IdParams,
      body: NewContact,
      response: { 200: ContactView, 201: ContactView },
    },
  }, async (req, reply) => {
    const { created, contact } = await addContact(ctx, currentUser(req), req.params.id, req.body);
    return reply.status(created ? 201 : 200).send(contact);
  });

  app.post('/exposures/:id/contacts/import', {
    onRequest: work,
    schema: {
      operationId: 'importContacts',
      tags,
      summary: '导入密接名单（CSV/XLSX）/ Import a list of close contacts, e.g. a passenger manifest',
      description: 'The file is the body: `text/csv` or `text/plain` (UTF-8 or GBK; comma- or tab-separated) or XLSX (first sheet). '
        + 'Heading line with 姓名, 证件类型 (default 居民身份证), 证件号码, 手机号码, and optionally 座位号, 社区代码, 地址 '
        + '(or name, documentType, documentNumber, phone, seat, communityCode, address). '
        + 'Lines with problems (a bad ID number, an unknown community…) are listed by line and left out; the rest are taken in one transaction. '
        + 'Uploading the same list again creates nothing new.',
      consumes: ['text/csv', 'text/plain', XLSX_TYPE],
      params: IdParams,
      querystring: ImportQuery,
      response: { 200: ImportResult },
    },
  }, async (req) => {
    const body = req.body as unknown;
    if (typeof body !== 'string' && !Buffer.isBuffer(body)) throw new AppError('manifest_file', { problem: { zh: '须为 CSV、文本或 XLSX', en: 'must be CSV, text or XLSX' } }, 'file');
    return importContacts(ctx, currentUser(req), req.params.id, body, req.query, req.lang);
  });

  app.get('/contacts', {
    onRequest: read,
    schema: {
      operationId: 'listContacts',
      tags,
      summary: '密接与次密接 / Contacts: of cases in the caller’s jurisdiction, or living or held there',
      querystring: ContactFilter,
      response: { 200: ContactList },
    },
  }, async (req) => listContacts(ctx, currentUser(req), req.query));

  app.get('/contacts/:id', {
    onRequest: read,
    schema: { operationId: 'getContact', tags, summary: '密接详情 / A contact', params: IdParams, response: { 200: ContactView } },
  }, async (req) => getContact(ctx, currentUser(req), req.params.id));

  app.post('/contacts/:id/contacts', {
    onRequest: work,
    schema: {
      operationId: 'addSecondaryContact',
      tags,
      summary: '登记次密接 / Add a secondary contact (a contact of this close contact)',
      description: 'Opens their control under secondary_contact. Contacts of a secondary contact are not traced (409 `contact_degree`).',
      params: IdParams,
      body: NewContact,
      response: { 200: ContactView, 201: ContactView },
    },
  }, async (req, reply) => {
    const { created, contact } = await addSecondaryContact(ctx, currentUser(req), req.params.id, req.body);
    return reply.status(created ? 201 : 200).send(contact);
  });

  app.post('/contacts/:id/positive', {
    onRequest: work,
    schema: {
      operationId: 'markContactPositive',
      tags,
      summary: '密接检测阳性转病例 / A contact tests positive: report them as a case linked to the source',
      description: 'The new case is local, found under contact control, infected by the contact’s case and in its cluster; the contact’s observation ends as transferred. Idempotent per clientId.',
      params: IdParams,
      body: PositiveContact,
      response: { 200: Type.Object({ case: CaseDetail, contact: ContactView }), 201: Type.Object({ case: CaseDetail, contact: ContactView }) },
    },
  }, async (req, reply) => {
    const { created, ...result } = await markPositive(ctx, currentUser(req), req.params.id, req.body);
    return reply.status(created ? 201 : 200).send(result);
  });

  app.get('/clusters', {
    onRequest: read,
    schema: { operationId: 'listClusters', tags, summary: '聚集性疫情 / Clusters with a case in the caller’s jurisdiction, largest first', querystring: ClusterQuery, response: { 200: ClusterList } },
  }, async (req) => listClusters(ctx, currentUser(req), req.query));

  app.patch('/clusters/:id', {
    onRequest: work,
    schema: {
      operationId: 'renameCluster',
      tags,
      summary: '命名聚集性疫情 / Name a cluster (e.g. after its first place)',
      params: IdParams,
      body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }),
      response: { 200: ClusterView },
    },
  }, async (req) => renameCluster(ctx, currentUser(req), req.params.id, req.body.name));
}
