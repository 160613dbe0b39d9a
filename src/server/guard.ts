import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CurrentUser } from './context';
import { AppError } from './errors';
import { can, type Permission } from '../domain/permissions';

export function currentUser(req: FastifyRequest): CurrentUser {
  if (!req.user) throw new AppError('unauthenticated');
  return req.user;
}

/** An onRequest hook (so it runs before body validation) that admits callers holding the permission. */
export function requirePermission(permission: Permission) {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    const user = currentUser(req);
    if (user.screenTokenId && permission !== 'dashboard:read') throw new AppError('screen_token_scope');
    if (!can(user.role, permission)) throw new AppError('forbidden');
  };
}

/**
 * Like requirePermission, for settings that hold for the whole region (observation periods, the
 * national situation on every screen): only accounts bound to the region's root may change them.
 */
export function requireRegionRoot(permission: Permission) {
  const permitted = requirePermission(permission);
  return async (req: FastifyRequest, reply: FastifyReply) => {
    await permitted(req, reply);
    const { region } = req.server.ctx.config;
    if (currentUser(req).jurisdictionCode !== region) throw new AppError('region_root_only', { region });
  };
}
