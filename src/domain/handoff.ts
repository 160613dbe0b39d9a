// The chain of hand-offs that carries an arrival from the triage point to the
// desk that starts observation: registered -> received by the first unit
// (subdistrict, economic zone or employer) -> received by the second unit
// (community or hotel), which starts observation.
import type { Disposition, Role, Stage } from './enums';
import { can } from './permissions';

export interface RouteTarget {
  /** The destination node: a community, or a management unit such as an economic zone. */
  destination: { code: string; level: string; parentCode: string | null };
  employer: { code: string; hotelCode: string | null } | null;
  /** The observation site for centralised dispositions, when one is available. */
  siteCode: string | null;
}

export interface Route {
  first: string;
  second: string | null;
}

const CENTRALISED: Disposition[] = ['centralised_isolation', 'centralised_observation'];

export function planRoute(disposition: Disposition, t: RouteTarget): Route {
  if (disposition === 'employer_hotel' && t.employer?.hotelCode) {
    return { first: t.employer.code, second: t.employer.hotelCode };
  }
  const centralised = CENTRALISED.includes(disposition);
  if (t.destination.level === 'unit') {
    return { first: t.destination.code, second: centralised ? t.siteCode : null };
  }
  const first = t.destination.parentCode ?? t.destination.code;
  return { first, second: centralised && t.siteCode ? t.siteCode : t.destination.code };
}

export interface HandoffState {
  stage: Stage;
  first: string;
  second: string | null;
}

/** The unit that must acknowledge the arrival next, or null once observation started. */
export function holderOf(s: HandoffState): string | null {
  if (s.stage === 'registered') return s.first;
  if (s.stage === 'unit_received') return s.second;
  return null;
}

/** The stage an acknowledgement by the current holder moves the arrival to. */
export function stageAfterReceipt(s: HandoffState): Stage | null {
  if (s.stage === 'registered') return s.second ? 'unit_received' : 'observation_started';
  if (s.stage === 'unit_received') return 'observation_started';
  return null;
}

export function canReceive(user: { role: Role; jurisdictionCode: string }, s: HandoffState): boolean {
  const holder = holderOf(s);
  if (holder === null || !can(user.role, 'arrivals:receive')) return false;
  return user.role === 'admin' || user.jurisdictionCode === holder;
}

export function isOverdue(s: { stage: Stage; stageSince: string }, now: Date, overdueMinutes: number): boolean {
  if (s.stage === 'observation_started') return false;
  return now.getTime() - Date.parse(s.stageSince) > overdueMinutes * 60_000;
}

/** The latest stage-entry instant that is overdue at `now`. */
export function overdueBefore(now: Date, overdueMinutes: number): string {
  return new Date(now.getTime() - overdueMinutes * 60_000).toISOString();
}
