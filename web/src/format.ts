// Times are shown in the deployment's zone (Beijing time by default) whatever the browser's zone is.
import { reportDay } from '../../src/domain/time';
import { settings } from './settings';

const formats = new Map<string, { dateTime: Intl.DateTimeFormat; clock: Intl.DateTimeFormat }>();

function formatsFor(timeZone: string) {
  let f = formats.get(timeZone);
  if (!f) {
    f = {
      dateTime: new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
      clock: new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }),
    };
    formats.set(timeZone, f);
  }
  return f;
}

/** 2024-03-01 08:05 (Beijing time). */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = Object.fromEntries(formatsFor(settings().timeZone).dateTime.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

export function formatClock(d: Date): string {
  return formatsFor(settings().timeZone).clock.format(d);
}

/** Whole minutes from an instant until now. */
export function minutesSince(iso: string, now = Date.now()): number {
  return Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
}

/** Report days and check slots are in the deployment's zone, whatever the browser's. */
export function todayIn(now: Date): string {
  return reportDay(now, settings().timeZone);
}
