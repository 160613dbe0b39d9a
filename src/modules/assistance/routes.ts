import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { currentUser, requirePermission } from '../../server/guard';
import { AssistanceDecision, AssistanceFilter, AssistanceList, AssistanceView } from './schemas';
import { decideRequest, listRequests } from './service';
import { IdParams } from '../../server/schemas';

export async function assistanceRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.ctx;
  const handle = requirePermission('assistance:handle');

  app.get('/assistance', {
    onRequest: handle,
    schema: {
      operationId: 'listAssistanceRequests',
      tags: ['assistance'],
      summary: '协查请求 / Assistance requests about persons the caller’s jurisdiction holds',
      description: 'What other jurisdictions gave or reported about persons living here: other identity values, a case or a contact for a person who is an open case here. '
        + 'The asker is never told whether the person is known here. Audited.',
      querystring: AssistanceFilter,
      response: { 200: AssistanceList },
    },
  }, async (req) => listRequests(ctx, currentUser(req), req.query));

  app.post('/assistance/:id/decision', {
    onRequest: handle,
    schema: {
      operationId: 'decideAssistanceRequest',
      tags: ['assistance'],
      summary: '处理协查 / Decide a request: accept the identity values, link to the open case, or reject',
      description: 'Accepting changes the person everywhere (audited old → new); linking closes the asker’s case as linked (counted once, here) or ends the contact’s control. '
        + 'A request decided meanwhile answers 409 assistance_decided.',
      params: IdParams,
      body: AssistanceDecision,
      response: { 200: AssistanceView },
    },
  }, async (req) => decideRequest(ctx, currentUser(req), req.params.id, req.body));
}
