// Medical observation: how long it lasts under a policy, which daily checks are
// due, which are missing, and when a person may be released.
import { dayRange, reportDay } from './time';

export interface ObservationPolicy {
  code: string;
  /** Days of centralised observation first (at a hotel or isolation site). */
  centralisedDays: number;
  /** Then days of home observation in the community. */
  homeDays: number;
}

export interface CheckSchedule {
  /** Local hours (0–24) at which each daily slot closes; one entry per check a day. */
  slotEnds: number[];
  /** Minutes after a slot closes by which its check must have been entered. */
  graceMinutes: number;
}

export const DEFAULT_SCHEDULE: CheckSchedule = { slotEnds: [12, 24], graceMinutes: 0 };

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(day + 'T00:00:00Z') + days * 86_400_000).toISOString().slice(0, 10);
}

export interface ObservationPlan {
  startDay: string;
  /** The day a combined policy moves the person from the site to their community, or null. */
  handoffDay: string | null;
  /** The day the person becomes due for release. */
  endDay: string;
  firstKind: 'centralised' | 'home';
}

export function planObservation(startAt: string, policy: ObservationPolicy, timeZone: string): ObservationPlan {
  const startDay = reportDay(startAt, timeZone);
  const total = policy.centralisedDays + policy.homeDays;
  return {
    startDay,
    handoffDay: policy.centralisedDays > 0 && policy.homeDays > 0 ? addDays(startDay, policy.centralisedDays) : null,
    endDay: addDays(startDay, total),
    firstKind: policy.centralisedDays > 0 ? 'centralised' : 'home',
  };
}

export interface Slot {
  day: string;
  slot: number;
  /** When the slot's check was due (UTC ISO). */
  deadline: string;
}

/** The slot (0-based) of a check taken at `instant`, by the local hour. */
export function slotOf(instant: string, schedule: CheckSchedule, timeZone: string): { day: string; slot: number } {
  const day = reportDay(instant, timeZone);
  const hours = (Date.parse(instant) - Date.parse(dayRange(day, timeZone).from)) / 3_600_000;
  const slot = schedule.slotEnds.findIndex((end) => hours < end);
  return { day, slot: slot === -1 ? schedule.slotEnds.length - 1 : slot };
}

/** When a slot opens and when its check is due (UTC ISO). */
export function slotWindow(day: string, slot: number, schedule: CheckSchedule, timeZone: string): { start: string; deadline: string } {
  const b = slotBounds(day, slot, schedule, timeZone);
  return { start: new Date(b.start).toISOString(), deadline: new Date(b.deadline).toISOString() };
}

function slotBounds(day: string, slot: number, schedule: CheckSchedule, timeZone: string) {
  const from = Date.parse(dayRange(day, timeZone).from);
  const startHour = slot === 0 ? 0 : schedule.slotEnds[slot - 1];
  return {
    start: from + startHour * 3_600_000,
    deadline: from + schedule.slotEnds[slot] * 3_600_000 + schedule.graceMinutes * 60_000,
  };
}

/**
 * Slots whose check is required between `startAt` and `until`: every slot that
 * begins after the observation started (the intake reading covers the slot it
 * started in) and whose deadline has passed by `until`.
 */
export function requiredSlots(startAt: string, until: string, schedule: CheckSchedule, timeZone: string): Slot[] {
  const start = Date.parse(startAt);
  const end = Date.parse(until);
  const out: Slot[] = [];
  for (let day = reportDay(startAt, timeZone); day <= reportDay(until, timeZone); day = addDays(day, 1)) {
    schedule.slotEnds.forEach((_, slot) => {
      const b = slotBounds(day, slot, schedule, timeZone);
      if (b.start >= start && b.deadline <= end) out.push({ day, slot, deadline: new Date(b.deadline).toISOString() });
    });
  }
  return out;
}

export function missingSlots(required: Slot[], taken: { day: string; slot: number }[]): Slot[] {
  const have = new Set(taken.map((t) => `${t.day}#${t.slot}`));
  return required.filter((s) => !have.has(`${s.day}#${s.slot}`));
}

export interface ReleaseCheck {
  endDay: string;
  today: string;
  missing: number;
  openAlerts: number;
}

export type ReleaseBlocker = 'not_due' | 'missing_checks' | 'open_alerts';

export function releaseBlockers(r: ReleaseCheck): ReleaseBlocker[] {
  const out: ReleaseBlocker[] = [];
  if (r.today < r.endDay) out.push('not_due');
  if (r.missing > 0) out.push('missing_checks');
  if (r.openAlerts > 0) out.push('open_alerts');
  return out;
}

/** How far ahead of the server's clock a reading's time may lie (a device clock running fast). */
export const CLOCK_TOLERANCE_MS = 5 * 60_000;

/** The bit of a slot in an observation's `last_check_slots`. */
export const slotBit = (slot: number) => 1 << slot;

/**
 * What new checks add to each observation's marks: the latest report day among them and the slots
 * checked on it. Merged into the stored marks (a later day replaces them, the same day adds its
 * slots, an earlier day changes nothing), the marks hold every slot of the latest day with a check.
 */
export function latestCheckMarks(checks: { observation_id: string; report_day: string; slot: number }[]): Map<string, { day: string; slots: number }> {
  const marks = new Map<string, { day: string; slots: number }>();
  for (const c of checks) {
    const m = marks.get(c.observation_id);
    if (!m || c.report_day > m.day) marks.set(c.observation_id, { day: c.report_day, slots: slotBit(c.slot) });
    else if (c.report_day === m.day) m.slots |= slotBit(c.slot);
  }
  return marks;
}

/**
 * Whether the marks tell today's missing checks: only for the current report day, and not in its
 * last minutes, when a reading from a fast clock may already have moved the marks to the next day.
 */
export function marksServe(day: string, now: Date, today: string, dayEnd: string): boolean {
  return day === today && now.getTime() < Date.parse(dayEnd) - CLOCK_TOLERANCE_MS;
}
