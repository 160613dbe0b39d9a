// Refusals an auditor wants to see: a signed-in caller asking for a record they may not see or
// do (a by-id lookup outside their jurisdiction answers 404 like an unknown id; a reveal without
// the role and the grant answers 403). Recorded with the caller's address, outcome 'denied'.
import type { FastifyRequest } from 'fastify';
import type { Ctx } from './context';
import type { AppError } from './errors';
import { writeAudit } from '../modules/audit';

const AUDITED = new Set<AppError['code']>(['not_found', 'forbidden', 'outside_scope']);

/** The entity a route is about: its first path segment after /api (e.g. cases for /api/cases/:id/reveal). */
function entityOf(route: string): string {
  return route.replace(/^\/api\//, '').split('/')[0] || 'api';
}

export async function auditRefusal(ctx: Ctx, req: FastifyRequest, error: AppError): Promise<void> {
  const user = req.user;
  const route = req.routeOptions.url;
  if (!user || !route || !AUDITED.has(error.code)) return;
  const id = (req.params as Record<string, unknown> | undefined)?.id;
  await writeAudit(ctx.db, user, [{
    action: 'refused',
    entity: entityOf(route),
    entityId: typeof id === 'string' ? id.slice(0, 64) : null,
    jurisdictionCode: user.jurisdictionCode,
    detail: { method: req.method, route, code: error.code, ...(error.field ? { field: error.field } : {}) },
    outcome: 'denied',
  }]);
}
