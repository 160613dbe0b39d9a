import { describe, expect, it } from 'vitest';
import { DATE_BOUND_DEFAULTS, dateProblem, isDay, parseInstant } from './date-bounds';

const TZ = 'Asia/Shanghai';
const NOW = new Date('2022-08-20T04:00:00Z'); // 12:00 in Lhasa's official time
const check = (value: string, kind: 'date' | 'date-time', range: Parameters<typeof dateProblem>[2], bounds = DATE_BOUND_DEFAULTS) =>
  dateProblem(value, kind, range, NOW, bounds, TZ);

describe('parseInstant', () => {
  it('reads instants with a zone', () => {
    expect(parseInstant('2022-08-20T12:00:00+08:00')).toBe(Date.parse('2022-08-20T04:00:00Z'));
    expect(parseInstant('2022-08-20T04:00:00.123Z')).toBe(Date.parse('2022-08-20T04:00:00.123Z'));
  });

  it('refuses what names no instant JavaScript can hold', () => {
    expect(parseInstant('2016-12-31T23:59:60Z')).toBeNull();
    expect(parseInstant('2022-08-20T24:00:00Z')).toBeNull();
    expect(parseInstant('2022-02-30T10:00:00Z')).toBeNull();
    expect(parseInstant('0000-01-01T00:00:00Z')).toBeNull();
    expect(parseInstant('yesterday')).toBeNull();
  });
});

describe('isDay', () => {
  it('knows the calendar', () => {
    expect(isDay('2020-02-29')).toBe(true);
    expect(isDay('2021-02-29')).toBe(false);
    expect(isDay('2021-13-01')).toBe(false);
    expect(isDay('2021-1-01')).toBe(false);
  });
});

describe('dateProblem', () => {
  it('accepts event times from the earliest day up to a few hours ahead', () => {
    expect(check('2019-12-01T00:00:00+08:00', 'date-time', 'event')).toBeNull();
    expect(check('2022-08-20T09:59:00Z', 'date-time', 'event')).toBeNull();
    expect(check('2022-08-20', 'date', 'event')).toBeNull();
  });

  it('refuses event times before the earliest day, with that day as the limit', () => {
    expect(check('0001-01-01T00:00:00Z', 'date-time', 'event')).toEqual({ problem: 'too_early', limit: '2019-11-30T16:00:00.000Z' });
    expect(check('2019-11-30T23:59:59+08:00', 'date-time', 'event')).toMatchObject({ problem: 'too_early' });
    expect(check('1900-01-01', 'date', 'event')).toEqual({ problem: 'too_early', limit: '2019-12-01' });
  });

  it('refuses event times further ahead than the tolerance', () => {
    expect(check('9999-12-31T23:59:59Z', 'date-time', 'event')).toEqual({ problem: 'too_late', limit: '2022-08-20T10:00:00.000Z' });
    expect(check('2022-08-20T10:00:01Z', 'date-time', 'event')).toMatchObject({ problem: 'too_late' });
    expect(check('9999-12-31', 'date', 'event')).toEqual({ problem: 'too_late', limit: '2022-08-20' });
    expect(check('2022-08-21', 'date', 'event')).toMatchObject({ problem: 'too_late' });
  });

  it('follows the configured earliest day and tolerance', () => {
    const bounds = { ...DATE_BOUND_DEFAULTS, earliestDate: '2022-01-01', futureToleranceHours: 0 };
    expect(check('2021-12-31', 'date', 'event', bounds)).toEqual({ problem: 'too_early', limit: '2022-01-01' });
    expect(check('2022-08-20T04:00:01Z', 'date-time', 'event', bounds)).toMatchObject({ problem: 'too_late' });
  });

  it('refuses leap seconds and impossible days as invalid', () => {
    expect(check('2016-12-31T23:59:60Z', 'date-time', 'event')).toEqual({ problem: 'invalid' });
    expect(check('2022-02-29', 'date', 'event')).toEqual({ problem: 'invalid' });
  });

  it('allows birth dates from 1900 to today', () => {
    expect(check('1900-01-01', 'date', 'birth')).toBeNull();
    expect(check('1899-12-31', 'date', 'birth')).toEqual({ problem: 'too_early', limit: '1900-01-01' });
    expect(check('2022-08-20', 'date', 'birth')).toBeNull();
    expect(check('2022-08-21', 'date', 'birth')).toEqual({ problem: 'too_late', limit: '2022-08-20' });
  });

  it('allows an observation to start at most the configured days back', () => {
    expect(check('2022-07-21T04:00:00Z', 'date-time', 'observation_start')).toBeNull();
    expect(check('2022-07-21T03:59:59Z', 'date-time', 'observation_start')).toEqual({ problem: 'too_early', limit: '2022-07-21T04:00:00.000Z' });
    expect(check('1900-01-01T00:00:00Z', 'date-time', 'observation_start')).toMatchObject({ problem: 'too_early' });
    expect(check('2022-08-21T00:00:00Z', 'date-time', 'observation_start')).toMatchObject({ problem: 'too_late' });
  });

  it('allows plans up to the horizon ahead', () => {
    expect(check('2023-08-20T00:00:00Z', 'date-time', 'plan')).toBeNull();
    expect(check('2023-08-22T00:00:00Z', 'date-time', 'plan')).toMatchObject({ problem: 'too_late' });
    expect(check('9999-01-01T00:00:00Z', 'date-time', 'plan')).toMatchObject({ problem: 'too_late' });
  });
});
