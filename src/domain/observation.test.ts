import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULE, latestCheckMarks, marksServe, missingSlots, planObservation, releaseBlockers, requiredSlots, slotOf, slotWindow } from './observation';

const TZ = 'Asia/Shanghai';

describe('observation periods', () => {
  it('ends 14 days after the start day for home observation', () => {
    expect(planObservation('2026-08-20T02:00:00Z', { code: 'home14', centralisedDays: 0, homeDays: 14 }, TZ)).toEqual({
      startDay: '2026-08-20', handoffDay: null, endDay: '2026-09-03', firstKind: 'home',
    });
  });
  it('counts the start day in Beijing time, not UTC', () => {
    // 2026-08-20 17:00 UTC is 2026-08-21 01:00 in Beijing.
    expect(planObservation('2026-08-20T17:00:00Z', { code: 'c14', centralisedDays: 14, homeDays: 0 }, TZ).startDay).toBe('2026-08-21');
  });
  it('hands a 7+3 person from the site to the community on day 7 and releases on day 10', () => {
    expect(planObservation('2026-08-20T02:00:00Z', { code: '7+3', centralisedDays: 7, homeDays: 3 }, TZ)).toEqual({
      startDay: '2026-08-20', handoffDay: '2026-08-27', endDay: '2026-08-30', firstKind: 'centralised',
    });
  });
});

describe('daily check slots', () => {
  it('puts a reading into the morning or afternoon slot by Beijing hour, across the UTC day boundary', () => {
    expect(slotOf('2026-08-20T03:59:00Z', DEFAULT_SCHEDULE, TZ)).toEqual({ day: '2026-08-20', slot: 0 }); // 11:59
    expect(slotOf('2026-08-20T04:00:00Z', DEFAULT_SCHEDULE, TZ)).toEqual({ day: '2026-08-20', slot: 1 }); // 12:00
    expect(slotOf('2026-08-20T15:59:00Z', DEFAULT_SCHEDULE, TZ)).toEqual({ day: '2026-08-20', slot: 1 }); // 23:59
    expect(slotOf('2026-08-20T16:00:00Z', DEFAULT_SCHEDULE, TZ)).toEqual({ day: '2026-08-21', slot: 0 }); // 00:00 next day
  });

  it('requires the slots after the start whose deadline has passed', () => {
    // Started 2026-08-20 10:00 Beijing; now 2026-08-21 13:00 Beijing.
    const req = requiredSlots('2026-08-20T02:00:00Z', '2026-08-21T05:00:00Z', DEFAULT_SCHEDULE, TZ);
    expect(req.map((s) => `${s.day}#${s.slot}`)).toEqual(['2026-08-20#1', '2026-08-21#0']);
    expect(req[0].deadline).toBe('2026-08-20T16:00:00.000Z');
  });

  it('flags a missing evening check only once the Beijing day has ended', () => {
    const start = '2026-08-20T01:00:00Z';
    const beforeMidnight = requiredSlots(start, '2026-08-20T15:59:00Z', DEFAULT_SCHEDULE, TZ);
    expect(missingSlots(beforeMidnight, [])).toEqual([]);
    const afterMidnight = requiredSlots(start, '2026-08-20T16:00:00Z', DEFAULT_SCHEDULE, TZ);
    expect(missingSlots(afterMidnight, []).map((s) => `${s.day}#${s.slot}`)).toEqual(['2026-08-20#1']);
    const late = slotOf('2026-08-20T15:30:00Z', DEFAULT_SCHEDULE, TZ); // 23:30 Beijing counts for the 20th
    expect(missingSlots(afterMidnight, [late])).toEqual([]);
  });

  it('honours a grace period after the slot closes', () => {
    const schedule = { slotEnds: [12, 24], graceMinutes: 60 };
    expect(requiredSlots('2026-08-20T01:00:00Z', '2026-08-20T16:30:00Z', schedule, TZ)).toHaveLength(0);
    expect(requiredSlots('2026-08-20T01:00:00Z', '2026-08-20T17:00:00Z', schedule, TZ)).toHaveLength(1);
  });
});

describe('release', () => {
  it('needs the end day, complete checks and no open alert', () => {
    expect(releaseBlockers({ endDay: '2026-09-03', today: '2026-09-03', missing: 0, openAlerts: 0 })).toEqual([]);
    expect(releaseBlockers({ endDay: '2026-09-03', today: '2026-09-02', missing: 1, openAlerts: 2 })).toEqual(['not_due', 'missing_checks', 'open_alerts']);
  });
});

describe('slot windows', () => {
  it('open at the previous slot end and fall due at their own end, Beijing time', () => {
    expect(slotWindow('2026-08-21', 0, DEFAULT_SCHEDULE, TZ)).toEqual({ start: '2026-08-20T16:00:00.000Z', deadline: '2026-08-21T04:00:00.000Z' });
    expect(slotWindow('2026-08-21', 1, DEFAULT_SCHEDULE, TZ)).toEqual({ start: '2026-08-21T04:00:00.000Z', deadline: '2026-08-21T16:00:00.000Z' });
  });
});

describe('latest check marks', () => {
  it('keeps, per observation, the latest day among the checks and the slots checked on it', () => {
    const marks = latestCheckMarks([
      { observation_id: 'a', report_day: '2026-11-22', slot: 1 },
      { observation_id: 'a', report_day: '2026-11-23', slot: 0 },
      { observation_id: 'a', report_day: '2026-11-21', slot: 0 },
      { observation_id: 'a', report_day: '2026-11-23', slot: 1 },
      { observation_id: 'b', report_day: '2026-11-23', slot: 1 },
      { observation_id: 'b', report_day: '2026-11-23', slot: 1 },
    ]);
    expect(marks).toEqual(new Map([['a', { day: '2026-11-23', slots: 0b11 }], ['b', { day: '2026-11-23', slots: 0b10 }]]));
  });

  it('serve only the current day, and not in its last minutes', () => {
    const end = '2026-11-23T16:00:00.000Z';
    expect(marksServe('2026-11-23', new Date('2026-11-23T15:54:00Z'), '2026-11-23', end)).toBe(true);
    expect(marksServe('2026-11-23', new Date('2026-11-23T15:56:00Z'), '2026-11-23', end)).toBe(false);
    expect(marksServe('2026-11-22', new Date('2026-11-23T10:00:00Z'), '2026-11-23', end)).toBe(false);
  });
});
