import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { currentUser, requirePermission } from '../../server/guard';
import { IssuedScreenToken, NewScreenToken, ScreenTokenList, ScreenTokenView } from './schemas';
import { currentScreenToken, issueScreenToken, listScreenTokens, revokeScreenToken } from './service';
import { IdParams } from '../../server/schemas';

export async function screenTokenRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.ctx;
  const manage = requirePermission('screens:manage');
  const tags = ['screen-tokens'];

  app.post('/screen-tokens', {
    onRequest: manage,
    schema: {
      operationId: 'createScreenToken',
      tags,
      summary: '固定大屏：签发大屏授权 / Issue a screen token for a wall display',
      description: 'The token reads the dashboard of `jurisdiction` (default: the caller’s) and nothing else: GET /api/dashboard/*, /api/stream '
        + '(EventSource: pass it as `?screen=`), /api/boundaries, /api/situation, /api/settings and /api/screen-tokens/current; any other request with it gets 403 `screen_token_scope`. '
        + 'Send it as `Authorization: Bearer`. The token is in this answer only; the server keeps its hash. Audited.',
      body: NewScreenToken,
      response: { 201: IssuedScreenToken },
    },
  }, async (req, reply) => reply.status(201).send(await issueScreenToken(ctx, currentUser(req), req.body)));

  app.get('/screen-tokens', {
    onRequest: manage,
    schema: { operationId: 'listScreenTokens', tags, summary: '大屏授权列表 / Screen tokens within the caller’s jurisdiction (never the tokens themselves)', response: { 200: ScreenTokenList } },
  }, async (req) => listScreenTokens(ctx, currentUser(req)));

  app.get('/screen-tokens/current', {
    schema: {
      operationId: 'getCurrentScreenToken',
      tags,
      summary: '当前大屏授权 / The screen token making this request',
      description: 'For a screen running on a token (403 `screen_only` for a login session); 401 `screen_token_revoked` / `screen_token_expired` once it no longer works.',
      response: { 200: ScreenTokenView },
    },
  }, async (req) => currentScreenToken(ctx, currentUser(req)));

  app.delete('/screen-tokens/:id', {
    onRequest: manage,
    schema: {
      operationId: 'revokeScreenToken',
      tags,
      summary: '撤销大屏授权 / Revoke a screen token',
      description: 'Takes effect at once on this server process and within about 5 s (the session cache) on the others; the screen’s open stream '
        + 'is closed with `event: revoked` at its next check. Revoking twice changes nothing. Audited.',
      params: IdParams,
      response: { 200: ScreenTokenView },
    },
  }, async (req) => revokeScreenToken(ctx, currentUser(req), req.params.id));
}
