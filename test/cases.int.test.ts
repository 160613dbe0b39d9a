import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { DIALECTS } from './support/databases';
import { startTestApp, type TestApp } from './support/app';
import { pinClock, unpinClock } from './support/clock';
import { BAKUO_COMMUNITY, JIRI_COMMUNITY, residentId, buildCase } from './support/factories';
import { addDays } from '../src/domain/observation';
import { dayStart, reportDay } from '../src/domain/time';
import { components, sharedExposureLinks } from '../src/domain/chains';

const TZ = 'Asia/Shanghai';
const HOUR = 3_600_000;

describe.each(DIALECTS)('cases, contacts and tracing on %s', (dialect) => {
  let t: TestApp;
  let cdc: string; // Lhasa city CDC (5401)
  let shigatseCdc: string; // Shigatse city CDC (5402)
  let shigatseCommunity: string;
  type Method = 'GET' | 'POST' | 'PATCH';
  const call = (token: string, method: Method, url: string, payload?: object) => t.call(token, { method, url, payload });
  const iso = (ms: number) => new Date(ms).toISOString();
  const person = (birth = '19900101', name = '扎西') => ({ documentType: 'resident_id', documentNumber: residentId(birth), name, phone: '13912345678' });

  const report = async (token: string, overrides: Record<string, unknown> = {}, status = 201) => {
    const res = await call(token, 'POST', '/api/cases', buildCase(overrides));
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };
  const exposureBody = (overrides: Record<string, unknown> = {}) => ({
    clientId: randomUUID(),
    setting: 'household',
    placeCode: BAKUO_COMMUNITY,
    address: '北京东路12号',
    from: iso(Date.now() - 30 * HOUR),
    to: iso(Date.now() - 28 * HOUR),
    ...overrides,
  });
  const addExposure = async (token: string, caseId: string, overrides: Record<string, unknown> = {}) => {
    const res = await call(token, 'POST', `/api/cases/${caseId}/exposures`, exposureBody(overrides));
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const addContact = async (token: string, exposureId: string, body: Record<string, unknown>, status = 201) => {
    const res = await call(token, 'POST', `/api/exposures/${exposureId}/contacts`, body);
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };
  const upload = (token: string, exposureId: string, body: string | Buffer, contentType = 'text/csv; charset=utf-8', query = '') =>
    t.call(token, { method: 'POST', url: `/api/exposures/${exposureId}/contacts/import${query}`, payload: body, headers: { 'content-type': contentType } });
  const casesOf = async (personId: string) => t.ctx.db.selectFrom('cases').select(['id', 'status']).where('person_id', '=', personId).execute();

  beforeAll(async () => {
    // Figures below are counted by Beijing day: the suite runs at 10:00 Beijing on a fixed day.
    pinClock('2026-11-23T02:00:00Z');
    t = await startTestApp(dialect);
    cdc = (await t.userWithRole('cdc', '5401')).token;
    shigatseCdc = (await t.userWithRole('cdc', '5402')).token;
    shigatseCommunity = (await t.ctx.db.selectFrom('jurisdictions').select('code').where('level', '=', 'community').where('code', 'like', '5402%').orderBy('code').executeTakeFirstOrThrow()).code;
  });
  afterAll(async () => {
    await t?.close();
    unpinClock();
  });

  it('reports a case with masked identifiers and its first event; a retry returns it; bad input names the field', async () => {
    const body = buildCase({ person: person('19880808', '央金') });
    const published = new Promise((resolve) => {
      const stop = t.ctx.changes.subscribe((event) => {
        if (event.kind !== 'case_reported') return;
        stop();
        resolve(event);
      });
    });
    const res = await call(cdc, 'POST', '/api/cases', body);
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({
      outcome: 'created', classification: 'asymptomatic', reportedClassification: 'asymptomatic', clinicalType: null, status: 'reported', origin: 'local',
      jurisdiction: { code: '540102', name: '城关区' }, community: { code: BAKUO_COMMUNITY, name: '绕赛社区居委会' }, reportingUnit: '拉萨市疾控中心',
      cluster: { id: c.id, name: null }, counts: { exposures: 0, closeContacts: 0, secondaryContacts: 0 },
    });
    expect(c.person.documentNumber).toMatch(/^540102\*{8}\d{3}[\dX]$/);
    expect(c.person.phone).toBe('139****5678');
    expect(c.events.map((e: any) => [e.kind, e.to])).toEqual([['reported', 'asymptomatic']]);
    expect(c.waitingMinutes).toBeGreaterThanOrEqual(0);
    expect(await published).toMatchObject({ kind: 'case_reported', codes: ['540102', BAKUO_COMMUNITY] });

    const retry = await call(cdc, 'POST', '/api/cases', body);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ id: c.id, outcome: 'retried' });
    expect(await casesOf(c.person.id)).toHaveLength(1);

    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'detail']).where('entity', '=', 'case').where('entity_id', '=', c.id).execute();
    expect(audit.map((a) => a.action)).toContain('create');
    expect(JSON.stringify(audit)).not.toContain(body.person.documentNumber);

    const bad = async (overrides: Record<string, unknown>, status: number, code: string, field: string) => {
      const r = await call(cdc, 'POST', '/api/cases', buildCase(overrides));
      expect(r.statusCode, r.body).toBe(status);
      expect(r.json()).toMatchObject({ code, field });
    };
    await bad({ classification: 'confirmed' }, 400, 'validation', 'clinicalType');
    await bad({ origin: 'imported' }, 400, 'validation', 'originCode');
    await bad({ firstPositiveAt: iso(Date.now() + 2 * HOUR), reportedAt: iso(Date.now()) }, 400, 'validation', 'firstPositiveAt');
    const wrongCheck = residentId('19770707');
    await bad({ person: { ...person(), documentNumber: wrongCheck.slice(0, 17) + (wrongCheck[17] === '1' ? '2' : '1') } }, 400, 'invalid_document', 'person.documentNumber');
    await bad({ jurisdictionCode: '5402' }, 403, 'outside_scope', 'jurisdictionCode');
    await bad({ reportingUnit: '' }, 400, 'validation', 'reportingUnit');
    await bad({ status: 'released' }, 400, 'validation', 'status');
    const en = await t.call(cdc, { method: 'POST', url: '/api/cases', payload: buildCase({ classification: 'confirmed' }), headers: { 'accept-language': 'en' } });
    expect(en.json().message).toBe('Field "clinicalType" is required for a confirmed case');
  });

  it('answers a retried report that was attached to an open case with that case, also once it has ended', async () => {
    const p = person('19780808', '白玛');
    const first = await report(cdc, { person: p });
    const second = buildCase({ person: p, reportingUnit: '拉萨市人民医院', foundBy: 'fever_clinic' });
    expect((await call(cdc, 'POST', '/api/cases', second)).json()).toMatchObject({ id: first.id, outcome: 'attached' });
    const retried = await call(cdc, 'POST', '/api/cases', second);
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ id: first.id, outcome: 'retried' });
    expect(retried.json().events.map((e: any) => e.kind)).toEqual(['reported', 'attached']);

    await call(cdc, 'PATCH', `/api/cases/${first.id}`, { status: 'isolated' });
    expect((await call(cdc, 'PATCH', `/api/cases/${first.id}`, { status: 'released' })).statusCode).toBe(200);
    const late = await call(cdc, 'POST', '/api/cases', second);
    expect(late.statusCode).toBe(200);
    expect(late.json()).toMatchObject({ id: first.id, outcome: 'retried' });
    expect(await casesOf(first.person.id)).toHaveLength(1);
  });

  it('keeps one open case per person: a second report attaches to it, also when two arrive at once', async () => {
    const p = person('19750505', '次仁');
    const first = await report(cdc, { person: p });
    const second = await report(cdc, { person: p, reportingUnit: '拉萨市人民医院', foundBy: 'fever_clinic' }, 200);
    expect(second).toMatchObject({ id: first.id, outcome: 'attached' });
    expect(second.events.map((e: any) => e.kind)).toEqual(['reported', 'attached']);
    expect(second.events[1].detail).toMatchObject({ reportingUnit: '拉萨市人民医院', foundBy: 'fever_clinic' });

    const q = person('19760606', '达娃');
    const [a, b] = await Promise.all([
      call(cdc, 'POST', '/api/cases', buildCase({ person: q })),
      call(cdc, 'POST', '/api/cases', buildCase({ person: q })),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json().id).toBe(b.json().id);
    expect(await casesOf(a.json().person.id)).toHaveLength(1);
    const events = await t.ctx.db.selectFrom('case_events').select('kind').where('case_id', '=', a.json().id).execute();
    expect(events.map((e) => e.kind).sort()).toEqual(['attached', 'reported']);

    // The first case ends; a new infection later is a new case.
    await call(cdc, 'PATCH', `/api/cases/${first.id}`, { status: 'isolated' });
    expect((await call(cdc, 'PATCH', `/api/cases/${first.id}`, { status: 'released' })).statusCode).toBe(200);
    const again = await report(cdc, { person: p });
    expect(again.id).not.toBe(first.id);
    expect(await casesOf(first.person.id)).toHaveLength(2);

    // A second report for a case that counts elsewhere stays the reporter's own case and asks the
    // holder (协查), without telling the reporter anything of the other jurisdiction.
    const elsewhere = person('19770101', '格桑');
    const held = await report(shigatseCdc, { person: elsewhere, jurisdictionCode: '5402', communityCode: shigatseCommunity });
    const res = await call(cdc, 'POST', '/api/cases', buildCase({ person: elsewhere }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ outcome: 'created' });
    expect(res.json().id).not.toBe(held.id);
    expect(res.body).not.toContain('日喀则');
    const asked = await t.ctx.db.selectFrom('assistance_requests').selectAll().where('target_id', '=', held.id).execute();
    expect(asked).toMatchObject([{ kind: 'case', holder_code: '5402', source_id: res.json().id, status: 'open' }]);
  });

  it('refuses to merge two persons who both hold an open case, and merges once one is closed', async () => {
    const a = await report(cdc, { person: person('19780808', '尼玛') });
    const b = await report(cdc, { person: person('19780808', '尼玛') });
    const merge = () => call(t.adminToken, 'POST', '/api/persons/merge', { survivorId: a.person.id, mergedId: b.person.id });
    const refused = await merge();
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'merge_case_clash' });
    expect(await casesOf(a.person.id)).toHaveLength(1);
    await call(cdc, 'PATCH', `/api/cases/${b.id}`, { status: 'isolated' });
    expect((await call(cdc, 'PATCH', `/api/cases/${b.id}`, { status: 'released' })).statusCode).toBe(200);
    expect((await merge()).statusCode).toBe(200);
    expect(await casesOf(a.person.id)).toHaveLength(2);
  });

  it('changes status along the allowed paths only, keeping every change with who and when', async () => {
    const c = await report(cdc, { classification: 'confirmed', clinicalType: 'moderate', jurisdictionCode: '540103', firstPositiveAt: iso(Date.now() - 5 * HOUR), reportedAt: iso(Date.now() - 3 * HOUR) });
    const patch = (body: object) => call(cdc, 'PATCH', `/api/cases/${c.id}`, body);
    const skip = await patch({ status: 'cured_discharged' });
    expect(skip.statusCode).toBe(409);
    expect(skip.json()).toMatchObject({ code: 'case_transition', field: 'status' });
    expect(skip.json().message).toBe('病例状态不能从“已报告，待转运”改为“治愈出院”');
    const admittedAt = iso(Date.now() - HOUR);
    const admitted = (await patch({ status: 'admitted', facility: '西藏自治区第三人民医院', at: admittedAt })).json();
    expect(admitted).toMatchObject({ status: 'admitted', statusSince: admittedAt, controlledAt: admittedAt, facility: '西藏自治区第三人民医院', waitingMinutes: null });
    expect(admitted.infectiousPeriod.to).toBe(admittedAt);
    expect((await patch({ status: 'released' })).json()).toMatchObject({ code: 'case_transition' });
    expect((await patch({ clinicalType: 'severe' })).json().clinicalType).toBe('severe');
    const cured = (await patch({ status: 'cured_discharged' })).json();
    expect(cured.status).toBe('cured_discharged');
    expect(cured.endedAt).not.toBeNull();
    expect(cured.events.map((e: any) => [e.kind, e.from, e.to])).toEqual([
      ['reported', null, 'confirmed'],
      ['status', 'reported', 'admitted'],
      ['facility', null, '西藏自治区第三人民医院'],
      ['clinical_type', 'moderate', 'severe'],
      ['status', 'admitted', 'cured_discharged'],
    ]);
    expect(cured.events.every((e: any) => e.actorName.startsWith('cdc_'))).toBe(true);
    const closed = await patch({ clinicalType: 'mild' });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().code).toBe('case_closed');
    expect((await patch({})).json()).toMatchObject({ code: 'validation' });
  });

  it('counts a reclassified case once: as new on its report day, as reclassified on a later day', async () => {
    const today = reportDay(new Date(), TZ);
    const yesterday = addDays(today, -1);
    const at = (day: string, hours: number) => iso(Date.parse(dayStart(day, TZ)) + hours * HOUR);
    const within = '540104';
    const earlier = await report(cdc, { jurisdictionCode: within, reportedAt: at(yesterday, 9), firstPositiveAt: at(yesterday, 2) });
    // Reported now, whatever the hour: today's cases must stay on today (Beijing time).
    const sameDay = await report(cdc, { jurisdictionCode: within, firstPositiveAt: at(yesterday, 2) });
    await report(cdc, { jurisdictionCode: within, classification: 'confirmed', clinicalType: 'mild', firstPositiveAt: at(yesterday, 2) });
    await report(cdc, { jurisdictionCode: within, origin: 'imported', originCode: '5101', firstPositiveAt: at(yesterday, 2) });

    const noType = await call(cdc, 'PATCH', `/api/cases/${earlier.id}`, { classification: 'confirmed' });
    expect(noType.json()).toMatchObject({ code: 'validation', field: 'clinicalType' });
    const reclassified = (await call(cdc, 'PATCH', `/api/cases/${earlier.id}`, { classification: 'confirmed', clinicalType: 'mild', onsetDate: today })).json();
    expect(reclassified).toMatchObject({ classification: 'confirmed', reportedClassification: 'asymptomatic', clinicalType: 'mild', onsetDate: today });
    expect(reclassified.events.map((e: any) => e.kind)).toEqual(['reported', 'reclassified', 'clinical_type', 'onset_date']);
    await call(cdc, 'PATCH', `/api/cases/${sameDay.id}`, { classification: 'confirmed', clinicalType: 'moderate' });
    const back = await call(cdc, 'PATCH', `/api/cases/${sameDay.id}`, { classification: 'confirmed', clinicalType: 'moderate' });
    expect(back.statusCode).toBe(200);
    expect(back.json().events.filter((e: any) => e.kind === 'reclassified')).toHaveLength(1);

    const daily = (day: string) => call(cdc, 'GET', `/api/cases/daily?day=${day}&within=${within}`).then((r) => r.json());
    expect(await daily(today)).toMatchObject({
      local: { confirmed: 2, asymptomatic: 0, reclassified: 1, newInfections: 2 },
      imported: { confirmed: 0, asymptomatic: 1, reclassified: 0, newInfections: 1 },
      current: { reported: 4, isolated: 0, admitted: 0 },
    });
    expect((await daily(yesterday)).local).toEqual({ confirmed: 0, asymptomatic: 1, reclassified: 0, newInfections: 1 });
  });

  it('takes exposures within the infectious period and refuses those outside it, naming the field', async () => {
    const positiveDay = reportDay(new Date(Date.now() - 3 * 86_400_000), TZ);
    const c = await report(cdc, { firstPositiveAt: iso(Date.parse(dayStart(positiveDay, TZ)) + 10 * HOUR), reportedAt: iso(Date.now() - 12 * HOUR) });
    const from = dayStart(addDays(positiveDay, -2), TZ);
    expect(c.infectiousPeriod).toEqual({ from, to: null });

    const inside = exposureBody({ from: iso(Date.parse(from) + HOUR), to: iso(Date.parse(from) + 3 * HOUR) });
    const e = await call(cdc, 'POST', `/api/cases/${c.id}/exposures`, inside);
    expect(e.statusCode).toBe(201);
    expect(e.json()).toMatchObject({ setting: 'household', place: { code: BAKUO_COMMUNITY, name: '绕赛社区居委会' }, contacts: { close: 0, secondary: 0 } });
    expect((await call(cdc, 'POST', `/api/cases/${c.id}/exposures`, inside)).statusCode).toBe(200);

    const before = await call(cdc, 'POST', `/api/cases/${c.id}/exposures`, exposureBody({ from: iso(Date.parse(from) - 5 * HOUR), to: iso(Date.parse(from) - HOUR) }));
    expect(before.statusCode).toBe(400);
    expect(before.json()).toMatchObject({ code: 'outside_infectious_period', field: 'to' });
    expect(before.json().message).toContain('尚未隔离收治');

    const isolatedAt = iso(Date.now() - 10 * HOUR);
    expect((await call(cdc, 'PATCH', `/api/cases/${c.id}`, { status: 'isolated', at: isolatedAt })).json().infectiousPeriod).toEqual({ from, to: isolatedAt });
    const early = await call(cdc, 'PATCH', `/api/cases/${c.id}`, { status: 'admitted', at: iso(Date.now() - 11 * HOUR) });
    expect(early.json()).toMatchObject({ code: 'validation', field: 'at' });
    const after = await call(cdc, 'POST', `/api/cases/${c.id}/exposures`, exposureBody({ from: iso(Date.now() - 5 * HOUR), to: iso(Date.now() - 4 * HOUR) }));
    expect(after.json()).toMatchObject({ code: 'outside_infectious_period', field: 'from' });

    const bad = async (overrides: Record<string, unknown>, field: string) => {
      const r = await call(cdc, 'POST', `/api/cases/${c.id}/exposures`, exposureBody(overrides));
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().field).toBe(field);
    };
    await bad({ placeCode: undefined }, 'placeCode');
    await bad({ setting: 'transport', placeCode: undefined }, 'transport');
    await bad({ placeCode: '549999' }, 'placeCode');
    await bad({ from: iso(Date.now() - 20 * HOUR), to: iso(Date.now() - 30 * HOUR) }, 'to');
    await bad({ setting: 'picnic' }, 'setting');
    expect((await call(cdc, 'GET', `/api/cases/${c.id}/exposures`)).json()).toHaveLength(1);
  });

  it('puts close and secondary contacts under control, so that their community lists them without re-entry', async () => {
    const community = (await t.userWithRole('community', BAKUO_COMMUNITY)).token;
    const c = await report(cdc, { person: person('19600101', '病例甲') });
    const e = await addExposure(cdc, c.id);
    const contact = await addContact(cdc, e.id, { person: person('19610101', '密接甲'), communityCode: BAKUO_COMMUNITY, seat: '3' });
    expect(contact).toMatchObject({
      degree: 'close', caseId: c.id, viaContactId: null, status: 'under_control', community: { code: BAKUO_COMMUNITY },
      observation: { reason: 'close_contact', kind: 'home', status: 'active', unit: { code: BAKUO_COMMUNITY } },
    });
    const list = (await call(community, 'GET', '/api/observations?status=active&pageSize=1000')).json();
    const o = list.items.find((x: any) => x.id === contact.observation.id);
    expect(o).toMatchObject({ reason: 'close_contact', person: { id: contact.person.id, name: '密接甲' }, unit: { code: BAKUO_COMMUNITY } });
    // 7 days centralised + 3 at home, all at home when no site is named.
    expect(o.endDay).toBe(addDays(o.startDay, 10));

    const secondary = await call(cdc, 'POST', `/api/contacts/${contact.id}/contacts`, { person: person('19620101', '次密接甲'), communityCode: JIRI_COMMUNITY });
    expect(secondary.statusCode, secondary.body).toBe(201);
    expect(secondary.json()).toMatchObject({ degree: 'secondary', viaContactId: contact.id, exposureId: e.id, observation: { reason: 'secondary_contact', kind: 'home', unit: { code: JIRI_COMMUNITY } } });
    expect(secondary.json().observation.endDay).toBe(addDays(reportDay(new Date(), TZ), 7));
    const third = await call(cdc, 'POST', `/api/contacts/${secondary.json().id}/contacts`, { person: person('19630101'), communityCode: JIRI_COMMUNITY });
    expect(third.statusCode).toBe(409);
    expect(third.json().code).toBe('contact_degree');

    const noDocument = await call(cdc, 'POST', `/api/exposures/${e.id}/contacts`, { person: { ...person(), documentNumber: undefined }, communityCode: BAKUO_COMMUNITY });
    expect(noDocument.json()).toMatchObject({ code: 'validation', field: 'person.documentNumber' });
    const noPlace = await call(cdc, 'POST', `/api/exposures/${e.id}/contacts`, { person: person('19640101') });
    expect(noPlace.json()).toMatchObject({ code: 'validation', field: 'communityCode' });

    const detail = (await call(cdc, 'GET', `/api/cases/${c.id}`)).json();
    expect(detail.counts).toEqual({ exposures: 1, closeContacts: 1, secondaryContacts: 1 });

    // Control ends through the observation flow; the contact's standing follows it.
    const ended = await call(community, 'POST', `/api/observations/${contact.observation.id}/end`, { status: 'ended', reason: '经核实非密接' });
    expect(ended.statusCode).toBe(200);
    const endedContacts = (await call(cdc, 'GET', `/api/contacts?caseId=${c.id}&status=ended`)).json();
    expect(endedContacts.items.map((x: any) => [x.id, x.status])).toEqual([[contact.id, 'ended']]);
    expect((await call(cdc, 'GET', `/api/contacts?caseId=${c.id}&status=under_control`)).json().items.map((x: any) => x.id)).toEqual([secondary.json().id]);
    const secondaries = (await call(cdc, 'GET', `/api/contacts?caseId=${c.id}&degree=secondary`)).json();
    expect(secondaries.items.map((x: any) => x.id)).toEqual([secondary.json().id]);
  });

  it('finds the same person again for the same exposure, joins an observation already running, and quarantines at a site', async () => {
    const c = await report(cdc, { person: person('19650101', '病例乙') });
    const e = await addExposure(cdc, c.id, { setting: 'work', address: '金珠西路8号' });
    const p = person('19660101', '密接乙');
    const first = await addContact(cdc, e.id, { person: p, communityCode: BAKUO_COMMUNITY });
    const repeat = await addContact(cdc, e.id, { person: p, communityCode: BAKUO_COMMUNITY }, 200);
    expect(repeat.id).toBe(first.id);
    expect(await t.ctx.db.selectFrom('observations').select('id').where('person_id', '=', first.person.id).execute()).toHaveLength(1);

    const other = await addExposure(cdc, c.id, { setting: 'gathering', address: '宗角禄康公园' });
    const joined = await addContact(cdc, other.id, { person: p, communityCode: BAKUO_COMMUNITY });
    expect(joined.id).not.toBe(first.id);
    expect(joined.observation.id).toBe(first.observation.id);

    const site = (await call(t.adminToken, 'POST', '/api/units', { parentCode: '540102', name: '城关区密接隔离点', kind: 'isolation_site', rooms: 50 })).json().code;
    const centralised = await addContact(cdc, e.id, { person: person('19670101', '密接丙'), communityCode: JIRI_COMMUNITY, siteCode: site });
    expect(centralised.observation).toMatchObject({ kind: 'centralised', reason: 'close_contact', unit: { code: site } });
    const o = (await call(t.adminToken, 'GET', `/api/observations/${centralised.observation.id}`)).json();
    expect(o.handoffDay).toBe(addDays(o.startDay, 7));
    expect(o.community.code).toBe(JIRI_COMMUNITY);
    // On the hand-off day the site passes them to their community, and no longer sees the contact.
    const siteUser = await t.userWithRole('hotel', site);
    expect((await call(siteUser.token, 'GET', `/api/contacts/${centralised.id}`)).statusCode).toBe(200);
    await t.ctx.db.updateTable('observations').set({ handoff_day: o.startDay }).where('id', '=', o.id).execute();
    expect((await call(t.adminToken, 'POST', `/api/observations/${o.id}/hand-off`)).statusCode).toBe(200);
    expect((await call(t.adminToken, 'POST', `/api/observations/${o.id}/receive`)).statusCode).toBe(200);
    expect((await call(siteUser.token, 'GET', `/api/contacts/${centralised.id}`)).statusCode).toBe(404);
    expect((await call(cdc, 'GET', `/api/contacts/${centralised.id}`)).json().observation.unit.code).toBe(JIRI_COMMUNITY);
    const notSite = await call(cdc, 'POST', `/api/exposures/${e.id}/contacts`, { person: person('19680101'), communityCode: JIRI_COMMUNITY, siteCode: BAKUO_COMMUNITY });
    expect(notSite.json()).toMatchObject({ code: 'not_a_site', field: 'siteCode' });
  });

  it('refuses a case as their own contact', async () => {
    const p = person('19690101', '病例丙');
    const c = await report(cdc, { person: p });
    const e = await addExposure(cdc, c.id);
    const res = await call(cdc, 'POST', `/api/exposures/${e.id}/contacts`, { person: p, communityCode: BAKUO_COMMUNITY });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'already_case', field: 'person.documentNumber' });
  });

  it('imports a manifest: bad lines are named by number, the rest taken, and a second upload creates nothing', async () => {
    const c = await report(cdc, { person: person('19700101', '航班病例'), origin: 'imported', originCode: '5101' });
    const e = await addExposure(cdc, c.id, { setting: 'transport', placeCode: undefined, address: '成都—拉萨', transport: { mode: 'flight', number: 'TV9872', seat: '12A' } });
    const communities = [BAKUO_COMMUNITY, JIRI_COMMUNITY, shigatseCommunity];
    const lines = ['姓名,证件类型,证件号码,手机号码,座位号,社区代码'];
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const id = residentId('19710101');
      ids.push(id);
      let doc = id;
      let community = communities[i % 3];
      if (i === 3) doc = id.slice(0, 17) + (id[17] === '1' ? '2' : '1'); // line 5: wrong check character
      if (i === 7) community = '540102999999'; // line 9: no such community
      if (i === 10) doc = ids[1]; // line 12: the same person as line 3
      lines.push(`旅客${i},${i % 5 === 0 ? '身份证' : ''},${doc},1390000${String(i).padStart(4, '0')},${10 + i}C,${community}`);
    }
    const csv = lines.join('\r\n') + '\r\n';
    const res = await upload(cdc, e.id, csv);
    expect(res.statusCode, res.body).toBe(200);
    const first = res.json();
    expect(first).toMatchObject({ exposureId: e.id, lines: 30, created: 27, existing: 0, repeated: 1, observationsOpened: 27, observationsJoined: 0 });
    expect(first.issues.map((i: any) => [i.line, i.field])).toEqual([[5, 'line[5].documentNumber'], [9, 'line[9].communityCode']]);
    expect(first.issues[0].message).toBe('第 5 行“证件号码”列：校验位不正确');
    expect(first.issues[1].message).toBe('第 9 行“社区代码”列：找不到社区或单位代码 540102999999');

    const second = (await upload(cdc, e.id, csv)).json();
    expect(second).toMatchObject({ lines: 30, created: 0, existing: 27, repeated: 1, observationsOpened: 0 });
    expect(second.issues.map((i: any) => i.line)).toEqual([5, 9]);
    const stored = await t.ctx.db.selectFrom('contacts').select(['person_id', 'seat', 'observation_id']).where('exposure_id', '=', e.id).execute();
    expect(stored).toHaveLength(27);
    expect(new Set(stored.map((s) => s.observation_id)).size).toBe(27);
    const contacts = (await call(cdc, 'GET', `/api/contacts?exposureId=${e.id}&pageSize=100`)).json();
    expect(contacts.total).toBe(27);
    expect(contacts.items.find((x: any) => x.person.name === '旅客0')).toMatchObject({ seat: '10C', community: { code: BAKUO_COMMUNITY }, observation: { unit: { code: BAKUO_COMMUNITY } } });

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('乘客名单');
    sheet.addRow(['name', 'documentNumber', 'phone', 'seat', 'communityCode']);
    sheet.addRow(['旅客0', ids[0], '13900000000', '10C', BAKUO_COMMUNITY]);
    sheet.addRow(['新旅客一', residentId('19720101'), '13900000031', '40A', JIRI_COMMUNITY]);
    sheet.addRow(['新旅客二', residentId('19720101'), '13900000032', '40B', JIRI_COMMUNITY]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const fromXlsx = await upload(cdc, e.id, xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(fromXlsx.statusCode, fromXlsx.body).toBe(200);
    expect(fromXlsx.json()).toMatchObject({ lines: 3, created: 2, existing: 1, issues: [] });

    const heading = await upload(cdc, e.id, '姓名,手机号码\n张三,13900000000\n');
    expect(heading.statusCode).toBe(400);
    expect(heading.json()).toMatchObject({ code: 'import_line', field: 'line[1].documentNumber' });
    const garbage = await upload(cdc, e.id, Buffer.from('not a workbook'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(garbage.json()).toMatchObject({ code: 'manifest_file', field: 'file' });
    const site = (await call(t.adminToken, 'POST', '/api/units', { parentCode: '540102', name: '城关区航班密接隔离点', kind: 'isolation_site', rooms: 100 })).json().code;
    const atSite = await upload(cdc, e.id, '姓名\t证件号码\t手机号码\t地址\n王五\t' + residentId('19720101') + '\t13900000000\t四川省成都市武侯区\n', 'text/plain', `?siteCode=${site}`);
    expect(atSite.json()).toMatchObject({ created: 1, issues: [] });
    const quarantined = (await call(cdc, 'GET', `/api/contacts?exposureId=${e.id}&q=王五`)).json().items[0];
    expect(quarantined).toMatchObject({ community: null, address: '四川省成都市武侯区', observation: { kind: 'centralised', unit: { code: site } } });
    const noSite = await upload(cdc, e.id, '姓名,证件号码,手机号码\n李四,' + residentId('19720101') + ',13900000000\n');
    expect(noSite.json().issues).toEqual([{ line: 2, field: 'line[2].communityCode', message: '第 2 行：居家管控须填写社区代码（或上传时指定集中隔离点）' }]);
  });

  it('turns a positive contact into a case linked to the source, in its cluster, and grows the chain', async () => {
    const source = await report(cdc, { person: person('19730101', '源病例') });
    const e = await addExposure(cdc, source.id, { setting: 'venue', address: '八廓街茶馆' });
    const k = await addContact(cdc, e.id, { person: person('19730202', '阳性密接'), communityCode: BAKUO_COMMUNITY });
    const second = await addContact(cdc, e.id, { person: person('19730303', '阴性密接'), communityCode: BAKUO_COMMUNITY });
    const body = { clientId: randomUUID(), classification: 'asymptomatic', firstPositiveAt: iso(Date.now() - HOUR), reportingUnit: '拉萨市疾控中心' };
    const res = await call(cdc, 'POST', `/api/contacts/${k.id}/positive`, body);
    expect(res.statusCode, res.body).toBe(201);
    const { case: c, contact } = res.json();
    expect(c).toMatchObject({ sourceCaseId: source.id, sourceContactId: k.id, foundBy: 'contact_control', origin: 'local', jurisdiction: { code: '540102' }, cluster: { id: source.cluster.id } });
    expect(c.person.id).toBe(k.person.id);
    expect(contact).toMatchObject({ status: 'positive', positiveCaseId: c.id, observation: { status: 'transferred' } });
    const retry = await call(cdc, 'POST', `/api/contacts/${k.id}/positive`, body);
    expect(retry.statusCode).toBe(200);
    expect(retry.json().case.id).toBe(c.id);

    const chain = (await call(cdc, 'GET', `/api/cases/${source.id}/chain`)).json();
    expect(chain.cluster).toMatchObject({ id: source.cluster.id, size: 2 });
    const place = chain.nodes.find((n: any) => n.kind === 'place');
    expect(place).toMatchObject({ label: '绕赛社区居委会 八廓街茶馆', setting: 'venue', contacts: 2, contactsShown: 2 });
    expect(chain.edges).toEqual(expect.arrayContaining([
      { source: `case:${source.id}`, target: place.id, kind: 'exposed' },
      { source: place.id, target: `contact:${k.id}`, kind: 'contact' },
      { source: place.id, target: `contact:${second.id}`, kind: 'contact' },
      { source: `contact:${k.id}`, target: `case:${c.id}`, kind: 'became_case' },
    ]));
    expect(chain.edges.some((x: any) => x.kind === 'infected')).toBe(false);

    // Another case at the same place at an overlapping time joins the cluster; so does one infected by the new case.
    const visitor = await report(cdc, { person: person('19730404', '同场所病例') });
    await addExposure(cdc, visitor.id, { setting: 'venue', address: '八廓街 茶馆', from: iso(Date.parse(e.from) + HOUR), to: iso(Date.parse(e.to) + HOUR) });
    const child = await report(cdc, { person: person('19730505', '续发病例'), sourceCaseId: c.id });
    expect(child.cluster.id).toBe(source.cluster.id);
    const grown = (await call(cdc, 'GET', `/api/cases/${c.id}/chain?maxContacts=1`)).json();
    expect(grown.cluster.size).toBe(4);
    expect(grown.nodes.filter((n: any) => n.kind === 'place')).toHaveLength(1);
    expect(grown.nodes.filter((n: any) => n.kind === 'contact').map((n: any) => n.contactId)).toEqual([k.id]);
    expect(grown.contactsNotShown).toBe(1);
    expect(grown.edges).toContainEqual({ source: `case:${visitor.id}`, target: place.id, kind: 'exposed' });
    expect(grown.edges).toContainEqual({ source: `case:${c.id}`, target: `case:${child.id}`, kind: 'infected' });
    expect((await call(cdc, 'GET', `/api/cases/${visitor.id}`)).json().cluster.id).toBe(source.cluster.id);

    const cycle = await call(cdc, 'PATCH', `/api/cases/${source.id}`, { sourceCaseId: child.id });
    expect(cycle.statusCode).toBe(409);
    expect(cycle.json()).toMatchObject({ code: 'source_cycle', field: 'sourceCaseId' });
    const lone = await report(cdc, { person: person('19730606', '后查明来源') });
    const linked = (await call(cdc, 'PATCH', `/api/cases/${lone.id}`, { sourceCaseId: visitor.id })).json();
    expect(linked.cluster.id).toBe(source.cluster.id);
    expect(linked.events.map((x: any) => x.kind)).toContain('source');

    const clusters = (await call(cdc, 'GET', '/api/clusters?minSize=2')).json();
    const mine = clusters.items.find((x: any) => x.id === source.cluster.id);
    expect(mine).toMatchObject({ size: 5, contacts: 2, name: null, firstPlace: { code: BAKUO_COMMUNITY, address: '八廓街茶馆' } });
    expect((await call(cdc, 'PATCH', `/api/clusters/${mine.id}`, { name: '八廓街茶馆聚集性疫情' })).json()).toMatchObject({ id: mine.id, name: '八廓街茶馆聚集性疫情', size: 5 });
    expect((await call(cdc, 'GET', `/api/cases/${child.id}`)).json().cluster.name).toBe('八廓街茶馆聚集性疫情');
    expect((await call(shigatseCdc, 'PATCH', `/api/clusters/${mine.id}`, { name: 'x' })).statusCode).toBe(404);

    // The stored clusters are exactly the components of every source link and shared exposure.
    const cases = await t.ctx.db.selectFrom('cases').select(['id', 'cluster_id', 'source_case_id']).execute();
    const exposures = await t.ctx.db.selectFrom('exposures').select(['case_id', 'place_key', 'from_at', 'to_at']).execute();
    const roots = components(cases.map((x) => x.id), [
      ...cases.flatMap((x) => (x.source_case_id ? [[x.source_case_id, x.id] as const] : [])),
      ...sharedExposureLinks(exposures.map((x) => ({ caseId: x.case_id, placeKey: x.place_key, from: x.from_at, to: x.to_at }))),
    ]);
    for (const x of cases) expect(x.cluster_id).toBe(roots.get(x.id));
  });

  it('lists the cases still waiting for isolation or admission, longest first, with their waiting time', async () => {
    const within = '540121';
    const older = await report(cdc, { jurisdictionCode: within, reportedAt: iso(Date.now() - 3 * HOUR), firstPositiveAt: iso(Date.now() - 5 * HOUR) });
    const newer = await report(cdc, { jurisdictionCode: within, reportedAt: iso(Date.now() - HOUR), firstPositiveAt: iso(Date.now() - 5 * HOUR) });
    await report(cdc, { jurisdictionCode: within, status: 'admitted', facility: '林周县人民医院' });
    const list = (await call(cdc, 'GET', `/api/cases/waiting?within=${within}`)).json();
    expect(list.items.map((x: any) => x.id)).toEqual([older.id, newer.id]);
    expect(list.total).toBe(2);
    expect(list.items[0].waitingMinutes).toBeGreaterThanOrEqual(180);
    expect(list.items[0].waitingMinutes).toBeLessThan(185);
    expect(list.oldestWaitingMinutes).toBe(list.items[0].waitingMinutes);
    await call(cdc, 'PATCH', `/api/cases/${older.id}`, { status: 'isolated', facility: '林周县集中隔离点' });
    const after = (await call(cdc, 'GET', `/api/cases/waiting?within=${within}`)).json();
    expect(after.items.map((x: any) => x.id)).toEqual([newer.id]);
    const region = (await call((await t.userWithRole('command', '54')).token, 'GET', '/api/cases/waiting?pageSize=500')).json();
    expect(region.items.map((x: any) => x.id)).toContain(newer.id);
    expect(region.items.map((x: any) => x.reportedAt)).toEqual([...region.items.map((x: any) => x.reportedAt)].sort());
  });

  it('scopes cases and contacts: a city sees its own, plus contacts living there of cases elsewhere, and nothing else', async () => {
    const lhasaCase = await report(cdc, { person: person('19740101', '拉萨病例') });
    const le = await addExposure(cdc, lhasaCase.id, { setting: 'transport', placeCode: undefined, address: '拉萨—日喀则', transport: { mode: 'train', number: 'Z8801' } });
    const inLhasa = await addContact(cdc, le.id, { person: person('19740202', '拉萨密接'), communityCode: BAKUO_COMMUNITY });
    const inShigatse = await addContact(cdc, le.id, { person: person('19740303', '日喀则密接'), communityCode: shigatseCommunity });
    const shigatseCase = await report(shigatseCdc, { person: person('19740404', '日喀则病例'), jurisdictionCode: '5402', communityCode: shigatseCommunity });
    const se = await addExposure(shigatseCdc, shigatseCase.id, { placeCode: shigatseCommunity });
    const theirs = await addContact(shigatseCdc, se.id, { person: person('19740505', '日喀则本地密接'), communityCode: shigatseCommunity });

    const ids = (res: any) => res.json().items.map((x: any) => x.id);
    const shigatseCases = ids(await call(shigatseCdc, 'GET', '/api/cases?pageSize=500'));
    expect(shigatseCases).toContain(shigatseCase.id);
    expect(shigatseCases).not.toContain(lhasaCase.id);
    for (const [method, url, body] of [
      ['GET', `/api/cases/${lhasaCase.id}`], ['GET', `/api/cases/${lhasaCase.id}/chain`], ['GET', `/api/cases/${lhasaCase.id}/exposures`],
      ['PATCH', `/api/cases/${lhasaCase.id}`, { status: 'isolated' }], ['POST', `/api/cases/${lhasaCase.id}/exposures`, exposureBody()],
      ['POST', `/api/exposures/${le.id}/contacts`, { person: person('19740606'), communityCode: shigatseCommunity }],
      ['GET', `/api/contacts/${inLhasa.id}`],
    ] as [Method, string, object?][]) {
      expect((await call(shigatseCdc, method, url, body)).statusCode, `${method} ${url}`).toBe(404);
    }
    const shigatseContacts = (await call(shigatseCdc, 'GET', '/api/contacts?pageSize=500')).json();
    const seen = shigatseContacts.items.map((x: any) => x.id);
    expect(seen).toEqual(expect.arrayContaining([inShigatse.id, theirs.id]));
    expect(seen).not.toContain(inLhasa.id);
    for (const x of shigatseContacts.items) expect(x.caseJurisdiction.code.startsWith('5402') || x.community.code.startsWith('5402')).toBe(true);
    expect(shigatseContacts.items.find((x: any) => x.id === inShigatse.id)).toMatchObject({ caseJurisdiction: { code: '540102' }, person: { name: '日喀则密接' } });
    expect(shigatseContacts.items[0].person.documentNumber).toContain('********');
    expect((await call(shigatseCdc, 'GET', `/api/contacts/${inShigatse.id}`)).statusCode).toBe(200);
    const shigatseCommunityStaff = (await t.userWithRole('community', shigatseCommunity)).token;
    const observations = (await call(shigatseCommunityStaff, 'GET', '/api/observations?pageSize=1000')).json();
    expect(observations.items.map((x: any) => x.id)).toContain(inShigatse.observation.id);

    const lhasaContacts = ids(await call(cdc, 'GET', '/api/contacts?pageSize=500'));
    expect(lhasaContacts).toEqual(expect.arrayContaining([inLhasa.id, inShigatse.id]));
    expect(lhasaContacts).not.toContain(theirs.id);
    expect(ids(await call(cdc, 'GET', '/api/cases?pageSize=500'))).not.toContain(shigatseCase.id);

    const outside = await call(shigatseCdc, 'GET', '/api/cases?within=5401');
    expect(outside.statusCode).toBe(403);
    expect(outside.json()).toMatchObject({ code: 'outside_scope', field: 'within' });
    expect((await call(shigatseCdc, 'GET', '/api/clusters?minSize=1')).json().items.map((x: any) => x.id)).not.toContain(lhasaCase.cluster.id);

    const community = (await t.userWithRole('community', BAKUO_COMMUNITY)).token;
    expect(ids(await call(community, 'GET', `/api/contacts?caseId=${lhasaCase.id}`))).toEqual([inLhasa.id]);
    expect((await call(community, 'POST', '/api/cases', buildCase())).statusCode).toBe(403);
    const desk = (await t.userWithRole('triage_desk', '5401')).token;
    expect((await call(desk, 'GET', '/api/cases')).statusCode).toBe(403);

    const listed = await t.ctx.db.selectFrom('audit_log').select('action').where('entity', '=', 'contact').where('action', '=', 'list').execute();
    expect(listed.length).toBeGreaterThan(0);
  });

  it('documents every route in the OpenAPI description', async () => {
    const spec = (await t.call(t.adminToken, { method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of [
      '/api/cases', '/api/cases/waiting', '/api/cases/daily', '/api/cases/{id}', '/api/cases/{id}/exposures', '/api/cases/{id}/chain',
      '/api/exposures/{id}/contacts', '/api/exposures/{id}/contacts/import', '/api/contacts', '/api/contacts/{id}', '/api/contacts/{id}/contacts',
      '/api/contacts/{id}/positive', '/api/clusters', '/api/clusters/{id}',
    ]) expect(spec.paths, path).toHaveProperty([path]);
    expect(spec.paths['/api/cases'].post.summary).toBe('报告病例 / Report a case');
  });

  it('reveals identifiers only with the permission, and audits the reveal', async () => {
    const p = person('19780101', '揭示');
    const c = await report(cdc, { person: p });
    expect((await call(cdc, 'GET', `/api/cases/${c.id}?reveal=true`)).statusCode).toBe(403);
    const shown = (await call(t.adminToken, 'GET', `/api/cases/${c.id}?reveal=true`)).json();
    expect(shown.person).toMatchObject({ documentNumber: p.documentNumber, phone: '13912345678' });
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('entity', '=', 'case').where('entity_id', '=', c.id).execute();
    expect(audit.map((a) => a.action)).toContain('reveal');
  });
});
