// Who may do what. A user also needs the record to be inside their jurisdiction.
import type { Role } from './enums';

export const PERMISSIONS = {
  'arrivals:register': ['admin', 'triage_desk'],
  'arrivals:read': ['admin', 'command', 'triage_desk', 'subdistrict', 'community', 'hotel'],
  'arrivals:export': ['admin', 'command'],
  'arrivals:receive': ['admin', 'subdistrict', 'community', 'hotel'],
  'observations:read': ['admin', 'command', 'subdistrict', 'community', 'hotel', 'cdc'],
  'observations:work': ['admin', 'subdistrict', 'community', 'hotel'],
  'policies:manage': ['admin'],
  'sites:read': ['admin', 'command', 'triage_desk', 'subdistrict', 'community', 'hotel', 'cdc'],
  'sites:manage': ['admin', 'hotel'],
  'care:read': ['admin', 'command', 'subdistrict', 'community'],
  'care:manage': ['admin', 'command', 'community'],
  'persons:review': ['admin', 'command'],
  'persons:merge': ['admin'],
  'users:manage': ['admin'],
  'reference:manage': ['admin'],
  'audit:read': ['admin'],
  'boundaries:manage': ['admin'],
  'dashboard:read': ['admin', 'command', 'subdistrict', 'community', 'hotel', 'cdc'],
  // Community, subdistrict and site staff see the contacts living or held in their territory.
  'cases:read': ['admin', 'command', 'cdc', 'subdistrict', 'community', 'hotel'],
  'cases:work': ['admin', 'command', 'cdc'],
  'situation:manage': ['admin', 'command'],
  'screens:manage': ['admin', 'command'],
  // 协查 addressed to the jurisdiction holding a person; a case or contact report needs cases:work too.
  'assistance:handle': ['admin', 'command', 'cdc', 'subdistrict', 'community'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/**
 * Revealing masked identifiers needs a role that may read the record (`readPermission`) and, but
 * for an admin, the per-user reveal grant: the grant alone reveals nothing.
 */
export function canReveal(user: { role: Role; canReveal: boolean }, readPermission: Permission): boolean {
  return can(user.role, readPermission) && (user.role === 'admin' || user.canReveal);
}
