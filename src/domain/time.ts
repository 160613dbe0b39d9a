// Instants are stored in UTC; report days run 0时 to 24时 in the configured zone.

const minuteFormats = new Map<string, { format: Intl.DateTimeFormat; minutes: Map<number, string> }>();

/**
 * "YYYY-MM-DD HH:mm" in the zone. Formatters are cached, since making one costs far more than
 * using it, and so are recent minutes: an export formats runs of instants from the same minute.
 */
export function localMinute(instant: Date | string, timeZone: string): string {
  let zone = minuteFormats.get(timeZone);
  if (!zone) {
    // sv-SE writes dates as YYYY-MM-DD and times as HH:mm.
    const format = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    zone = { format, minutes: new Map() };
    minuteFormats.set(timeZone, zone);
  }
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (!(ms >= YEAR_1 && ms < YEAR_10000)) return ms >= YEAR_10000 || instant === 'infinity' ? LAST_MINUTE : FIRST_MINUTE;
  const minute = Math.floor(ms / 60_000);
  let text = zone.minutes.get(minute);
  if (text === undefined) {
    if (zone.minutes.size >= 4096) zone.minutes.clear();
    text = zone.format.format(minute * 60_000);
    if (!LOCAL_MINUTE.test(text)) text = paddedMinute(zone.format, minute * 60_000);
    zone.minutes.set(minute, text);
  }
  return text;
}

// A stored record with an absurd date must still render: instants outside years 1-9999
// (or none at all, such as PostgreSQL's infinity) read as the first or last minute of that span.
const YEAR_1 = Date.parse('0001-01-01T00:00:00Z');
const YEAR_10000 = Date.parse('+010000-01-01T00:00:00Z');
const FIRST_MINUTE = '0001-01-01 00:00';
const LAST_MINUTE = '9999-12-31 23:59';
const LOCAL_MINUTE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;

/** Intl writes years before 1000 unpadded ("1-01-01"), and the zone may carry one into 10000. */
function paddedMinute(format: Intl.DateTimeFormat, ms: number): string {
  const parts = format.formatToParts(ms);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
  if (Number(get('year')) > 9999) return LAST_MINUTE;
  return `${get('year').padStart(4, '0')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** The report day (YYYY-MM-DD in the zone) an instant falls in. */
export function reportDay(instant: Date | string, timeZone: string): string {
  return localMinute(instant, timeZone).slice(0, 10);
}

/** Offset of the zone from UTC at the given instant, in minutes (Asia/Shanghai: 480). */
const offsetFormats = new Map<string, Intl.DateTimeFormat>();

function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    offsetFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(instant);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const local = new Date(0);
  // setUTCFullYear, not Date.UTC: the latter reads years 0-99 as 1900-1999.
  local.setUTCFullYear(get('year'), get('month') - 1, get('day'));
  local.setUTCHours(get('hour'), get('minute'), get('second'));
  const asUtc = local.getTime();
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

const dayStarts = new Map<string, string>();

/** The UTC instant at which report day `day` (YYYY-MM-DD) begins in the zone. */
export function dayStart(day: string, timeZone: string): string {
  const key = `${timeZone}|${day}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    start = computeDayStart(day, timeZone);
    // Bounded: a deployment looks at a few years of days at most.
    if (dayStarts.size > 20_000) dayStarts.clear();
    dayStarts.set(key, start);
  }
  return start;
}

function computeDayStart(day: string, timeZone: string): string {
  const guess = new Date(day + 'T00:00:00Z');
  const offset = zoneOffsetMinutes(guess, timeZone);
  const start = new Date(guess.getTime() - offset * 60_000);
  const corrected = zoneOffsetMinutes(start, timeZone);
  return new Date(guess.getTime() - corrected * 60_000).toISOString();
}

/** [start, end) of report day `day` as UTC ISO instants. */
export function dayRange(day: string, timeZone: string): { from: string; to: string } {
  const next = new Date(Date.parse(day + 'T00:00:00Z') + 86_400_000).toISOString().slice(0, 10);
  return { from: dayStart(day, timeZone), to: dayStart(next, timeZone) };
}
