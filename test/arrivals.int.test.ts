import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { DIALECTS } from './support/databases';
import { startTestApp, type TestApp } from './support/app';
import { moveClock, pinClock, unpinClock } from './support/clock';
import { BAKUO_COMMUNITY, JIRI_COMMUNITY, buildArrival, entryPointId, residentId } from './support/factories';

// 01:00 Beijing on 24 November, still the 23rd in UTC: a day taken in the wrong zone shows.
const PINNED_AT = '2026-11-23T17:00:00Z';

describe.each(DIALECTS)('arrival registration and hand-offs on %s', (dialect) => {
  let t: TestApp;
  let airport: string;
  let desk: string;
  const post = (token: string, payload: unknown, headers: Record<string, string> = {}) =>
    t.call(token, { method: 'POST', url: '/api/arrivals', payload: payload as object, headers });
  const count = async (table: 'arrivals' | 'persons' | 'arrival_events') =>
    Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    pinClock(PINNED_AT);
    t = await startTestApp(dialect);
    airport = await entryPointId(t.ctx);
    desk = (await t.userWithRole('triage_desk', '5401')).token;
  });
  afterAll(async () => {
    await t?.close();
    unpinClock();
  });

  it('registers an arrival, triages it home and routes it to the subdistrict then the community', async () => {
    const res = await post(desk, buildArrival(airport));
    expect(res.statusCode).toBe(201);
    const a = res.json();
    expect(a.disposition).toBe('home_observation');
    expect(a.route.first).toEqual({ code: '540102002', name: '八廓街道' });
    expect(a.route.second).toEqual({ code: BAKUO_COMMUNITY, name: '绕赛社区居委会' });
    expect(a.stage).toBe('registered');
    expect(a.holder.code).toBe('540102002');
    expect(a.destination.path).toBe('拉萨市 城关区 八廓街道 绕赛社区居委会');
    expect(a.origin).toEqual({ code: '5101', name: '成都市' });
    expect(a.person.documentNumber).toMatch(/^540102\*{8}\d{3}[\dX]$/);
    expect(a.person.phone).toBe('139****5678');
    expect(a.person).toMatchObject({ birthYear: 1990 });
    expect(a.person).not.toHaveProperty('birthDate');
  });

  it('returns the first result for a retried clientId and creates nothing; the id with other content is refused', async () => {
    const body = buildArrival(airport);
    const first = await post(desk, body);
    const before = { arrivals: await count('arrivals'), persons: await count('persons'), events: await count('arrival_events') };
    const [same, again, changed] = await Promise.all([post(desk, body), post(desk, body), post(desk, { ...body, temperature: 39 })]);
    for (const r of [same, again]) {
      expect(r.statusCode).toBe(200);
      expect(r.json().id).toBe(first.json().id);
      expect(r.json().disposition).toBe('home_observation');
    }
    expect(changed.statusCode).toBe(409);
    expect(changed.json()).toMatchObject({ code: 'client_id_reused', field: 'clientId' });
    expect({ arrivals: await count('arrivals'), persons: await count('persons'), events: await count('arrival_events') }).toEqual(before);
  });

  it('keeps one person per document across arrivals', async () => {
    const documentNumber = residentId('19851231');
    const a = await post(desk, buildArrival(airport, { person: { documentType: 'resident_id', documentNumber, name: '次仁', phone: '13800000001' } }));
    const b = await post(desk, buildArrival(airport, { person: { documentType: 'resident_id', documentNumber: documentNumber.toLowerCase(), name: '次仁', phone: '13800000002' } }));
    expect(b.json().person.id).toBe(a.json().person.id);
    expect(b.json().person.phone).toBe('138****0002');
  });

  it.each([
    ['a wrong ID checksum', (b: any) => ({ ...b, person: { ...b.person, documentNumber: b.person.documentNumber.slice(0, 17) + (b.person.documentNumber.endsWith('1') ? '2' : '1') } }), 'person.documentNumber', 'invalid_document'],
    ['an impossible birth date', (b: any) => ({ ...b, person: { ...b.person, documentNumber: '540102199002300013' } }), 'person.documentNumber', 'invalid_document'],
    ['a missing temperature', (b: any) => { const { temperature: _, ...rest } = b; return rest; }, 'temperature', 'validation'],
    ['a bad health-code colour', (b: any) => ({ ...b, healthCode: { color: 'blue' } }), 'healthCode.color', 'validation'],
    ['an unknown origin', (b: any) => ({ ...b, originCode: '9901' }), 'originCode', 'unknown_code'],
    ['an unknown place visited', (b: any) => ({ ...b, visited: [{ code: '5101', from: '2026-11-01', to: '2026-11-02' }, { code: '9999', from: '2026-11-01', to: '2026-11-02' }] }), 'visited[1].code', 'unknown_code'],
    ['a destination above community level', (b: any) => ({ ...b, destination: { ...b.destination, code: '540102002' } }), 'destination.code', 'destination_level'],
    ['a non-UUID clientId', (b: any) => ({ ...b, clientId: 'abc' }), 'clientId', 'validation'],
    ['an unknown entry point', (b: any) => ({ ...b, entryPointId: 'nope' }), 'entryPointId', 'unknown_code'],
  ])('rejects %s naming the field and writes nothing', async (_name, mutate, field, code) => {
    const before = { arrivals: await count('arrivals'), persons: await count('persons') };
    const res = await post(desk, mutate(buildArrival(airport)));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code, field });
    expect(res.json().message).toMatch(/[\u4e00-\u9fff]/);
    expect({ arrivals: await count('arrivals'), persons: await count('persons') }).toEqual(before);
  });

  it('refuses an entry point as soon as it is deactivated', async () => {
    const added = (await t.call(t.adminToken, { method: 'POST', url: '/api/entry-points', payload: { name: '临时分流点', kind: 'triage_point', jurisdictionCode: '5401' } })).json();
    expect((await post(desk, buildArrival(added.id))).statusCode).toBe(201);
    await t.call(t.adminToken, { method: 'PATCH', url: `/api/entry-points/${added.id}`, payload: { active: false } });
    const refused = await post(desk, buildArrival(added.id));
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'unknown_code', field: 'entryPointId' });
  });

  it('answers in English when asked', async () => {
    const res = await post(desk, { ...buildArrival(airport), temperature: 'hot' }, { 'accept-language': 'en' });
    expect(res.json()).toEqual({ code: 'validation', field: 'temperature', message: 'Field "temperature" must be of type number' });
  });

  it('applies the triage rule: fever, red code, yellow code, high-risk stay', async () => {
    const site = await t.call(t.adminToken, { method: 'POST', url: '/api/units', payload: { parentCode: '540102', name: '城关区集中隔离点一', kind: 'isolation_site', rooms: 120 } });
    expect(site.statusCode).toBe(201);
    const fever = (await post(desk, buildArrival(airport, { temperature: 37.3 }))).json();
    expect(fever).toMatchObject({ disposition: 'fever_clinic', abnormalTemperature: true, reasons: ['fever'] });
    const red = (await post(desk, buildArrival(airport, { healthCode: { color: 'red' } }))).json();
    expect(red.disposition).toBe('centralised_isolation');
    expect(red.route.second.code).toBe(site.json().code);
    expect((await post(desk, buildArrival(airport, { healthCode: { color: 'yellow' } }))).json().disposition).toBe('centralised_observation');
    const area = await t.call(t.adminToken, { method: 'POST', url: '/api/risk-areas', payload: { code: JIRI_COMMUNITY, level: 'high' } });
    expect(area.statusCode).toBe(201);
    const today = new Date().toISOString().slice(0, 10);
    const stay = (await post(desk, buildArrival(airport, { visited: [{ code: JIRI_COMMUNITY, from: today, to: today }] }))).json();
    expect(stay).toMatchObject({ disposition: 'centralised_observation', reasons: ['high_risk_area'] });
    const elsewhere = (await post(desk, buildArrival(airport, { visited: [{ code: '5101', from: today, to: today }] }))).json();
    expect(elsewhere.disposition).toBe('home_observation');
  });

  it('stops counting a high-risk area once it is lowered or lifted', async () => {
    const stay = { visited: [{ code: BAKUO_COMMUNITY, from: '2026-11-20', to: '2026-11-23' }] };
    const disposition = async () => (await post(desk, buildArrival(airport, stay))).json().disposition;
    const designate = async (level: string) => {
      const res = await t.call(t.adminToken, { method: 'POST', url: '/api/risk-areas', payload: { code: '540102002', level } });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    await designate('high');
    expect(await disposition()).toBe('centralised_observation');
    await designate('medium');
    expect(await disposition()).toBe('home_observation');
    const high = await designate('high');
    expect(await disposition()).toBe('centralised_observation');
    expect((await t.call(t.adminToken, { method: 'POST', url: `/api/risk-areas/${high}/lift`, payload: {} })).statusCode).toBe(200);
    expect(await disposition()).toBe('home_observation');
  });

  it('flags a hand-off as overdue after exactly the configured 120 minutes', async () => {
    const waiting = (minutes: number) => async () => {
      const a = (await post(desk, buildArrival(airport))).json();
      await t.ctx.db.updateTable('arrivals').set({ stage_since: new Date(Date.now() - minutes * 60_000).toISOString() }).where('id', '=', a.id).execute();
      return a.id as string;
    };
    const [early, late] = [await waiting(119)(), await waiting(121)()];
    const overdue = async (id: string) => (await t.call(t.adminToken, { method: 'GET', url: `/api/arrivals/${id}` })).json().overdue;
    expect([await overdue(early), await overdue(late)]).toEqual([false, true]);
    const listed = (await t.call(t.adminToken, { method: 'GET', url: '/api/arrivals?overdue=true&pageSize=200' })).json().items.map((a: any) => a.id);
    expect(listed).toContain(late);
    expect(listed).not.toContain(early);
  });

  it('carries the arrival through every acknowledged hand-off, flagging the overdue', async () => {
    const sub = await t.userWithRole('subdistrict', '540102002');
    const com = await t.userWithRole('community', BAKUO_COMMUNITY);
    const registered = (await post(desk, buildArrival(airport, { person: { documentType: 'passport', documentNumber: 'E12345678', name: 'Anna Berg', phone: '4915112345678' } }))).json();
    expect(registered.person.phone).toBe('491******5678');
    const id = registered.id;

    const early = await t.call(com.token, { method: 'POST', url: `/api/arrivals/${id}/receive` });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('not_holder');

    await t.ctx.db.updateTable('arrivals').set({ stage_since: new Date(Date.now() - 3 * 3600_000).toISOString() }).where('id', '=', id).execute();
    const inbox = (await t.call(sub.token, { method: 'GET', url: '/api/arrivals/inbox' })).json();
    expect(inbox.items.find((a: any) => a.id === id)).toMatchObject({ overdue: true, stage: 'registered' });
    const overdueList = (await t.call(t.adminToken, { method: 'GET', url: '/api/arrivals?overdue=true' })).json();
    expect(overdueList.items.map((a: any) => a.id)).toContain(id);

    const r1 = await t.call(sub.token, { method: 'POST', url: `/api/arrivals/${id}/receive` });
    expect(r1.statusCode).toBe(200);
    expect(r1.json()).toMatchObject({ stage: 'unit_received', overdue: false, holder: { code: BAKUO_COMMUNITY } });
    const again = await t.call(sub.token, { method: 'POST', url: `/api/arrivals/${id}/receive` });
    expect(again.statusCode).toBe(200);
    expect(again.json().stage).toBe('unit_received');

    const r2 = await t.call(com.token, { method: 'POST', url: `/api/arrivals/${id}/receive` });
    expect(r2.json()).toMatchObject({ stage: 'observation_started', holder: null });
    const detail = (await t.call(com.token, { method: 'GET', url: `/api/arrivals/${id}` })).json();
    expect(detail.timeline.map((e: any) => [e.stage, e.unit?.code ?? null])).toEqual([
      ['registered', null],
      ['unit_received', '540102002'],
      ['observation_started', BAKUO_COMMUNITY],
    ]);
    expect(detail.timeline[1].actorName).toBe(sub.username);
    const comInbox = (await t.call(com.token, { method: 'GET', url: '/api/arrivals/inbox' })).json();
    expect(comInbox.items.map((a: any) => a.id)).not.toContain(id);
  });

  it('hides arrivals outside the caller’s jurisdiction: 八廓街道 cannot see one routed to 吉日街道', async () => {
    const bakuoCommunity = await t.userWithRole('community', BAKUO_COMMUNITY);
    const bakuoSubdistrict = await t.userWithRole('subdistrict', '540102002');
    const jiri = (await post(desk, buildArrival(airport, { destination: { code: JIRI_COMMUNITY, address: '吉日一巷' } }))).json();
    expect(jiri.route.first.code).toBe('540102003');
    for (const user of [bakuoCommunity, bakuoSubdistrict]) {
      const res = await t.call(user.token, { method: 'GET', url: `/api/arrivals/${jiri.id}` });
      expect(res.statusCode).toBe(404);
      expect((await t.call(user.token, { method: 'POST', url: `/api/arrivals/${jiri.id}/receive` })).statusCode).toBe(404);
      const list = (await t.call(user.token, { method: 'GET', url: '/api/arrivals?pageSize=200' })).json();
      expect(list.items.map((a: any) => a.id)).not.toContain(jiri.id);
      expect(list.items.every((a: any) => a.destination.code.startsWith('540102002'))).toBe(true);
    }
    const jiriUser = await t.userWithRole('subdistrict', '540102003');
    expect((await t.call(jiriUser.token, { method: 'GET', url: `/api/arrivals/${jiri.id}` })).statusCode).toBe(200);
    const other = await t.userWithRole('triage_desk', '5402');
    const foreign = await post(other.token, buildArrival(airport));
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json()).toMatchObject({ code: 'outside_scope', field: 'destination.code' });
  });

  it('masks identifiers and audits every reveal', async () => {
    const doc = residentId('19700707');
    const a = (await post(desk, buildArrival(airport, { person: { documentType: 'resident_id', documentNumber: doc, name: '卓玛', phone: '13698765432' } }))).json();
    const viewer = await t.userWithRole('command', '5401');
    const masked = (await t.call(viewer.token, { method: 'GET', url: `/api/arrivals/${a.id}` })).json();
    expect(masked.person.documentNumber).toBe(doc.slice(0, 6) + '********' + doc.slice(-4));
    expect(masked.person.phone).toBe('136****5432');
    expect((await t.call(viewer.token, { method: 'GET', url: `/api/arrivals/${a.id}?reveal=true` })).statusCode).toBe(403);
    expect((await t.call(viewer.token, { method: 'POST', url: `/api/persons/${a.person.id}/reveal` })).statusCode).toBe(403);

    const revealer = await t.userWithRole('command', '5401', { canReveal: true });
    const clear = (await t.call(revealer.token, { method: 'GET', url: `/api/arrivals/${a.id}?reveal=true` })).json();
    expect(clear.person).toMatchObject({ documentNumber: doc, phone: '13698765432' });
    const revealed = (await t.call(revealer.token, { method: 'POST', url: `/api/persons/${a.person.id}/reveal` })).json();
    expect(revealed).toEqual({ documentNumber: doc, phone: '13698765432' });

    const audit = (await t.call(t.adminToken, { method: 'GET', url: `/api/audit?action=reveal&pageSize=500` })).json();
    const mine = audit.items.filter((e: any) => e.username === revealer.username);
    expect(mine.map((e: any) => [e.entity, e.entityId])).toEqual(expect.arrayContaining([['arrival', a.id], ['person', a.person.id]]));
    expect(JSON.stringify(audit)).not.toContain(doc);
    const creations = (await t.call(t.adminToken, { method: 'GET', url: `/api/audit?action=create&entity=arrival&entityId=${a.id}` })).json();
    expect(creations.items).toHaveLength(1);
    expect(creations.items[0].jurisdictionCode).toBe(BAKUO_COMMUNITY);
    expect((await t.call(viewer.token, { method: 'GET', url: '/api/audit' })).statusCode).toBe(403);
  });

  it('checks roles', async () => {
    const com = await t.userWithRole('community', BAKUO_COMMUNITY);
    expect((await post(com.token, buildArrival(airport))).statusCode).toBe(403);
    const a = (await post(desk, buildArrival(airport))).json();
    expect((await t.call(desk, { method: 'POST', url: `/api/arrivals/${a.id}/receive` })).statusCode).toBe(403);
    expect((await t.call(null, { method: 'GET', url: '/api/arrivals' })).statusCode).toBe(401);
    expect((await t.call(desk, { method: 'POST', url: '/api/users', payload: {} })).statusCode).toBe(403);
  });

  it('filters, searches and paginates the list', async () => {
    const doc = residentId('19921111');
    const mark = (await post(desk, buildArrival(airport, {
      person: { documentType: 'resident_id', documentNumber: doc, name: '格桑梅朵', phone: '13700004321' },
      temperature: 38.1,
      originCode: '3301',
    }))).json();
    const get = async (qs: string) => (await t.call(t.adminToken, { method: 'GET', url: `/api/arrivals?${qs}` })).json();
    expect((await get('q=格桑')).items.map((a: any) => a.id)).toEqual([mark.id]);
    expect((await get('q=4321')).items.map((a: any) => a.id)).toEqual([mark.id]);
    expect((await get(`q=${doc}`)).items.map((a: any) => a.id)).toEqual([mark.id]);
    expect((await get('originCode=33')).items.map((a: any) => a.id)).toEqual([mark.id]);
    const abnormal = await get('abnormal=true&pageSize=200');
    expect(abnormal.items.length).toBeGreaterThan(0);
    expect(abnormal.items.every((a: any) => a.abnormalTemperature)).toBe(true);
    const all = await get('pageSize=3&page=1');
    const page2 = await get('pageSize=3&page=2');
    expect(all.total).toBe(await count('arrivals'));
    expect(all.items).toHaveLength(3);
    expect(page2.items.map((a: any) => a.id)).not.toContain(all.items[0].id);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    expect((await get(`from=${today}&to=${today}`)).total).toBe(all.total);
    expect((await get('from=2020-01-01&to=2020-01-02')).total).toBe(0);
    expect((await get('destCode=540102003')).items.every((a: any) => a.destination.code.startsWith('540102003'))).toBe(true);
    expect((await get('stage=observation_started')).items.every((a: any) => a.stage === 'observation_started')).toBe(true);
  });

  it('exports the filtered list as CSV and XLSX with masked identifiers', async () => {
    const total = (await t.call(t.adminToken, { method: 'GET', url: '/api/arrivals?pageSize=1' })).json().total;
    const csv = await t.call(t.adminToken, { method: 'GET', url: '/api/arrivals/export?format=csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    // The first line names who exported the file and when; the heading follows.
    expect(lines[0]).toMatch(/^导出人：/);
    expect(lines[1]).toMatch(/^登记时间,姓名,证件类型,证件号码/);
    expect(lines).toHaveLength(total + 2);
    expect(csv.body).not.toMatch(/540102\d{12}/);
    const fever = await t.call(t.adminToken, { method: 'GET', url: '/api/arrivals/export?format=csv&abnormal=true' });
    expect(fever.body.trim().split('\r\n').slice(2).every((l) => l.includes(',是,'))).toBe(true);

    const xlsx = await t.call(t.adminToken, { method: 'GET', url: '/api/arrivals/export?format=xlsx', headers: { 'accept-language': 'en' } });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Arrivals')!;
    expect(sheet.getRow(1).getCell(1).text).toMatch(/^Exported by /);
    expect(sheet.getRow(2).getCell(2).value).toBe('Name');
    expect(sheet.rowCount).toBe(total + 2);
    const exports = (await t.call(t.adminToken, { method: 'GET', url: '/api/audit?action=export' })).json();
    expect(exports.items.length).toBeGreaterThanOrEqual(3);
  });
});

