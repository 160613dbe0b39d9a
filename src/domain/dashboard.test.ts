import { describe, expect, it } from 'vitest';
import { BEFORE, DISPOSITION_GROUPS, dispositionsOf, fillDays, lastDays, orderChildren, rank, underObservationByDay } from './dashboard';
import { DISPOSITIONS } from './enums';

describe('dashboard rules', () => {
  it('groups every disposition into one headline figure', () => {
    expect(DISPOSITIONS.every((d) => DISPOSITION_GROUPS[d])).toBe(true);
    expect(dispositionsOf('centralised')).toEqual(['centralised_isolation', 'centralised_observation', 'employer_hotel']);
    expect(dispositionsOf('feverClinic')).toEqual(['fever_clinic']);
    expect(dispositionsOf('home')).toEqual(['home_observation']);
  });

  it('lists the last N report days, oldest first, across month and year ends', () => {
    expect(lastDays('2026-03-02', 3)).toEqual(['2026-02-28', '2026-03-01', '2026-03-02']);
    expect(lastDays('2027-01-01', 2)).toEqual(['2026-12-31', '2027-01-01']);
    expect(lastDays('2026-11-23', 14)).toHaveLength(14);
    expect(lastDays('2026-11-23', 1)).toEqual(['2026-11-23']);
  });

  it('orders Tibet’s cities officially and anything else by code, divisions before units', () => {
    const cities = ['5425', '5406', '5405', '5404', '5403', '5402', '5401'].map((code) => ({ code }));
    expect(orderChildren('54', cities).map((c) => c.code)).toEqual(['5401', '5402', '5405', '5404', '5403', '5406', '5425']);
    expect(orderChildren('54', [{ code: '54U001' }, { code: '5425' }, { code: '5401' }]).map((c) => c.code)).toEqual(['5401', '5425', '54U001']);
    expect(orderChildren('540102', [{ code: '540102U001' }, { code: '540102003' }, { code: '540102002' }]).map((c) => c.code))
      .toEqual(['540102002', '540102003', '540102U001']);
  });

  it('ranks by count, ties by code', () => {
    const rows = [{ code: '33', count: 1 }, { code: '51', count: 2 }, { code: '11', count: 1 }];
    expect(rank(rows).map((r) => r.code)).toEqual(['51', '11', '33']);
    expect(rank(rows, 2).map((r) => r.code)).toEqual(['51', '11']);
  });

  it('fills days without rows with zeros', () => {
    expect(fillDays(['2026-11-21', '2026-11-22', '2026-11-23'], new Map([['2026-11-22', 4]]))).toEqual([0, 4, 0]);
  });

  it('counts people under observation at each day’s end from starts and ends per day', () => {
    const days = ['d1', 'd2', 'd3', 'd4'];
    // Two under observation throughout, one ended on d2, three from d2 to d3, five started and ended on d3, one from d4.
    const under = underObservationByDay(days, [
      { bucket: BEFORE, started: 3, ended: 0 },
      { bucket: 'd2', started: 3, ended: 1 },
      { bucket: 'd3', started: 5, ended: 8 },
      { bucket: 'd4', started: 1, ended: 0 },
    ]);
    expect(under).toEqual([3, 5, 2, 3]);
    expect(underObservationByDay(days, [])).toEqual([0, 0, 0, 0]);
});
});
