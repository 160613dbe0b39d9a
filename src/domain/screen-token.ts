// Screen tokens: long-lived credentials of a wall display running /screen. They read the
// dashboard of one jurisdiction and nothing else, whoever issued them.

/** Marks a screen token, so that it can never be taken for a login session (those start `fk_`). */
export const SCREEN_TOKEN_PREFIX = 'fks_';
export const SCREEN_TOKEN_DEFAULT_DAYS = 365;
export const SCREEN_TOKEN_MAX_DAYS = 1825;

export const SCREEN_TOKEN_STATUSES = ['active', 'revoked', 'expired'] as const;
export type ScreenTokenStatus = (typeof SCREEN_TOKEN_STATUSES)[number];

/**
 * Every route a screen token may call (GET only): the dashboard figures, the change stream, the
 * boundary maps and national situation the dashboard draws, the public settings and its own
 * description. Nothing that lists persons. A route added later is refused until it is named here.
 */
export const SCREEN_ROUTES: readonly string[] = [
  '/api/dashboard/summary',
  '/api/dashboard/children',
  '/api/dashboard/origins',
  '/api/dashboard/compounds',
  '/api/dashboard/trend',
  '/api/dashboard/entry-points',
  '/api/dashboard/handoffs',
  '/api/stream',
  '/api/boundaries',
  '/api/boundaries/:code',
  '/api/situation',
  '/api/settings',
  '/api/screen-tokens/current',
];

/** The one route where the token may come in the query string (EventSource cannot send headers). */
export const SCREEN_QUERY_ROUTE = '/api/stream';

export function isScreenToken(token: string): boolean {
  return token.startsWith(SCREEN_TOKEN_PREFIX);
}

/** Whether a screen token may make this request; `route` is the matched route's pattern (none: not found). */
export function screenMayRequest(method: string, route: string | undefined): boolean {
  return (method === 'GET' || method === 'HEAD') && !!route && SCREEN_ROUTES.includes(route);
}

export function screenTokenStatus(t: { revokedAt: string | null; expiresAt: string | null }, now: Date): ScreenTokenStatus {
  if (t.revokedAt) return 'revoked';
  if (t.expiresAt && t.expiresAt <= now.toISOString()) return 'expired';
  return 'active';
}

/** Whether `last_used_at` is stale enough to be written again (at most once a minute per token). */
export function lastUsedIsStale(lastUsedAt: string | null, now: Date, everyMs = 60_000): boolean {
  return !lastUsedAt || now.getTime() - Date.parse(lastUsedAt) >= everyMs;
}