describe.each(DIALECTS)('hand-off deadline of 60 minutes on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(dialect, { handoffOverdueMinutes: 60 }); });
  afterAll(async () => { await t?.close(); });

  it('flags a hand-off as overdue after 60 minutes, not 120', async () => {
    const desk = (await t.userWithRole('triage_desk', '5401')).token;
    const airport = await entryPointId(t.ctx);
    const waiting = async (minutes: number) => {
      const a = (await t.call(desk, { method: 'POST', url: '/api/arrivals', payload: buildArrival(airport) })).json();
      await t.ctx.db.updateTable('arrivals').set({ stage_since: new Date(Date.now() - minutes * 60_000).toISOString() }).where('id', '=', a.id).execute();
      return a.id as string;
    };
    const early = await waiting(59);
    const late = await waiting(61);
    const overdue = async (id: string) => (await t.call(t.adminToken, { method: 'GET', url: `/api/arrivals/${id}` })).json().overdue;
    expect([await overdue(early), await overdue(late)]).toEqual([false, true]);
    const listed = (await t.call(t.adminToken, { method: 'GET', url: '/api/arrivals?overdue=true' })).json().items.map((a: any) => a.id);
    expect(listed).toEqual([late]);
    const notListed = (await t.call(t.adminToken, { method: 'GET', url: '/api/arrivals?overdue=false' })).json().items.map((a: any) => a.id);
    expect(notListed).toEqual([early]);
  });
});

