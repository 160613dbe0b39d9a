// Which pages each role may open; the side menu and the route guards both read this.
import type { Role } from '../../src/domain/enums';
import { PERMISSIONS } from '../../src/domain/permissions';
import type { MessageKey } from './i18n/texts';

export interface PageAccess {
  path: string;
  menu: MessageKey;
  roles: readonly Role[];
  group?: 'admin';
}

export const PAGES: PageAccess[] = [
  { path: '/dashboard', menu: 'menu.dashboard', roles: PERMISSIONS['dashboard:read'] },
  { path: '/desk', menu: 'menu.desk', roles: ['admin', 'triage_desk'] },
  { path: '/inbox', menu: 'menu.inbox', roles: ['admin', 'subdistrict', 'community', 'hotel'] },
  { path: '/arrivals', menu: 'menu.arrivals', roles: ['admin', 'command', 'triage_desk', 'subdistrict', 'community', 'hotel'] },
  // Cases and tracing: whoever may read cases (community and site staff see the contacts in their territory).
  { path: '/cases', menu: 'menu.cases', roles: PERMISSIONS['cases:read'] },
  { path: '/contacts', menu: 'menu.contacts', roles: PERMISSIONS['cases:read'] },
  { path: '/clusters', menu: 'menu.clusters', roles: PERMISSIONS['cases:read'] },
  { path: '/checks', menu: 'menu.checks', roles: ['admin', 'community', 'hotel'] },
  { path: '/observations/new', menu: 'menu.openObservation', roles: ['admin', 'subdistrict', 'community', 'hotel'] },
  { path: '/alerts', menu: 'menu.alerts', roles: ['admin', 'command', 'subdistrict', 'community', 'hotel'] },
  { path: '/release', menu: 'menu.release', roles: ['admin', 'community', 'hotel'] },
  { path: '/persons', menu: 'menu.persons', roles: ['admin', 'command', 'triage_desk', 'subdistrict', 'community', 'hotel'] },
  { path: '/sites', menu: 'menu.sites', roles: ['admin', 'command', 'hotel'] },
  { path: '/care', menu: 'menu.care', roles: ['admin', 'command', 'community'] },
  { path: '/assistance', menu: 'menu.assistance', roles: PERMISSIONS['assistance:handle'] },
  { path: '/admin/users', menu: 'menu.users', roles: ['admin'], group: 'admin' },
  { path: '/admin/units', menu: 'menu.units', roles: ['admin'], group: 'admin' },
  { path: '/admin/entry-points', menu: 'menu.entryPoints', roles: ['admin'], group: 'admin' },
  { path: '/admin/policies', menu: 'menu.policies', roles: ['admin'], group: 'admin' },
  { path: '/admin/situation', menu: 'menu.situation', roles: ['admin', 'command'], group: 'admin' },
  { path: '/admin/boundaries', menu: 'menu.boundaries', roles: ['admin'], group: 'admin' },
  { path: '/admin/screens', menu: 'menu.screens', roles: ['admin', 'command'], group: 'admin' },
];

export function mayOpen(role: Role, path: string): boolean {
  const page = PAGES.find((p) => p.path === path);
  return !page || page.roles.includes(role);
}

/** Where a role lands after login. */
export function homeOf(role: Role): string {
  switch (role) {
    case 'triage_desk':
      return '/desk';
    case 'subdistrict':
    case 'community':
    case 'hotel':
      return '/inbox';
    case 'cdc':
      return '/cases';
    default:
      return '/arrivals';
  }
}
