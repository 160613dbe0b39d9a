import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases';
import { startTestApp, type TestApp } from './support/app';
import { pinClock, unpinClock } from './support/clock';
import { BAKUO_COMMUNITY, JIRI_COMMUNITY, buildArrival, entryPointId, residentId } from './support/factories';
import { DEFAULT_SCHEDULE, requiredSlots, slotWindow } from '../src/domain/observation';
import { reportDay } from '../src/domain/time';

const TZ = 'Asia/Shanghai';
const DAY = 86_400_000;

describe.each(DIALECTS)('medical observation on %s', (dialect) => {
  let t: TestApp;
  let community: { token: string; username: string };
  const call = (token: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => t.call(token, { method, url, payload });

  const openByHand = async (token: string, daysAgo: number, extra: object = {}) => {
    const res = await call(token, 'POST', '/api/observations', {
      clientId: randomUUID(),
      person: { documentType: 'resident_id', documentNumber: residentId('19800202'), name: '排查人员', phone: '13900001111' },
      communityCode: BAKUO_COMMUNITY,
      startAt: new Date(Date.now() - daysAgo * DAY).toISOString(),
      ...extra,
    });
    expect(res.statusCode).toBe(201);
    return res.json();
  };

  /** One reading in the middle of every slot that is due, as community staff would have entered them. */
  const allChecks = (o: { id: string; startAt: string }, temperature = 36.5) =>
    requiredSlots(o.startAt, new Date().toISOString(), DEFAULT_SCHEDULE, TZ).map((s) => {
      const w = slotWindow(s.day, s.slot, DEFAULT_SCHEDULE, TZ);
      return { clientId: randomUUID(), observationId: o.id, takenAt: new Date((Date.parse(w.start) + Date.parse(w.deadline)) / 2).toISOString(), temperature, symptoms: [] };
    });

  beforeAll(async () => {
    // 14:00 Beijing: today's morning check slot is due, the evening one not yet.
    pinClock('2026-11-23T06:00:00Z');
    t = await startTestApp(dialect);
    community = await t.userWithRole('community', BAKUO_COMMUNITY);
  });
  afterAll(async () => {
    await t?.close();
    unpinClock();
  });

  it('starts home observation when the community receives an arrival, for the policy’s 14 days', async () => {
    const desk = await t.userWithRole('triage_desk', '5401');
    const sub = await t.userWithRole('subdistrict', '540102002');
    const a = (await call(desk.token, 'POST', '/api/arrivals', buildArrival(await entryPointId(t.ctx)))).json();
    await call(sub.token, 'POST', `/api/arrivals/${a.id}/receive`);
    await call(community.token, 'POST', `/api/arrivals/${a.id}/receive`);
    const list = (await call(community.token, 'GET', '/api/observations?status=active&pageSize=1000')).json();
    const o = list.items.find((x: any) => x.arrivalId === a.id);
    const today = reportDay(new Date(), TZ);
    expect(o).toMatchObject({ kind: 'home', reason: 'home_observation', unit: { code: BAKUO_COMMUNITY, name: '绕赛社区居委会' }, startDay: today, handoffDay: null, status: 'active' });
    expect(o.endDay).toBe(new Date(Date.parse(today) + 14 * DAY).toISOString().slice(0, 10));
    expect(o.person.documentNumber).toContain('********');
  });

  it('saves a whole list of checks in one call, idempotently, and raises an alert for an abnormal reading', async () => {
    const people = await Promise.all([1, 2, 3].map(() => openByHand(community.token, 1)));
    const now = new Date().toISOString();
    const checks = people.map((p, i) => ({ clientId: randomUUID(), observationId: p.id, takenAt: now, temperature: i === 2 ? 38.2 : 36.4, symptoms: [] }));
    const first = (await call(community.token, 'POST', '/api/observations/checks', { checks })).json();
    expect(first).toMatchObject({ saved: 3, duplicates: 0 });
    expect(first.alerts).toHaveLength(1);
    const retry = (await call(community.token, 'POST', '/api/observations/checks', { checks })).json();
    expect(retry).toMatchObject({ saved: 0, duplicates: 3, alerts: [] });
    const stored = await t.ctx.db.selectFrom('observation_checks').select('id').where('observation_id', 'in', people.map((p) => p.id)).execute();
    expect(stored).toHaveLength(3);

    const command = await t.userWithRole('command', '54');
    const open = (await call(command.token, 'GET', '/api/alerts?status=open')).json();
    const alert = open.items.find((x: any) => x.id === first.alerts[0].id);
    expect(alert).toMatchObject({ status: 'open', temperature: 38.2, person: { id: people[2].person.id }, unit: { code: BAKUO_COMMUNITY } });

    const closed = await call(community.token, 'POST', `/api/alerts/${alert.id}/close`, { resolution: 'referred', outcome: '发热门诊核酸阴性，返回居家观察' });
    expect(closed.statusCode).toBe(200);
    expect((await call(community.token, 'POST', `/api/alerts/${alert.id}/close`, { resolution: 'rechecked', outcome: 'again' })).statusCode).toBe(409);
    const after = (await call(command.token, 'GET', '/api/alerts?status=open')).json();
    expect(after.items.map((x: any) => x.id)).not.toContain(alert.id);
    const history = (await call(command.token, 'GET', '/api/alerts?status=closed')).json();
    expect(history.items.find((x: any) => x.id === alert.id)).toMatchObject({ resolution: 'referred', outcome: '发热门诊核酸阴性，返回居家观察' });
  });

  it('rejects the whole list when one row is bad, naming the row', async () => {
    const p = await openByHand(community.token, 0);
    const res = await call(community.token, 'POST', '/api/observations/checks', {
      checks: [
        { clientId: randomUUID(), observationId: p.id, takenAt: new Date().toISOString(), temperature: 36.5, symptoms: [] },
        { clientId: randomUUID(), observationId: 'nope', takenAt: new Date().toISOString(), temperature: 36.5, symptoms: [] },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'unknown_code', field: 'checks[1].observationId' });
    expect(await t.ctx.db.selectFrom('observation_checks').select('id').where('observation_id', '=', p.id).execute()).toHaveLength(0);
  });

  it('counts missing checks by Beijing day and lists them region-wide for the command', async () => {
    const p = await openByHand(community.token, 3);
    const all = allChecks(p);
    const yesterday = reportDay(new Date(Date.now() - DAY), TZ);
    const skipped = all.filter((c) => reportDay(c.takenAt, TZ) === yesterday);
    expect(skipped).toHaveLength(2);
    await call(community.token, 'POST', '/api/observations/checks', { checks: all.filter((c) => !skipped.includes(c)) });
    const view = (await call(community.token, 'GET', `/api/observations/${p.id}`)).json();
    expect(view.missing).toBe(2);

    const command = await t.userWithRole('command', '5401');
    const missing = (await call(command.token, 'GET', `/api/observations/missing?day=${yesterday}&limit=1000`)).json();
    expect(missing.slots).toHaveLength(2);
    for (const slot of missing.slots) expect(slot.items.map((x: any) => x.observationId)).toContain(p.id);
    const other = await t.userWithRole('command', '5402');
    const elsewhere = (await call(other.token, 'GET', `/api/observations/missing?day=${yesterday}&limit=1000`)).json();
    expect(elsewhere.slots.every((s: any) => s.missing === 0)).toBe(true);
  });

  it('counts a reading at 23:30 Beijing time for that day, not the next UTC-wise', async () => {
    const p = await openByHand(community.token, 3);
    const twoDaysAgo = reportDay(new Date(Date.now() - 2 * DAY), TZ);
    const lateEvening = new Date(Date.parse(slotWindow(twoDaysAgo, 1, DEFAULT_SCHEDULE, TZ).deadline) - 30 * 60_000).toISOString();
    expect(lateEvening.slice(11, 16)).toBe('15:30');
    await call(community.token, 'POST', '/api/observations/checks', { checks: [{ clientId: randomUUID(), observationId: p.id, takenAt: lateEvening, temperature: 36.6, symptoms: [] }] });
    const stored = await t.ctx.db.selectFrom('observation_checks').select(['report_day', 'slot']).where('observation_id', '=', p.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ report_day: twoDaysAgo, slot: 1 });
    const command = await t.userWithRole('command', '54');
    const evening = (await call(command.token, 'GET', `/api/observations/missing?day=${twoDaysAgo}&limit=1000`)).json().slots.find((s: any) => s.slot === 1);
    expect(evening.items.map((x: any) => x.observationId)).not.toContain(p.id);
    const nextMorning = (await call(command.token, 'GET', `/api/observations/missing?day=${reportDay(new Date(Date.now() - DAY), TZ)}&limit=1000`)).json().slots.find((s: any) => s.slot === 0);
    expect(nextMorning.items.map((x: any) => x.observationId)).toContain(p.id);
  });

  it('releases a person whose period has ended and whose checks are complete, and prints the notice', async () => {
    const due = await openByHand(community.token, 15);
    const incomplete = await openByHand(community.token, 15);
    const early = await openByHand(community.token, 2);
    await call(community.token, 'POST', '/api/observations/checks', { checks: allChecks(due) });
    await call(community.token, 'POST', '/api/observations/checks', { checks: allChecks(incomplete).slice(1) });

    const dueList = (await call(community.token, 'GET', '/api/observations?due=today&status=active&pageSize=1000')).json();
    const ids = dueList.items.map((x: any) => x.id);
    expect(ids).toEqual(expect.arrayContaining([due.id, incomplete.id]));
    expect(ids).not.toContain(early.id);
    expect(dueList.items.find((x: any) => x.id === due.id).releaseBlockers).toEqual([]);
    expect(dueList.items.find((x: any) => x.id === incomplete.id).releaseBlockers).toEqual(['missing_checks']);

    const refused = await call(community.token, 'POST', `/api/observations/${early.id}/release`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'not_releasable' });
    expect(refused.json().message).toContain('观察期未满');

    const bulk = (await call(community.token, 'POST', '/api/observations/release', { ids: [due.id, incomplete.id] })).json();
    expect(bulk.released).toEqual([due.id]);
    expect(bulk.refused).toMatchObject([{ id: incomplete.id, code: 'not_releasable' }]);

    const notice = await call(community.token, 'GET', `/api/observations/${due.id}/notice`);
    expect(notice.statusCode).toBe(200);
    expect(notice.headers['content-type']).toContain('text/html');
    expect(notice.body).toContain('解除医学观察告知书');
    expect(notice.body).toContain('绕赛社区居委会');
    expect(notice.body).toContain(due.person.documentNumber);
    expect(notice.body).not.toMatch(/540102\d{12}/);
    expect((await call(community.token, 'GET', `/api/observations/${early.id}/notice`)).statusCode).toBe(404);
  });

  it('refuses release while an alert is open, and releases once it is closed', async () => {
    const p = await openByHand(community.token, 15);
    await call(community.token, 'POST', '/api/observations/checks', { checks: allChecks(p) });
    const fever = (await call(community.token, 'POST', '/api/observations/checks', {
      checks: [{ clientId: randomUUID(), observationId: p.id, takenAt: new Date().toISOString(), temperature: 37.8, symptoms: [] }],
    })).json();
    expect(fever.alerts).toHaveLength(1);
    expect((await call(community.token, 'GET', `/api/observations/${p.id}`)).json().releaseBlockers).toEqual(['open_alerts']);
    const refused = await call(community.token, 'POST', `/api/observations/${p.id}/release`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'not_releasable' });
    expect(refused.json().message).toContain('有未处理的异常');
    await call(community.token, 'POST', `/api/alerts/${fever.alerts[0].id}/close`, { resolution: 'rechecked', outcome: '复测36.6℃' });
    const released = await call(community.token, 'POST', `/api/observations/${p.id}/release`);
    expect(released.statusCode).toBe(200);
    expect(released.json().status).toBe('released');
  });

  it('raises an alert for symptoms without fever', async () => {
    const p = await openByHand(community.token, 1);
    const res = (await call(community.token, 'POST', '/api/observations/checks', {
      checks: [{ clientId: randomUUID(), observationId: p.id, takenAt: new Date().toISOString(), temperature: 36.5, symptoms: ['咳嗽'] }],
    })).json();
    expect(res).toMatchObject({ saved: 1, alerts: [{ observationId: p.id }] });
  });

  it('refuses checks on an ended observation, naming the row, and saves none of the list', async () => {
    const active = await openByHand(community.token, 1);
    const ended = await openByHand(community.token, 1);
    expect((await call(community.token, 'POST', `/api/observations/${ended.id}/end`, { status: 'transferred', reason: '转送定点医院' })).statusCode).toBe(200);
    const res = await call(community.token, 'POST', '/api/observations/checks', {
      checks: [
        { clientId: randomUUID(), observationId: active.id, takenAt: new Date().toISOString(), temperature: 36.5, symptoms: [] },
        { clientId: randomUUID(), observationId: ended.id, takenAt: new Date().toISOString(), temperature: 36.5, symptoms: [] },
      ],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'observation_closed', field: 'checks[1].observationId' });
    expect(await t.ctx.db.selectFrom('observation_checks').select('id').where('observation_id', 'in', [active.id, ended.id]).execute()).toHaveLength(0);
  });

  it('refuses a reading dated beyond the clock tolerance (5 minutes), and takes one within it', async () => {
    const p = await openByHand(community.token, 1);
    const reading = (minutesAhead: number) => ({ clientId: randomUUID(), observationId: p.id, takenAt: new Date(Date.now() + minutesAhead * 60_000).toISOString(), temperature: 36.5, symptoms: [] });
    const future = await call(community.token, 'POST', '/api/observations/checks', { checks: [reading(0), reading(10)] });
    expect(future.statusCode).toBe(400);
    expect(future.json()).toMatchObject({ code: 'validation', field: 'checks[1].takenAt' });
    expect(await t.ctx.db.selectFrom('observation_checks').select('id').where('observation_id', '=', p.id).execute()).toHaveLength(0);
    const fast = await call(community.token, 'POST', '/api/observations/checks', { checks: [reading(3)] });
    expect(fast.json()).toMatchObject({ saved: 1 });
  });

  it('moves a 7+3 person from the hotel to the community on day 7', async () => {
    const empty = await call(t.adminToken, 'PUT', '/api/observations/policies/centralised_observation', { centralisedDays: 0, homeDays: 0 });
    expect(empty.json()).toMatchObject({ code: 'validation', field: 'homeDays' });
    expect((await call(community.token, 'PUT', '/api/observations/policies/centralised_observation', { centralisedDays: 7, homeDays: 3 })).statusCode).toBe(403);
    expect((await call(t.adminToken, 'PUT', '/api/observations/policies/centralised_observation', { centralisedDays: 7, homeDays: 3 })).statusCode).toBe(200);
    const hotel = (await call(t.adminToken, 'POST', '/api/units', { parentCode: '540102', name: '城关区留观酒店', kind: 'hotel', rooms: 40 })).json();
    const hotelUser = await t.userWithRole('hotel', hotel.code);
    const desk = await t.userWithRole('triage_desk', '5401');
    const sub = await t.userWithRole('subdistrict', '540102002');
    const a = (await call(desk.token, 'POST', '/api/arrivals', buildArrival(await entryPointId(t.ctx), { healthCode: { color: 'yellow' } }))).json();
    expect(a.route.second.code).toBe(hotel.code);
    await call(sub.token, 'POST', `/api/arrivals/${a.id}/receive`);
    await call(hotelUser.token, 'POST', `/api/arrivals/${a.id}/receive`);
    const o = (await call(hotelUser.token, 'GET', '/api/observations?status=active')).json().items.find((x: any) => x.arrivalId === a.id);
    const today = reportDay(new Date(), TZ);
    expect(o).toMatchObject({ kind: 'centralised', unit: { code: hotel.code }, community: { code: BAKUO_COMMUNITY } });
    expect(o.handoffDay).toBe(new Date(Date.parse(today) + 7 * DAY).toISOString().slice(0, 10));
    expect(o.endDay).toBe(new Date(Date.parse(today) + 10 * DAY).toISOString().slice(0, 10));

    expect((await call(hotelUser.token, 'POST', `/api/observations/${o.id}/hand-off`)).statusCode).toBe(409);
    await t.ctx.db.updateTable('observations').set({ handoff_day: today }).where('id', '=', o.id).execute();
    const passed = (await call(hotelUser.token, 'POST', `/api/observations/${o.id}/hand-off`)).json();
    expect(passed.pendingUnit.code).toBe(BAKUO_COMMUNITY);
    const received = (await call(community.token, 'POST', `/api/observations/${o.id}/receive`)).json();
    expect(received).toMatchObject({ kind: 'home', unit: { code: BAKUO_COMMUNITY }, pendingUnit: null, endDay: o.endDay });
    expect((await call(hotelUser.token, 'GET', `/api/observations/${o.id}`)).statusCode).toBe(404);
  });

  it('assigns a room at intake and refuses a full site unless overridden, with the override audited', async () => {
    const site = (await call(t.adminToken, 'POST', '/api/units', { parentCode: '540103', name: '堆龙德庆区隔离点', kind: 'isolation_site', rooms: 1 })).json();
    const siteUser = await t.userWithRole('hotel', site.code);
    const desk = await t.userWithRole('triage_desk', '5401');
    const sub = await t.userWithRole('subdistrict', '540103001');
    const firstCommunity = (await t.ctx.db.selectFrom('jurisdictions').select('code').where('parent_code', '=', '540103001').orderBy('code').executeTakeFirstOrThrow()).code;
    const arrive = async () => {
      const a = (await call(desk.token, 'POST', '/api/arrivals', buildArrival(await entryPointId(t.ctx), { healthCode: { color: 'red' }, destination: { code: firstCommunity, address: '一号' } }))).json();
      expect(a.route.second.code).toBe(site.code);
      await call(sub.token, 'POST', `/api/arrivals/${a.id}/receive`);
      return a;
    };
    const one = await arrive();
    expect((await call(siteUser.token, 'POST', `/api/arrivals/${one.id}/receive`)).statusCode).toBe(200);
    const two = await arrive();
    const full = await call(siteUser.token, 'POST', `/api/arrivals/${two.id}/receive`);
    expect(full.statusCode).toBe(409);
    expect(full.json().code).toBe('site_full');
    expect((await call(siteUser.token, 'GET', `/api/arrivals/${two.id}`)).json().stage).toBe('unit_received');
    const forced = await call(siteUser.token, 'POST', `/api/arrivals/${two.id}/receive`, { override: { reason: '方舱未启用，临时加床' } });
    expect(forced.statusCode).toBe(200);
    expect(forced.json().stage).toBe('observation_started');
    const audit = (await call(t.adminToken, 'GET', '/api/audit?action=override_capacity')).json();
    expect(audit.items.some((e: any) => e.username === siteUser.username && e.jurisdictionCode === site.code)).toBe(true);
    const sites = (await call(siteUser.token, 'GET', `/api/sites?within=${site.code}`)).json();
    expect(JSON.stringify(sites)).toContain(site.code);
  });

  it('keeps each unit to its own people', async () => {
    const mine = await openByHand(community.token, 0);
    const jiri = await t.userWithRole('community', JIRI_COMMUNITY);
    expect((await call(jiri.token, 'GET', `/api/observations/${mine.id}`)).statusCode).toBe(404);
    expect((await call(jiri.token, 'POST', `/api/observations/${mine.id}/release`)).statusCode).toBe(404);
    const res = await call(jiri.token, 'POST', '/api/observations/checks', { checks: [{ clientId: randomUUID(), observationId: mine.id, takenAt: new Date().toISOString(), temperature: 36.5, symptoms: [] }] });
    expect(res.json()).toMatchObject({ code: 'unknown_code', field: 'checks[0].observationId' });
    const list = (await call(jiri.token, 'GET', '/api/observations?pageSize=1000')).json();
    expect(list.items.map((x: any) => x.id)).not.toContain(mine.id);
    expect((await call(jiri.token, 'GET', `/api/observations?unit=${BAKUO_COMMUNITY}`)).statusCode).toBe(403);
    const desk = await t.userWithRole('triage_desk', '5401');
    expect((await call(desk.token, 'GET', '/api/observations')).statusCode).toBe(403);
  });
});

