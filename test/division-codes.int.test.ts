// Division codes are taken in the official fixed-length forms other systems and ID numbers use
// (GB/T 2260 six digits, statistical twelve digits) and stored in the platform's one form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases';
import { startTestApp, type TestApp } from './support/app';
import { BAKUO_COMMUNITY, buildArrival, entryPointId } from './support/factories';

describe.each(DIALECTS)('official forms of division codes on %s', (dialect) => {
  let t: TestApp;
  let airport: string;
  let desk: string;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    airport = await entryPointId(t.ctx);
    desk = (await t.userWithRole('triage_desk', '5401')).token;
  });
  afterAll(async () => { await t?.close(); });

  const stored = async (id: string) =>
    (await t.ctx.db.selectFrom('arrivals').select(['origin_code', 'dest_code', 'visited']).where('id', '=', id).executeTakeFirstOrThrow());

  it.each([['GB/T 2260', '510100', '540102002001'], ['statistical', '510100000000', '540102002001']])('stores an arrival’s %s origin code %s as 5101', async (_form, originCode, destination) => {
    const body = buildArrival(airport, {
      originCode,
      visited: [{ code: originCode, from: '2026-01-02', to: '2026-01-03' }],
      destination: { code: destination, address: '八廓街1号' },
    });
    const res = await t.call(desk, { method: 'POST', url: '/api/arrivals', payload: body });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().origin).toEqual({ code: '5101', name: '成都市' });
    const row = await stored(res.json().id);
    expect(row.origin_code).toBe('5101');
    expect(row.dest_code).toBe(BAKUO_COMMUNITY);
    expect(JSON.parse(row.visited)).toEqual([{ code: '5101', from: '2026-01-02', to: '2026-01-03' }]);
  });

  it('filters by the official forms and finds a node by one', async () => {
    const res = await t.call(desk, { method: 'POST', url: '/api/arrivals', payload: buildArrival(airport, { destination: { code: '540102002001', address: '八廓街2号' } }) });
    expect(res.statusCode, res.body).toBe(201);
    const listed = await t.call(desk, { method: 'GET', url: '/api/arrivals?originCode=510100000000&destCode=540102000000' });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().items.map((a: { id: string }) => a.id)).toContain(res.json().id);
    const units = await t.call(t.adminToken, { method: 'GET', url: '/api/jurisdictions/540100' });
    expect(units.statusCode, units.body).toBe(200);
    expect(units.json().code).toBe('5401');
  });
});
