// What one registered arrival, or one release, adds to the dashboard's maintained counts. Counts are
// kept per report day at two grains of the destination (its county, and the place
// itself), per entry point and hour by city, and per origin and day by city, so
// that the dashboard reads a few thousand count rows instead of every arrival.
import { reportDay } from './time';
import { cityOf, countyOf } from './division-code';
import { DISPOSITION_GROUPS } from './dashboard';
import type { Disposition } from './enums';

export type Grain = 'county' | 'place';

/** The county grain serves a set of nodes when none of them lies below county level. */
export function grainFor(codes: readonly string[]): Grain {
  return codes.every((c) => countyOf(c) === c) ? 'county' : 'place';
}

/** City-level counts serve a node at or above city level. */
export const cityCountsServe = (code: string) => cityOf(code) === code;

export interface ArrivalFacts {
  dest_code: string;
  registered_at: string;
  entry_point_id: string;
  origin_code: string;
  abnormal_temperature: number;
  disposition: string;
}

export interface DayCounts {
  registered: number;
  abnormal: number;
  fever_clinic: number;
  centralised: number;
  home: number;
}

export interface DayRow extends DayCounts { grain: Grain; code: string; day: string }
export interface EntryRow { city_code: string; entry_point_id: string; hour: string; registered: number }
export interface OriginRow { city_code: string; day: string; origin_code: string; registered: number }

export interface ReleaseRow { grain: Grain; code: string; day: string; released: number }
export interface ObservationDayRow { grain: Grain; code: string; day: string; started: number; ended: number }

/** The same counts on one report day at the unit's county and at the unit itself. */
function atBothGrains<C extends object>(unit: string, day: string, counts: C) {
  return [{ grain: 'county' as Grain, code: countyOf(unit), day, ...counts }, { grain: 'place' as Grain, code: unit, day, ...counts }];
}

/** What one release adds: a count on its report day. */
export function releaseRollups(o: { unit_code: string; ended_at: string }, timeZone: string): ReleaseRow[] {
  return atBothGrains(o.unit_code, reportDay(o.ended_at, timeZone), { released: 1 });
}

/**
 * What an observation's start adds on its start day (`sign` -1 takes it back when the responsible unit
 * changes). People under observation at the end of a day are the starts up to it less the ends up to it.
 */
export function observationStartRollups(o: { unit_code: string; start_at: string }, timeZone: string, sign: 1 | -1 = 1): ObservationDayRow[] {
  return atBothGrains(o.unit_code, reportDay(o.start_at, timeZone), { started: sign, ended: 0 });
}

/** What an observation's end (release, transfer or other end) adds on its end day. */
export function observationEndRollups(o: { unit_code: string; ended_at: string }, timeZone: string): ObservationDayRow[] {
  return atBothGrains(o.unit_code, reportDay(o.ended_at, timeZone), { started: 0, ended: 1 });
}

export interface ArrivalRollups {
  days: DayRow[];
  entry: EntryRow;
  origin: OriginRow;
}

/** The UTC hour an instant falls in, as an ISO instant, so that it compares with day bounds. */
export const hourOf = (instant: string) => new Date(instant).toISOString().slice(0, 13) + ':00:00.000Z';

export function arrivalRollups(a: ArrivalFacts, timeZone: string): ArrivalRollups {
  const day = reportDay(a.registered_at, timeZone);
  const group = DISPOSITION_GROUPS[a.disposition as Disposition];
  const counts: DayCounts = {
    registered: 1,
    abnormal: a.abnormal_temperature ? 1 : 0,
    fever_clinic: group === 'feverClinic' ? 1 : 0,
    centralised: group === 'centralised' ? 1 : 0,
    home: group === 'home' ? 1 : 0,
  };
  const city = cityOf(a.dest_code);
  return {
    days: [
      { grain: 'county', code: countyOf(a.dest_code), day, ...counts },
      { grain: 'place', code: a.dest_code, day, ...counts },
    ],
    entry: { city_code: city, entry_point_id: a.entry_point_id, hour: hourOf(a.registered_at), registered: 1 },
    origin: { city_code: city, day, origin_code: a.origin_code, registered: 1 },
  };
}

/** Adds `row`'s counts to the row under `key`, or keeps a copy of it as that row. */
function addTo<R extends object>(map: Map<string, R>, key: string, row: R, counts: readonly (keyof R)[]): void {
  const total = map.get(key);
  if (!total) map.set(key, { ...row });
  else for (const c of counts) (total[c] as number) += row[c] as number;
}

const DAY_COUNTS = ['registered', 'abnormal', 'fever_clinic', 'centralised', 'home'] as const;

/** Sums of the rollups of many arrivals, releases and observations: what the maintained counts must equal. */
export class RollupTotals {
  readonly days = new Map<string, DayRow>();
  readonly entries = new Map<string, EntryRow>();
  readonly origins = new Map<string, OriginRow>();
  readonly releases = new Map<string, ReleaseRow>();
  readonly observations = new Map<string, ObservationDayRow>();

  add(r: ArrivalRollups): void {
    for (const d of r.days) addTo(this.days, `${d.grain}|${d.code}|${d.day}`, d, DAY_COUNTS);
    addTo(this.entries, `${r.entry.city_code}|${r.entry.entry_point_id}|${r.entry.hour}`, r.entry, ['registered']);
    addTo(this.origins, `${r.origin.city_code}|${r.origin.day}|${r.origin.origin_code}`, r.origin, ['registered']);
  }

  addRelease(rows: ReleaseRow[]): void {
    for (const r of rows) addTo(this.releases, `${r.grain}|${r.code}|${r.day}`, r, ['released']);
  }

  addObservation(rows: ObservationDayRow[]): void {
    for (const r of rows) addTo(this.observations, `${r.grain}|${r.code}|${r.day}`, r, ['started', 'ended']);
  }
}
