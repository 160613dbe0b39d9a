// Until a password set by an administrator is replaced, its holder may only see who they are,
// change it, or leave.
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../server/errors';

const OPEN_ROUTES = new Set(['/api/auth/me', '/api/auth/password', '/api/auth/logout', '/api/auth/login']);

export function requireChangedPassword(req: FastifyRequest): void {
  if (req.user?.mustChangePassword && !OPEN_ROUTES.has(req.routeOptions.url ?? '')) throw new AppError('password_change_required');
}
