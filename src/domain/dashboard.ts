// Rules of the command dashboard: which days a trend covers, how dispositions
// group into headline figures, how rankings and drill-down children are ordered.
import { addDays } from './observation';
import type { Disposition, Stage } from './enums';

/** The official order of Tibet's cities (拉萨市、日喀则市、山南市、林芝市、昌都市、那曲市、阿里地区), not code order. */
export const TIBET_CITY_ORDER = ['5401', '5402', '5405', '5404', '5403', '5406', '5425'] as const;

/** Headline groups of the triage dispositions: centralised covers isolation, observation and employer hotels. */
export type DispositionGroup = 'feverClinic' | 'centralised' | 'home';

export const DISPOSITION_GROUPS: Record<Disposition, DispositionGroup> = {
  fever_clinic: 'feverClinic',
  centralised_isolation: 'centralised',
  centralised_observation: 'centralised',
  employer_hotel: 'centralised',
  home_observation: 'home',
};

/** The dispositions counted under a headline group. */
export function dispositionsOf(group: DispositionGroup): Disposition[] {
  return (Object.keys(DISPOSITION_GROUPS) as Disposition[]).filter((d) => DISPOSITION_GROUPS[d] === group);
}

/** The `n` report days ending with `lastDay`, oldest first. */
export function lastDays(lastDay: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => addDays(lastDay, i - n + 1));
}

/** Children of a node for drill-down: Tibet's cities in the official order, anything else by code (divisions before units). */
export function orderChildren<T extends { code: string }>(parentCode: string, children: T[]): T[] {
  const rank = (code: string) => {
    const i = parentCode === '54' ? (TIBET_CITY_ORDER as readonly string[]).indexOf(code) : -1;
    return i === -1 ? TIBET_CITY_ORDER.length : i;
  };
  return [...children].sort((a, b) => rank(a.code) - rank(b.code) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** A ranking: highest count first, ties by code so the order is stable. */
export function rank<T extends { code: string; count: number }>(rows: T[], limit = Infinity): T[] {
  return [...rows].sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)).slice(0, limit);
}

/** The bucket of everything before the first day of a window. */
export const BEFORE = 'before';

/**
 * People under observation at the end of each day, from the observations started and ended on
 * each day (and in all before the window, under BEFORE): at the end of day d, those started by
 * then less those ended by then.
 */
export function underObservationByDay(days: string[], counts: { bucket: string; started: number; ended: number }[]): number[] {
  const net = new Map(counts.map((c) => [c.bucket, c.started - c.ended]));
  let under = net.get(BEFORE) ?? 0;
  return days.map((day) => (under += net.get(day) ?? 0));
}

/** One value per day, zero where a day has no row. */
export function fillDays(days: string[], counts: Map<string, number>): number[] {
  return days.map((d) => counts.get(d) ?? 0);
}

/** The starts of the hours of a time range (a report day has 24 where the zone keeps no summer time). */
export function hourStarts(range: { from: string; to: string }): string[] {
  const out: string[] = [];
  for (let t = Date.parse(range.from); t < Date.parse(range.to); t += 3_600_000) out.push(new Date(t).toISOString());
  return out;
}

export interface StageCount {
  stage: Stage;
  n: number;
  /** Of `n`, those whose current holder has not acknowledged them in time. */
  overdue: number;
}

/** Registered → received by the subdistrict or unit → received by the community or hotel, and who waits where. */
export function funnel(rows: StageCount[]) {
  const at = (stage: Stage) => rows.find((r) => r.stage === stage) ?? { stage, n: 0, overdue: 0 };
  const registered = at('registered');
  const unit = at('unit_received');
  const started = at('observation_started');
  return {
    registered: registered.n + unit.n + started.n,
    unitReceived: unit.n + started.n,
    observationStarted: started.n,
    waitingForUnit: { count: registered.n, overdue: registered.overdue },
    waitingForCommunity: { count: unit.n, overdue: unit.overdue },
  };
}
