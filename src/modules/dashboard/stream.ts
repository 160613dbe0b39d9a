// GET /api/stream: server-sent events telling an open dashboard that figures within
// its jurisdiction changed, so that it re-queries. Events carry only the kinds of
// change and a time, never persons or figures; they are coalesced to at most one per
// 500 ms per stream, so a burst of writes costs each dashboard one refresh.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import { currentUser, requirePermission } from '../../server/guard';
import { AppError } from '../../server/errors';
import { DivisionCode, FileAnswer } from '../../server/schemas';
import { isWithin } from '../../domain/division-code';
import { createCoalescer } from '../../domain/coalesce';
import type { ChangeEvent } from '../../server/events';
import { authenticateScreen } from '../screen-tokens';

export const STREAM_INTERVAL_MS = 500;
export const HEARTBEAT_MS = 15_000;
/** How often a stream opened with a screen token checks that the token still works. */
export const SCREEN_RECHECK_MS = 5_000;

const StreamQuery = Type.Object({
  jurisdiction: Type.Optional(DivisionCode({ description: 'node code; default the caller’s, and must lie within it' })),
  screen: Type.Optional(Type.String({ maxLength: 200, description: 'a screen token (fks_…), for EventSource, which cannot send headers; accepted on this endpoint only and never logged' })),
});

/** Whether a change concerns a dashboard watching `scope`. */
export function concerns(event: ChangeEvent, scope: string): boolean {
  return !!event.all || event.codes.some((code) => isWithin(code, scope));
}

export async function streamRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.ctx;
  const open = new Set<() => void>();

  // Open streams would keep the server from closing: end them first.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });

  app.get('/stream', {
    onRequest: requirePermission('dashboard:read'),
    schema: {
      operationId: 'streamDashboard',
      tags: ['dashboard'],
      summary: '实时变更推送（SSE）/ Live change notifications (server-sent events)',
      description: 'text/event-stream. `event: ready` once subscribed; then `event: change` with `{"kinds":[...],"at":"..."}` at most every 500 ms '
        + 'when something within the jurisdiction changed (re-query the dashboard then); a comment line every 15 s as heartbeat. '
        + 'On a screen token the stream ends with `event: revoked` (`{"code":...}`) within 5 s of the token being revoked or expiring (up to 10 s when revoked through another server process).',
      querystring: StreamQuery,
      response: { 200: FileAnswer('the event stream', ['text/event-stream']) },
    },
  }, async (req, reply) => {
    const user = currentUser(req);
    const scope = req.query.jurisdiction ?? user.jurisdictionCode;
    if (!isWithin(scope, user.jurisdictionCode)) throw new AppError('outside_scope', {}, 'jurisdiction');
    if (!(await ctx.nodes.get([scope])).has(scope)) throw new AppError('unknown_code', { field: 'jurisdiction', value: scope }, 'jurisdiction');

    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    const send = (text: string) => {
      if (!res.writableEnded && !res.destroyed) res.write(text);
    };

    const coalescer = createCoalescer<string>(STREAM_INTERVAL_MS, (kinds) => {
      send(`event: change\ndata: ${JSON.stringify({ kinds, at: new Date().toISOString() })}\n\n`);
    });
    const unsubscribe = ctx.changes.subscribe((event) => {
      if (concerns(event, scope)) coalescer.add(event.kind);
    });
    const heartbeat = setInterval(() => send(': heartbeat\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const token = req.token;
    const recheck = user.screenTokenId && token
      ? setInterval(() => {
        authenticateScreen(ctx, token).catch((err: unknown) => {
          if (!(err instanceof AppError)) return req.log.warn({ err }, 'screen token check failed');
          send(`event: revoked\ndata: ${JSON.stringify({ code: err.code })}\n\n`);
          end();
        });
      }, SCREEN_RECHECK_MS)
      : undefined;
    recheck?.unref();

    let ended = false;
    const cleanup = () => {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      clearInterval(recheck);
      coalescer.stop();
      unsubscribe();
      open.delete(end);
    };
    const end = () => {
      cleanup();
      if (!res.writableEnded) res.end();
    };
    open.add(end);
    res.on('close', cleanup);
    res.on('error', cleanup);

    send(`retry: 3000\nevent: ready\ndata: ${JSON.stringify({ jurisdiction: scope })}\n\n`);
  });
}
