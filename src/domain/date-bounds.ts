// What dates the work allows. A date outside them is a typing slip (0001-01-01, 9999-12-31) or a
// wrong device clock, and accepted it would break what is computed from it (observation days,
// infectious periods, daily counts).
import { dayStart, reportDay } from './time';

/** The kinds of date a field may hold. */
export const DATE_RANGES = ['event', 'birth', 'observation_start', 'plan'] as const;
export type DateRange = (typeof DATE_RANGES)[number];

export interface DateBounds {
  /** YYYY-MM-DD: nothing the platform records happened before this day (event dates). */
  earliestDate: string;
  /** How far past the server's clock an event time may lie (a device clock running fast). */
  futureToleranceHours: number;
  /** How many days back an observation may be opened from. */
  observationStartMaxDays: number;
  /** How many days ahead something may be planned (a care task's due time). */
  planHorizonDays: number;
}

export const DATE_BOUND_DEFAULTS: DateBounds = { earliestDate: '2019-12-01', futureToleranceHours: 6, observationStartMaxDays: 30, planHorizonDays: 366 };

/** The first birth date accepted. */
export const EARLIEST_BIRTH_DATE = '1900-01-01';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

function isCalendarDay(y: number, m: number, d: number): boolean {
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: the latter reads years 0-99 as 1900-1999.
  date.setUTCFullYear(y, m - 1, d);
  return y >= 1 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * The instant of an ISO-8601 date-time, or null when it names no real instant (a leap second
 * such as 23:59:60, 24:00, 30 February), which JavaScript could not store.
 */
export function parseInstant(value: string): number | null {
  const m = INSTANT.exec(value);
  if (!m || !isCalendarDay(+m[1], +m[2], +m[3]) || +m[4] > 23 || +m[5] > 59 || +m[6] > 59) return null;
  const t = Date.parse(value.replace(' ', 'T'));
  return Number.isFinite(t) ? t : null;
}

/** Whether a YYYY-MM-DD names a real calendar day. */
export function isDay(value: string): boolean {
  const m = DAY.exec(value);
  return !!m && isCalendarDay(+m[1], +m[2], +m[3]);
}

export type DateProblem =
  | { problem: 'invalid' }
  | { problem: 'too_early'; limit: string }
  | { problem: 'too_late'; limit: string };

function addDays(day: string, days: number): string {
  return new Date(Date.parse(day + 'T00:00:00Z') + days * DAY_MS).toISOString().slice(0, 10);
}

/** [earliest, latest] instants allowed for a range at `now`, as ISO instants. */
function instantLimits(range: DateRange, now: Date, b: DateBounds, timeZone: string): [string, string] {
  const ahead = new Date(now.getTime() + b.futureToleranceHours * HOUR_MS).toISOString();
  switch (range) {
    case 'event': return [dayStart(b.earliestDate, timeZone), ahead];
    case 'birth': return [dayStart(EARLIEST_BIRTH_DATE, timeZone), now.toISOString()];
    case 'observation_start': {
      const back = new Date(now.getTime() - b.observationStartMaxDays * DAY_MS).toISOString();
      const earliest = dayStart(b.earliestDate, timeZone);
      return [back > earliest ? back : earliest, ahead];
    }
    case 'plan': return [dayStart(b.earliestDate, timeZone), new Date(now.getTime() + b.planHorizonDays * DAY_MS).toISOString()];
  }
}

/** [earliest, latest] report days allowed for a range at `now`. */
function dayLimits(range: DateRange, now: Date, b: DateBounds, timeZone: string): [string, string] {
  const today = reportDay(now, timeZone);
  switch (range) {
    case 'event': return [b.earliestDate, reportDay(new Date(now.getTime() + b.futureToleranceHours * HOUR_MS), timeZone)];
    case 'birth': return [EARLIEST_BIRTH_DATE, today];
    case 'observation_start': {
      const back = addDays(today, -b.observationStartMaxDays);
      return [back > b.earliestDate ? back : b.earliestDate, today];
    }
    case 'plan': return [b.earliestDate, addDays(today, b.planHorizonDays)];
  }
}

/**
 * Why a date (`YYYY-MM-DD`) or date-time (ISO-8601 with zone) is not allowed for its range,
 * or null when it is. Limits are given as days, or as instants in UTC.
 */
export function dateProblem(value: string, kind: 'date' | 'date-time', range: DateRange, now: Date, bounds: DateBounds, timeZone: string): DateProblem | null {
  if (kind === 'date') {
    if (!isDay(value)) return { problem: 'invalid' };
    const [from, to] = dayLimits(range, now, bounds, timeZone);
    if (value < from) return { problem: 'too_early', limit: from };
    if (value > to) return { problem: 'too_late', limit: to };
    return null;
  }
  const t = parseInstant(value);
  if (t === null) return { problem: 'invalid' };
  const [from, to] = instantLimits(range, now, bounds, timeZone);
  if (t < Date.parse(from)) return { problem: 'too_early', limit: from };
  if (t > Date.parse(to)) return { problem: 'too_late', limit: to };
  return null;
}
