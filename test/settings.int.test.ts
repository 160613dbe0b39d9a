import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases';
import { startTestApp, type TestApp } from './support/app';
import { loadConfig } from '../src/server/config';
import { buildArrival, entryPointId } from './support/factories';

describe.each(DIALECTS)('deployment settings on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    const base = loadConfig({});
    t = await startTestApp(dialect, { triage: { ...base.triage, feverCelsius: 37.5 }, checks: { slotEnds: [10, 16, 24], graceMinutes: 30 } });
  });
  afterAll(async () => { await t?.close(); });

  it('tells logged-in users the rules the server applies', async () => {
    expect((await t.call(null, { method: 'GET', url: '/api/settings' })).statusCode).toBe(401);
    const s = (await t.call(t.adminToken, { method: 'GET', url: '/api/settings' })).json();
    expect(s).toEqual({ region: '54', timeZone: 'Asia/Shanghai', feverCelsius: 37.5, highRiskLookbackDays: 14, handoffOverdueMinutes: 120, checks: { slotEnds: [10, 16, 24], graceMinutes: 30 } });
  });

  it('applies the configured fever threshold to triage', async () => {
    const body = buildArrival(await entryPointId(t.ctx), { temperature: 37.4 });
    expect((await t.call(t.adminToken, { method: 'POST', url: '/api/arrivals', payload: body })).json().disposition).toBe('home_observation');
  });
});
