// The dashboard against a small fixture made through the real API, with every figure counted by hand.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases';
import { startTestApp, type TestApp } from './support/app';
import { BAKUO_COMMUNITY, JIRI_COMMUNITY, buildArrival, entryPointId, residentId } from './support/factories';
import { pinClock, unpinClock } from './support/clock';
import { DEFAULT_SCHEDULE, requiredSlots, slotWindow } from '../src/domain/observation';
import { lastDays } from '../src/domain/dashboard';
import { rebuildRollups } from '../src/modules/dashboard/repository/rollups';

const TZ = 'Asia/Shanghai';
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

// The whole suite runs at fixed instants on both sides of Beijing midnight (16:00 UTC). `dueToday` counts
// today's check slots whose deadline (12:00, 24:00 Beijing) has passed by then.
const INSTANTS = [
  { at: '2026-11-23T15:30:00Z', name: '23:30 Beijing', today: '2026-11-23', yesterday: '2026-11-22', dueToday: 1 },
  { at: '2026-11-23T16:30:00Z', name: '00:30 Beijing, still the day before in UTC', today: '2026-11-24', yesterday: '2026-11-23', dueToday: 0 },
];

describe.each(DIALECTS.flatMap((dialect) => INSTANTS.map((instant) => [dialect, instant.name, instant] as const)))('command dashboard on %s at %s', (dialect, _name, instant) => {
  let t: TestApp;
  let command: string;
  let bakuoSub: string;
  let bakuo: string;
  let jiri: string;
  let hotelCode: string;
  const { today, yesterday, dueToday } = instant;
  const get = async (token: string, url: string) => {
    const res = await t.call(token, { method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const post = async (token: string, url: string, payload?: object) => {
    const res = await t.call(token, { method: 'POST', url, payload });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  const openByHand = (token: string, daysAgo: number, extra: object = {}) => post(token, '/api/observations', {
    clientId: randomUUID(),
    person: { documentType: 'resident_id', documentNumber: residentId('19800202'), name: '排查人员', phone: '13900001111' },
    communityCode: BAKUO_COMMUNITY,
    startAt: ago(daysAgo),
    ...extra,
  });
  beforeAll(async () => {
    pinClock(instant.at);
    t = await startTestApp(dialect);
    const entry = await entryPointId(t.ctx);
    const desk = (await t.userWithRole('triage_desk', '5401')).token;
    command = (await t.userWithRole('command', '54')).token;
    bakuoSub = (await t.userWithRole('subdistrict', '540102002')).token;
    const jiriSub = (await t.userWithRole('subdistrict', '540102003')).token;
    bakuo = (await t.userWithRole('community', BAKUO_COMMUNITY)).token;
    jiri = (await t.userWithRole('community', JIRI_COMMUNITY)).token;
    const register = (overrides: Record<string, unknown>) => post(desk, '/api/arrivals', buildArrival(entry, overrides));
    const jiriDest = (compound?: string) => ({ destination: { code: JIRI_COMMUNITY, address: '吉日巷3号', ...(compound ? { compound } : {}) } });

    // Today: A1 home, A2 fever (38.0), A3 yellow code (centralised), all to 八廓; A4 home to 吉日.
    const a1 = await register({ originCode: '5101' });
    const a2 = await register({ originCode: '5101', temperature: 38 });
    await register({ originCode: '3301', healthCode: { color: 'yellow' }, destination: { code: BAKUO_COMMUNITY, address: '八廓街1号', compound: '八廓小区' } });
    const a4 = await register({ originCode: '1101', ...jiriDest('吉日小区') });
    // A5 three days ago, A6 yesterday (left unacknowledged for 3 hours: overdue), both to 吉日.
    const a5 = await register({ originCode: '5101', ...jiriDest('吉日小区') });
    const a6 = await register({ originCode: '3301', ...jiriDest() });
    await t.ctx.db.updateTable('arrivals').set({ registered_at: ago(3) }).where('id', '=', a5.id).execute();
    await t.ctx.db.updateTable('arrivals').set({ registered_at: ago(1), stage_since: new Date(Date.now() - 3 * 3_600_000).toISOString() }).where('id', '=', a6.id).execute();
    // Back-dated behind the counts' back: recount them, as a start after a time-zone change would.
    await rebuildRollups(t.ctx.db, dialect, TZ);

    // Hand-offs: A1 and A4 reach their communities (home observation starts); A2 waits at the community.
    await post(bakuoSub, `/api/arrivals/${a1.id}/receive`);
    await post(bakuo, `/api/arrivals/${a1.id}/receive`);
    await post(bakuoSub, `/api/arrivals/${a2.id}/receive`);
    await post(jiriSub, `/api/arrivals/${a4.id}/receive`);
    await post(jiri, `/api/arrivals/${a4.id}/receive`);

    // By hand: O1 (3 days, no checks), O2 (15 days, complete, released today), O3 (2 days, a 38.5 reading: alert),
    // O4 in 吉日 (2 days), O5 at a hotel of 城关区 (2 days, centralised).
    await openByHand(bakuo, 3);
    const o2 = await openByHand(bakuo, 15);
    const checks = requiredSlots(o2.startAt, new Date().toISOString(), DEFAULT_SCHEDULE, TZ).map((s) => {
      const w = slotWindow(s.day, s.slot, DEFAULT_SCHEDULE, TZ);
      return { clientId: randomUUID(), observationId: o2.id, takenAt: new Date((Date.parse(w.start) + Date.parse(w.deadline)) / 2).toISOString(), temperature: 36.5, symptoms: [] };
    });
    await post(bakuo, '/api/observations/checks', { checks });
    await post(bakuo, `/api/observations/${o2.id}/release`);
    const o3 = await openByHand(bakuo, 2);
    const alert = await post(bakuo, '/api/observations/checks', { checks: [{ clientId: randomUUID(), observationId: o3.id, takenAt: new Date().toISOString(), temperature: 38.5, symptoms: [] }] });
    expect(alert.alerts).toHaveLength(1);
    await openByHand(jiri, 2, { communityCode: JIRI_COMMUNITY });
    hotelCode = (await post(t.adminToken, '/api/units', { parentCode: '540102', name: '城关区留观酒店', kind: 'hotel', rooms: 10 })).code;
    await openByHand(t.adminToken, 2, { siteCode: hotelCode });
  });
  afterAll(async () => {
    await t?.close();
    unpinClock();
  });

  it('gives every headline figure of the region for today and in total', async () => {
    const s = await get(command, '/api/dashboard/summary');
    expect(s.jurisdiction).toEqual({ code: '54', name: '西藏自治区' });
    expect(s.date).toBe(today);
    expect(s.figures).toEqual({
      arrivals: { day: 4, total: 6 },
      abnormalTemperature: { day: 1, total: 1 },
      dispositions: { feverClinic: { day: 1, total: 1 }, centralised: { day: 1, total: 1 }, home: { day: 2, total: 4 } },
      handoffsOverdue: 1,
      underObservation: { home: 5, centralised: 1 },
      released: { day: 1, total: 1 },
      // O1, O3, O4 and O5 miss each of today's slots already due (O3's reading is in the current slot).
      missingChecks: 4 * dueToday,
      openAlerts: 1,
    });
    expect(JSON.stringify(s)).not.toMatch(/排查人员|扎西|139\d{8}|540102\d{12}/);
  });

  it('answers for a past day: that day’s figures, totals up to its end, all its slots', async () => {
    const s = await get(command, `/api/dashboard/summary?date=${yesterday}`);
    expect(s.date).toBe(yesterday);
    expect(s.figures).toMatchObject({
      arrivals: { day: 1, total: 2 },
      abnormalTemperature: { day: 0, total: 0 },
      dispositions: { feverClinic: { day: 0, total: 0 }, centralised: { day: 0, total: 0 }, home: { day: 1, total: 2 } },
      released: { day: 0, total: 0 },
      // Two slots each for O1, O3, O4, O5; O2 had all its checks.
      missingChecks: 8,
    });
  });

  it('ranks origin provinces, and the cities within one', async () => {
    const day = await get(command, '/api/dashboard/origins');
    expect(day.items).toEqual([
      { code: '51', name: '四川省', count: 2 },
      { code: '11', name: '北京市', count: 1 },
      { code: '33', name: '浙江省', count: 1 },
    ]);
    const week = await get(command, '/api/dashboard/origins?days=7');
    expect(week.from).toBe(lastDays(today, 7)[0]);
    expect(week.items.map((i: any) => [i.code, i.count])).toEqual([['51', 3], ['33', 2], ['11', 1]]);
    const sichuan = await get(command, '/api/dashboard/origins?days=7&province=51');
    expect(sichuan.province).toEqual({ code: '51', name: '四川省' });
    expect(sichuan.items).toEqual([{ code: '5101', name: '成都市', count: 3 }]);
    const jiriOnly = await get(jiri, '/api/dashboard/origins?days=7');
    expect(jiriOnly.items.map((i: any) => [i.code, i.count])).toEqual([['11', 1], ['33', 1], ['51', 1]]);
  });

  it('counts registrations per compound and per community', async () => {
    const c = await get(command, '/api/dashboard/compounds?days=7');
    expect(c.compounds).toEqual([
      { community: { code: BAKUO_COMMUNITY, name: '绕赛社区居委会' }, compound: '雪新村小区', count: 2 },
      { community: { code: JIRI_COMMUNITY, name: expect.any(String) }, compound: '吉日小区', count: 2 },
      { community: { code: BAKUO_COMMUNITY, name: '绕赛社区居委会' }, compound: '八廓小区', count: 1 },
      { community: { code: JIRI_COMMUNITY, name: expect.any(String) }, compound: null, count: 1 },
    ]);
    expect(c.communities.map((x: any) => [x.code, x.count])).toEqual([[BAKUO_COMMUNITY, 3], [JIRI_COMMUNITY, 3]]);
    const todayOnly = await get(command, '/api/dashboard/compounds');
    expect(todayOnly.communities.map((x: any) => [x.code, x.count])).toEqual([[BAKUO_COMMUNITY, 3], [JIRI_COMMUNITY, 1]]);
  });

  it('draws a trend with every day present and zeros on empty days', async () => {
    const tr = await get(command, '/api/dashboard/trend?days=14');
    expect(tr.days.map((d: any) => d.date)).toEqual(lastDays(today, 14));
    const at = (back: number) => tr.days[13 - back];
    expect(at(0)).toMatchObject({ arrivals: 4, abnormalTemperature: 1, released: 1, underObservation: 6 });
    expect(at(1)).toMatchObject({ arrivals: 1, abnormalTemperature: 0, released: 0, underObservation: 5 });
    expect(at(2)).toMatchObject({ arrivals: 0, underObservation: 5 });
    expect(at(3)).toMatchObject({ arrivals: 1, underObservation: 2 });
    for (let back = 4; back < 14; back++) expect(at(back)).toEqual({ date: lastDays(today, 14)[13 - back], arrivals: 0, abnormalTemperature: 0, underObservation: 1, released: 0 });
    expect((await get(command, '/api/dashboard/trend?days=30')).days).toHaveLength(30);
    expect((await t.call(command, { method: 'GET', url: '/api/dashboard/trend?days=20' })).statusCode).toBe(400);
  });

  it('counts registrations per entry point per hour and per day, from the counts and from the arrivals alike', async () => {
    const dates = lastDays(today, 7);
    const expected = (perDay: Record<number, number>) => dates.map((_, i) => perDay[6 - i] ?? 0);
    for (const [token, scope] of [[command, '54'], [command, '5401']] as const) {
      const e = await get(token, `/api/dashboard/entry-points?jurisdiction=${scope}`);
      expect(e.dates).toEqual(dates);
      expect(e.items).toHaveLength(1);
      expect(e.items[0].name).toBe('拉萨贡嘎国际机场');
      expect(e.items[0].hours).toHaveLength(24);
      expect(e.items[0].hours.reduce((a: number, b: number) => a + b, 0)).toBe(4);
      expect(e.items[0].days).toEqual(expected({ 0: 4, 1: 1, 3: 1 }));
      expect(e.items[0].total).toBe(6);
    }
    // Below city level the figures come from the arrivals themselves.
    const community = await get(jiri, '/api/dashboard/entry-points');
    expect(community.items[0].days).toEqual(expected({ 0: 1, 1: 1, 3: 1 }));
    expect(community.items[0].hours.reduce((a: number, b: number) => a + b, 0)).toBe(1);
    const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
    expect(community.items[0].hours[hour] + (community.items[0].hours[hour - 1] ?? 0)).toBe(1);
    const yesterdayView = await get(command, `/api/dashboard/entry-points?date=${yesterday}&days=1`);
    expect(yesterdayView.items[0]).toMatchObject({ days: [1], total: 1 });
    expect((await get(bakuo, '/api/dashboard/entry-points')).items[0].total).toBe(3);
  });

  it('follows the day’s registrations through the hand-offs, with those waiting past the deadline', async () => {
    expect(await get(command, '/api/dashboard/handoffs')).toMatchObject({
      registered: 4, unitReceived: 3, observationStarted: 2,
      waitingForUnit: { count: 1, overdue: 0 }, waitingForCommunity: { count: 1, overdue: 0 },
    });
    expect(await get(command, `/api/dashboard/handoffs?date=${yesterday}`)).toMatchObject({
      registered: 1, unitReceived: 0, observationStarted: 0, waitingForUnit: { count: 1, overdue: 1 },
    });
    expect(await get(bakuo, '/api/dashboard/handoffs')).toMatchObject({ registered: 3, unitReceived: 2, observationStarted: 1 });
  });

  it('gives each child’s figures: Tibet’s cities in the official order, then down to subdistricts and units', async () => {
    const region = await get(command, '/api/dashboard/children');
    expect(region.children.slice(0, 7).map((c: any) => c.code)).toEqual(['5401', '5402', '5405', '5404', '5403', '5406', '5425']);
    expect(region.children[0].figures).toEqual((await get(command, '/api/dashboard/summary')).figures);
    expect(region.children.slice(1).every((c: any) => c.figures.arrivals.total === 0 && c.figures.underObservation.home === 0)).toBe(true);

    const district = await get(command, '/api/dashboard/children?jurisdiction=540102');
    const child = (code: string) => district.children.find((c: any) => c.code === code);
    expect(child('540102002').figures).toEqual((await get(bakuoSub, '/api/dashboard/summary')).figures);
    expect(child('540102003').figures).toEqual((await get(command, '/api/dashboard/summary?jurisdiction=540102003')).figures);
    expect(child(hotelCode)).toMatchObject({ level: 'unit', kind: 'hotel', figures: { underObservation: { home: 0, centralised: 1 }, arrivals: { total: 0 }, missingChecks: dueToday } });
    expect(district.children.map((c: any) => c.code).indexOf(hotelCode)).toBe(district.children.length - 1);
  });

  it('keeps every figure inside the caller’s jurisdiction', async () => {
    const sub = await get(bakuoSub, '/api/dashboard/summary');
    expect(sub.jurisdiction.code).toBe('540102002');
    expect(sub.figures).toEqual({
      arrivals: { day: 3, total: 3 },
      abnormalTemperature: { day: 1, total: 1 },
      dispositions: { feverClinic: { day: 1, total: 1 }, centralised: { day: 1, total: 1 }, home: { day: 1, total: 1 } },
      handoffsOverdue: 0,
      underObservation: { home: 3, centralised: 0 },
      released: { day: 1, total: 1 },
      missingChecks: 2 * dueToday,
      openAlerts: 1,
    });
    for (const path of ['summary', 'children', 'origins', 'compounds', 'trend', 'entry-points', 'handoffs']) {
      const res = await t.call(bakuoSub, { method: 'GET', url: `/api/dashboard/${path}?jurisdiction=540102003` });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('outside_scope');
    }
    const community = await get(jiri, '/api/dashboard/summary');
    expect(community.figures).toEqual({
      arrivals: { day: 1, total: 3 },
      abnormalTemperature: { day: 0, total: 0 },
      dispositions: { feverClinic: { day: 0, total: 0 }, centralised: { day: 0, total: 0 }, home: { day: 1, total: 3 } },
      handoffsOverdue: 1,
      underObservation: { home: 2, centralised: 0 },
      released: { day: 0, total: 0 },
      missingChecks: dueToday,
      openAlerts: 0,
    });
    const compounds = await get(jiri, '/api/dashboard/compounds?days=7');
    expect(compounds.communities.map((c: any) => c.code)).toEqual([JIRI_COMMUNITY]);
    const trend = await get(bakuo, '/api/dashboard/trend');
    expect(trend.days.reduce((n: number, d: any) => n + d.arrivals, 0)).toBe(3);
    const desk = await t.userWithRole('triage_desk', '5401');
    expect((await t.call(desk.token, { method: 'GET', url: '/api/dashboard/summary' })).statusCode).toBe(403);
  });
});