describe.each(DIALECTS)('today’s missing checks at 14:00 Beijing on %s', (dialect) => {
  // 2026-11-23 14:00 Beijing: today's morning slot (due 12:00) is due, the evening one not yet.
  let t: TestApp;
  beforeAll(async () => {
    pinClock('2026-11-23T06:00:00Z');
    t = await startTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
    unpinClock();
  });

  it('never counts yesterday’s checks as today’s', async () => {
    const community = await t.userWithRole('community', JIRI_COMMUNITY);
    const call = (method: 'GET' | 'POST', url: string, payload?: object) => t.call(community.token, { method, url, payload });
    const opened = await call('POST', '/api/observations', {
      clientId: randomUUID(),
      person: { documentType: 'resident_id', documentNumber: residentId('19800202'), name: '排查人员', phone: '13900001111' },
      communityCode: JIRI_COMMUNITY,
      startAt: '2026-11-21T06:00:00Z',
    });
    expect(opened.statusCode).toBe(201);
    const id = opened.json().id;
    // 18:00 on the 21st, 09:00 and 18:00 on the 22nd (Beijing): every slot up to yesterday's last is checked.
    const checks = ['2026-11-21T10:00:00Z', '2026-11-22T01:00:00Z', '2026-11-22T10:00:00Z']
      .map((takenAt) => ({ clientId: randomUUID(), observationId: id, takenAt, temperature: 36.5, symptoms: [] }));
    expect((await call('POST', '/api/observations/checks', { checks })).json()).toMatchObject({ saved: 3, alerts: [] });

    expect((await call('GET', `/api/observations/${id}`)).json().missing).toBe(1);
    const summary = (await call('GET', '/api/dashboard/summary')).json();
    expect(summary).toMatchObject({ date: '2026-11-23', figures: { missingChecks: 1 } });
    const missing = (await call('GET', '/api/observations/missing?limit=100')).json();
    expect(missing.day).toBe('2026-11-23');
    expect(missing.slots.map((s: any) => [s.slot, s.missing])).toEqual([[0, 1]]);
  });
});
