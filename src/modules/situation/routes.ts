import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { currentUser, requirePermission, requireRegionRoot } from '../../server/guard';
import { decodeText } from '../../domain/situation';
import { CsvBody, CsvImportQuery, CsvPreviewQuery, Latest, Preview, SituationInput, SituationPreviewInput, SituationReport } from './schemas';
import { importSituation, latestReport, previewImport } from './service';

const CSV_BYTES = 2 * 1024 * 1024;

export async function situationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.ctx;
  const read = requirePermission('dashboard:read');
  const manage = requireRegionRoot('situation:manage');
  const tags = ['situation'];

  // CSV arrives as the request body (the import page reads the chosen file and sends it); only this plugin's routes take it.
  app.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: CSV_BYTES }, (req, body, done) => {
    const charset = /charset=([^;\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1];
    done(null, decodeText(body as Buffer, charset));
  });

  app.get('/situation', {
    onRequest: read,
    schema: {
      operationId: 'getSituation',
      tags,
      summary: '全国疫情形势（最新一次导入）/ The national situation: the latest imported report',
      description: 'The report with the newest as-of time (of several, the last imported), its provinces ranked by new confirmed cases.',
      response: { 200: Latest },
    },
  }, async () => latestReport(ctx));

  app.post('/situation', {
    onRequest: manage,
    schema: {
      operationId: 'importSituation',
      tags,
      summary: '导入全国疫情形势（JSON）/ Import per-province figures as JSON',
      description: 'All or nothing: the first problem is a 400 naming its field (e.g. `provinces[2].code`) and nothing is stored. '
        + 'Idempotent per clientId: a retry returns the first report (200) and creates nothing. Audited.',
      body: SituationInput,
      response: { 200: SituationReport, 201: SituationReport },
    },
  }, async (req, reply) => {
    const { provinces, ...request } = req.body;
    const { created, report } = await importSituation(ctx, currentUser(req), request, { format: 'json', provinces });
    return reply.status(created ? 201 : 200).send(report);
  });

  app.post('/situation/preview', {
    onRequest: manage,
    schema: {
      operationId: 'previewSituation',
      tags,
      summary: '检查 JSON 导入内容 / Check a JSON import without storing it',
      description: 'Lists every problem (in the caller’s language) and the figures that would be stored.',
      body: SituationPreviewInput,
      response: { 200: Preview },
    },
  }, async (req) => previewImport(ctx, req.body, { format: 'json', provinces: req.body.provinces }, req.lang));

  app.post('/situation/import', {
    onRequest: manage,
    schema: {
      operationId: 'importSituationFile',
      tags,
      summary: '导入全国疫情形势（CSV 文件）/ Import per-province figures from a CSV file',
      description: 'The file is the body (`Content-Type: text/csv`, UTF-8 or GBK, at most 2 MB); the time of the data and the source go in the query. '
        + 'All or nothing: the first problem is a 400 naming the line and the column (field `line[3].confirmedNew`). '
        + 'Idempotent per clientId: a retry returns the first report (200). Audited.',
      consumes: ['text/csv'],
      querystring: CsvImportQuery,
      body: CsvBody,
      response: { 200: SituationReport, 201: SituationReport },
    },
  }, async (req, reply) => {
    const { created, report } = await importSituation(ctx, currentUser(req), req.query, { format: 'csv', text: req.body });
    return reply.status(created ? 201 : 200).send(report);
  });

  app.post('/situation/import/preview', {
    onRequest: manage,
    schema: {
      operationId: 'previewSituationFile',
      tags,
      summary: '检查 CSV 文件 / Check a CSV file without storing it',
      description: 'Lists every problem with its line and column (in the caller’s language) and the figures that would be stored.',
      consumes: ['text/csv'],
      querystring: CsvPreviewQuery,
      body: CsvBody,
      response: { 200: Preview },
    },
  }, async (req) => previewImport(ctx, req.query, { format: 'csv', text: req.body }, req.lang));
}