describe.each(DIALECTS)('the arrival list’s days on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    pinClock('2026-11-23T12:00:00Z');
    t = await startTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
    unpinClock();
  });

  it('filters by Beijing days, not UTC days', async () => {
    const desk = await t.userWithRole('triage_desk', '5401');
    const airport = await entryPointId(t.ctx);
    // Hours apart: each step signs in afresh, the last session having timed out.
    const registerAt = async (at: string) => {
      moveClock(at);
      const res = await t.call(await t.login(desk.username, desk.password), { method: 'POST', url: '/api/arrivals', payload: buildArrival(airport) });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const lateOn23 = await registerAt('2026-11-23T15:30:00Z'); // 23:30 Beijing, the 23rd in both zones
    const earlyOn24 = await registerAt('2026-11-23T16:30:00Z'); // 00:30 Beijing on the 24th, still the 23rd in UTC
    const lateOn24 = await registerAt('2026-11-24T15:50:00Z'); // 23:50 Beijing, the 24th in both zones
    const admin = await t.login('admin');
    const ids = async (qs: string) =>
      (await t.call(admin, { method: 'GET', url: `/api/arrivals?${qs}&pageSize=200` })).json().items.map((a: any) => a.id).sort();
    for (const dest of ['', `&destCode=${BAKUO_COMMUNITY}`]) {
      expect(await ids(`from=2026-11-23&to=2026-11-23${dest}`)).toEqual([lateOn23]);
      expect(await ids(`from=2026-11-24&to=2026-11-24${dest}`)).toEqual([earlyOn24, lateOn24].sort());
      expect(await ids(`from=2026-11-24${dest}`)).toEqual([earlyOn24, lateOn24].sort());
      expect(await ids(`to=2026-11-23${dest}`)).toEqual([lateOn23]);
    }
  });
});
