// Where a request's screen token comes from and what it may reach; called by the app's auth hook.
import type { FastifyRequest } from 'fastify';
import type { Ctx, CurrentUser } from '../../server/context';
import { AppError } from '../../server/errors';
import { SCREEN_QUERY_ROUTE, isScreenToken, screenMayRequest } from '../../domain/screen-token';
import { authenticateScreen } from './service';

/**
 * The `screen` query parameter of GET /api/stream: EventSource cannot send an Authorization
 * header. Accepted on that route only and only for screen tokens (never a login session); the
 * request log prints paths without query strings, so the token is not logged.
 */
export function screenQueryToken(req: FastifyRequest): string | null {
  if (req.method !== 'GET' || req.routeOptions.url !== SCREEN_QUERY_ROUTE) return null;
  const value = (req.query as Record<string, unknown> | undefined)?.screen;
  if (value === undefined) return null;
  if (typeof value !== 'string' || !isScreenToken(value)) throw new AppError('screen_token_invalid', {}, 'screen');
  return value;
}

/** Admits a screen token to the dashboard routes only; anything else is refused before the token is even looked up. */
export async function authenticateScreenRequest(ctx: Ctx, req: FastifyRequest, token: string): Promise<CurrentUser> {
  if (!screenMayRequest(req.method, req.routeOptions.url)) throw new AppError('screen_token_scope');
  return authenticateScreen(ctx, token);
}
