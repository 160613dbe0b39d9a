// Small helpers shared by the observation pages: Beijing days, the ticking clock, day n of N.
import { useEffect, useState } from 'react';
import { addDays } from '../../../../src/domain/observation';
import { formatTime } from '../../format';
import type { Label } from '../../i18n/labels';
import { SLOT_LABELS } from '../../i18n/labels';
import type { MessageKey } from '../../i18n/texts';

/** The current time, refreshed every `ms`. */
export function useNow(ms: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const h = setInterval(() => setNow(new Date()), ms);
    return () => clearInterval(h);
  }, [ms]);
  return now;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to + 'T00:00:00Z') - Date.parse(from + 'T00:00:00Z')) / 86_400_000);
}

/** Day n of N of the observation period (the start day is day 1; the end day is when release falls due). */
export function dayOfPeriod(o: { startDay: string; endDay: string }, today: string): { n: number; total: number } {
  return { n: daysBetween(o.startDay, today) + 1, total: daysBetween(o.startDay, o.endDay) };
}

/** 上午 / 下午 for the default two slots, else "第 n 次". */
export function slotName(
  slot: number,
  label: (labels: Record<string, Label>, v: string) => string,
  t: (key: MessageKey, params?: Record<string, string | number>) => string,
): string {
  return String(slot) in SLOT_LABELS ? label(SLOT_LABELS, String(slot)) : t('checks.slotN', { n: slot + 1 });
}

/** A slot deadline in Beijing time; midnight reads as 24:00 of the day it closes. */
export function formatDeadline(iso: string): string {
  const s = formatTime(iso);
  return s.endsWith(' 00:00') ? `${addDays(s.slice(0, 10), -1)} 24:00` : s;
}
