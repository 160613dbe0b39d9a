import { describe, expect, it } from 'vitest';
import { canReceive, holderOf, isOverdue, planRoute, stageAfterReceipt } from './handoff';

const community = { code: '540102002001', level: 'community', parentCode: '540102002' };
const zone = { code: '540103U001', level: 'unit', parentCode: '540103' };

describe('routing', () => {
  it('routes home observation via the subdistrict to the community', () => {
    expect(planRoute('home_observation', { destination: community, employer: null, siteCode: null })).toEqual({ first: '540102002', second: '540102002001' });
  });
  it('routes centralised observation via the subdistrict to the district site when there is one', () => {
    expect(planRoute('centralised_observation', { destination: community, employer: null, siteCode: '540102U003' })).toEqual({ first: '540102002', second: '540102U003' });
    expect(planRoute('centralised_isolation', { destination: community, employer: null, siteCode: null })).toEqual({ first: '540102002', second: '540102002001' });
  });
  it('routes the employer hotel via the employer', () => {
    expect(planRoute('employer_hotel', { destination: community, employer: { code: '540102U001', hotelCode: '540102U002' }, siteCode: null })).toEqual({ first: '540102U001', second: '540102U002' });
  });
  it('hands a management-unit destination to the unit, which starts observation itself', () => {
    expect(planRoute('home_observation', { destination: zone, employer: null, siteCode: null })).toEqual({ first: '540103U001', second: null });
    expect(planRoute('centralised_observation', { destination: zone, employer: null, siteCode: '540103U002' })).toEqual({ first: '540103U001', second: '540103U002' });
  });
});

describe('acknowledgements', () => {
  const s = { stage: 'registered' as const, first: '540102002', second: '540102002001' };
  it('moves registered -> unit_received -> observation_started, each by its holder', () => {
    expect(holderOf(s)).toBe('540102002');
    expect(stageAfterReceipt(s)).toBe('unit_received');
    expect(holderOf({ ...s, stage: 'unit_received' })).toBe('540102002001');
    expect(stageAfterReceipt({ ...s, stage: 'unit_received' })).toBe('observation_started');
    expect(holderOf({ ...s, stage: 'observation_started' })).toBeNull();
    expect(stageAfterReceipt({ ...s, stage: 'observation_started' })).toBeNull();
  });
  it('skips the second stage when there is no second unit', () => {
    expect(stageAfterReceipt({ stage: 'registered', first: '540103U001', second: null })).toBe('observation_started');
  });
  it('lets only the holder (or an admin) receive', () => {
    expect(canReceive({ role: 'subdistrict', jurisdictionCode: '540102002' }, s)).toBe(true);
    expect(canReceive({ role: 'community', jurisdictionCode: '540102002001' }, s)).toBe(false);
    expect(canReceive({ role: 'subdistrict', jurisdictionCode: '540102003' }, s)).toBe(false);
    expect(canReceive({ role: 'triage_desk', jurisdictionCode: '540102002' }, s)).toBe(false);
    expect(canReceive({ role: 'admin', jurisdictionCode: '54' }, s)).toBe(true);
  });
  it('flags a stage unacknowledged for longer than the configured time', () => {
    const now = new Date('2026-11-23T10:00:00Z');
    expect(isOverdue({ stage: 'registered', stageSince: '2026-11-23T07:59:00Z' }, now, 120)).toBe(true);
    expect(isOverdue({ stage: 'registered', stageSince: '2026-11-23T08:00:00Z' }, now, 120)).toBe(false);
    expect(isOverdue({ stage: 'observation_started', stageSince: '2026-11-20T00:00:00Z' }, now, 120)).toBe(false);
  });
});
