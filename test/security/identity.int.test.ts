// Trust: identities that cannot be rebuilt or taken over, no answers about other jurisdictions,
// alerts that follow the person, placement only inside one's own scope, observation periods from
// the reason, reveal only with the reading role, refusals audited.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases';
import { startTestApp, type TestApp } from '../support/app';
import { BAKUO_COMMUNITY, buildArrival, entryPointId, residentId } from '../support/factories';
import { addDays } from '../../src/domain/observation';
import { reportDay } from '../../src/domain/time';

const TZ = 'Asia/Shanghai';
const HOUR = 3_600_000;
const LINZHOU = '540121';
const LINZHOU_VILLAGE = '540121100201';

describe.each(DIALECTS)('identity and scope on %s', (dialect) => {
  let t: TestApp;
  let airport: string;
  type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';
  const call = (token: string, method: Method, url: string, payload?: object) => t.call(token, { method, url, payload });
  const iso = (ms: number) => new Date(ms).toISOString();
  let phoneSeq = 0;
  const phone = () => `1380000${String(++phoneSeq).padStart(4, '0')}`;

  // Users of 城关区 (holding the residents of 绕赛社区) and of 林周县.
  let desk: string;
  let sub: string;
  let community: { token: string; id: string };
  let cdc: string;
  let linzhouDesk: string;
  let linzhouCdc: string;
  let linzhouCommunity: string;

  const register = async (token: string, person: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const res = await call(token, 'POST', '/api/arrivals', buildArrival(airport, { person: { documentType: 'resident_id', documentNumber: residentId(), name: '扎西', phone: phone(), ...person }, ...extra }));
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const receiveHome = async (arrivalId: string) => {
    for (const token of [sub, community.token]) expect((await call(token, 'POST', `/api/arrivals/${arrivalId}/receive`, {})).statusCode).toBe(200);
  };
  const caseBody = (person: Record<string, unknown>, overrides: Record<string, unknown> = {}) => ({
    clientId: randomUUID(), person, communityCode: BAKUO_COMMUNITY, classification: 'asymptomatic', origin: 'local', foundBy: 'community_screening',
    jurisdictionCode: '540102', firstPositiveAt: iso(Date.now() - 2 * HOUR), reportingUnit: '拉萨市疾控中心', ...overrides,
  });
  const personOf = async (id: string) => (await call(t.adminToken, 'GET', `/api/persons/${id}`)).json();
  const inbox = async (token: string) => (await call(token, 'GET', '/api/assistance')).json().items as any[];

  beforeAll(async () => {
    t = await startTestApp(dialect);
    airport = await entryPointId(t.ctx);
    desk = (await t.userWithRole('triage_desk', '5401')).token;
    sub = (await t.userWithRole('subdistrict', '540102002')).token;
    community = await t.userWithRole('community', BAKUO_COMMUNITY);
    cdc = (await t.userWithRole('cdc', '540102')).token;
    linzhouDesk = (await t.userWithRole('triage_desk', LINZHOU)).token;
    linzhouCdc = (await t.userWithRole('cdc', LINZHOU)).token;
    linzhouCommunity = (await t.userWithRole('community', LINZHOU_VILLAGE)).token;
  });
  afterAll(async () => { await t?.close(); });

  it('gives no role without the grant a birth date beside a masked number, anywhere, and keeps none in the database', async () => {
    const births = ['19610214', '19720519', '19830927'];
    const numbers: string[] = [];
    for (const [i, birth] of births.entries()) {
      const documentNumber = residentId(birth);
      numbers.push(documentNumber);
      const a = await register(desk, { documentNumber, name: `核验${i}` });
      await receiveHome(a.id);
    }
    const c = (await call(cdc, 'POST', '/api/cases', caseBody({ documentType: 'resident_id', documentNumber: numbers[0], name: '核验0', phone: phone() }))).json();
    const e = (await call(cdc, 'POST', `/api/cases/${c.id}/exposures`, {
      clientId: randomUUID(), setting: 'household', placeCode: BAKUO_COMMUNITY, address: '北京东路12号', from: iso(Date.now() - 30 * HOUR), to: iso(Date.now() - 28 * HOUR),
    })).json();
    const added = await call(cdc, 'POST', `/api/exposures/${e.id}/contacts`, { person: { documentType: 'resident_id', documentNumber: numbers[1], name: '核验1', phone: phone() }, communityCode: BAKUO_COMMUNITY });
    expect(added.statusCode, added.body).toBe(201);
    const contact = added.json();
    const person = (await call(community.token, 'GET', `/api/persons?q=${encodeURIComponent('核验2')}`)).json().items[0];
    const arrival = (await call(desk, 'GET', '/api/arrivals?pageSize=1')).json().items[0];
    const observation = (await call(community.token, 'GET', '/api/observations?status=active')).json().items[0];

    const pages = [
      '/api/arrivals', '/api/arrivals/inbox', `/api/arrivals/${arrival.id}`, '/api/arrivals/export?format=csv',
      '/api/persons', '/api/persons?q=' + encodeURIComponent('核验'), `/api/persons/${person.id}`, '/api/persons/duplicates',
      '/api/observations', '/api/observations?status=active', `/api/observations/${observation.id}`, `/api/observations/${observation.id}/notice`, '/api/observations/missing', '/api/alerts',
      '/api/cases', `/api/cases/${c.id}`, '/api/cases/waiting', `/api/cases/${c.id}/chain`, '/api/contacts', `/api/contacts/${contact.id}`,
      '/api/care/flags', '/api/care/tasks', '/api/assistance',
    ];
    const forbidden = numbers.flatMap((n) => [n, n.slice(6, 14), `${n.slice(6, 10)}-${n.slice(10, 12)}-${n.slice(12, 14)}`]);
    let seen = 0;
    for (const token of [desk, sub, community.token, cdc, (await t.userWithRole('command', '540102')).token]) {
      for (const url of pages) {
        const res = await call(token, 'GET', url);
        if (res.statusCode !== 200) continue;
        seen++;
        for (const f of forbidden) expect(res.body.includes(f), `${url} carries ${f}`).toBe(false);
      }
    }
    expect(seen).toBeGreaterThan(40);

    // Nothing stored gives the birth date back: every table, and on SQLite the file itself (freed pages too).
    const tables = (await t.ctx.db.introspection.getTables()).map((tb) => tb.name);
    for (const table of tables) {
      const rows = JSON.stringify(await t.ctx.db.selectFrom(table as any).selectAll().execute());
      for (const f of forbidden) expect(rows.includes(f), `${table} holds ${f}`).toBe(false);
    }
    if (dialect === 'sqlite') {
      const dir = t.ctx.config.dataDir;
      for (const file of readdirSync(dir).filter((f) => f.includes('.sqlite'))) {
        const bytes = readFileSync(join(dir, file)).toString('latin1');
        for (const f of forbidden) expect(bytes.includes(f), `${file} holds ${f}`).toBe(false);
      }
    }
  });

  it('lets no other county take a person over: their values stay on their record, the holder is asked, care stays put', async () => {
    const documentNumber = residentId('19750303');
    const a = await register(desk, { documentNumber, name: '次仁卓玛' });
    await receiveHome(a.id);
    const personId = a.person.id;
    expect((await call(community.token, 'PUT', `/api/persons/${personId}/care-flags`, { groups: ['elderly'], needs: ['medicine'] })).statusCode).toBe(200);

    // 林周县's desk registers the same document with another name, phone and residence.
    const theirs = await register(linzhouDesk, { documentNumber, name: '次仁', phone: '13999990000' }, { destination: { code: LINZHOU_VILLAGE, address: '甘丹曲果' } });
    expect(theirs.person.id).toBe(personId);
    expect(theirs.person.name).toBe('次仁');
    const mine = await personOf(personId);
    expect(mine).toMatchObject({ name: '次仁卓玛', residence: { code: BAKUO_COMMUNITY } });
    expect(mine.phone).not.toMatch(/0000$/);
    expect((await call(linzhouDesk, 'GET', `/api/arrivals/${theirs.id}`)).json().person.name).toBe('次仁');
    expect((await call(desk, 'GET', `/api/arrivals/${a.id}`)).json().person.name).toBe('次仁卓玛');

    // A case reported in 林周县 does not change the person either.
    const reported = await call(linzhouCdc, 'POST', '/api/cases', caseBody({ documentType: 'resident_id', documentNumber, name: '次仁二', phone: phone() }, { jurisdictionCode: LINZHOU, communityCode: LINZHOU_VILLAGE }));
    expect(reported.statusCode, reported.body).toBe(201);
    expect((await personOf(personId)).name).toBe('次仁卓玛');

    // Care stays with 绕赛社区 and is never shown to 林周县.
    const flagged = (await call(community.token, 'GET', '/api/care/flags')).json();
    expect(JSON.stringify(flagged)).toContain(personId);
    expect(JSON.stringify((await call(linzhouCommunity, 'GET', '/api/care/flags')).json())).not.toContain(personId);

    // The holder is asked, and accepting changes the person, audited old → new.
    const asks = (await inbox(community.token)).filter((r) => r.person.id === personId && r.kind === 'identity');
    expect(asks.length).toBeGreaterThanOrEqual(1);
    expect(asks[0]).toMatchObject({ status: 'open', proposed: { name: '次仁' }, requester: { jurisdiction: { code: LINZHOU } } });
    expect(await inbox(linzhouCommunity)).toEqual([]);
    const accepted = await call(community.token, 'POST', `/api/assistance/${asks[0].id}/decision`, { decision: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', previous: { name: '次仁卓玛' } });
    expect((await personOf(personId)).name).toBe('次仁');
    expect((await call(community.token, 'POST', `/api/assistance/${asks[0].id}/decision`, { decision: 'accept' })).json().code).toBe('assistance_decided');
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('entity', '=', 'person').where('entity_id', '=', personId).where('action', '=', 'update').execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });

  it('tells nothing of other jurisdictions: a case or a contact elsewhere becomes a request the holder links', async () => {
    const documentNumber = residentId('19660606');
    const held = (await call(cdc, 'POST', '/api/cases', caseBody({ documentType: 'resident_id', documentNumber, name: '格桑', phone: phone() }))).json();

    // A contact list in 林周县 with the same person: taken like anyone else, nothing flagged.
    const own = (await call(linzhouCdc, 'POST', '/api/cases', caseBody({ documentType: 'resident_id', documentNumber: residentId('19670707'), name: '林周病例', phone: phone() }, { jurisdictionCode: LINZHOU, communityCode: LINZHOU_VILLAGE }))).json();
    const e = (await call(linzhouCdc, 'POST', `/api/cases/${own.id}/exposures`, {
      clientId: randomUUID(), setting: 'household', placeCode: LINZHOU_VILLAGE, address: '甘丹曲果', from: iso(Date.now() - 30 * HOUR), to: iso(Date.now() - 28 * HOUR),
    })).json();
    const csv = `姓名,证件号码,手机号码,社区代码\r\n格桑,${documentNumber},13900001111,${LINZHOU_VILLAGE}\r\n`;
    const imported = await t.call(linzhouCdc, { method: 'POST', url: `/api/exposures/${e.id}/contacts/import`, payload: csv, headers: { 'content-type': 'text/csv; charset=utf-8' } });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({ created: 1, issues: [] });

    const report = await call(linzhouCdc, 'POST', '/api/cases', caseBody({ documentType: 'resident_id', documentNumber, name: '格桑', phone: phone() }, { jurisdictionCode: LINZHOU, communityCode: LINZHOU_VILLAGE }));
    expect(report.statusCode, report.body).toBe(201);
    expect(report.json()).toMatchObject({ outcome: 'created' });
    expect(report.body).not.toContain('城关');
    expect(report.body).not.toContain(held.id);

    // The holder links both.
    const asks = (await inbox(cdc)).filter((r) => r.targetCaseId === held.id);
    expect(asks.map((r) => r.kind).sort()).toEqual(['case', 'contact']);
    for (const r of asks) expect((await call(cdc, 'POST', `/api/assistance/${r.id}/decision`, { decision: 'link' })).json()).toMatchObject({ status: 'linked' });
    expect((await call(linzhouCdc, 'GET', `/api/cases/${report.json().id}`)).json()).toMatchObject({ status: 'linked' });
    const attached = (await call(cdc, 'GET', `/api/cases/${held.id}`)).json();
    expect(attached.events.map((x: any) => x.kind)).toContain('attached');
    const daily = (await call(t.adminToken, 'GET', '/api/cases/daily')).json();
    const before = (await call(t.adminToken, 'GET', '/api/cases?pageSize=200')).json().items.filter((x: any) => x.person.id === held.person.id);
    expect(before.filter((x: any) => x.status !== 'linked')).toHaveLength(1);
    expect(daily).toBeTruthy();
  });

  it('answers a secondary contact already on record only within the caller’s scope', async () => {
    const shigatse = (await t.ctx.db.selectFrom('jurisdictions').select('code').where('level', '=', 'community').where('code', 'like', '5402%').orderBy('code').executeTakeFirstOrThrow()).code;
    const shigatseCdc = (await t.userWithRole('cdc', '5402')).token;
    const c = (await call(cdc, 'POST', '/api/cases', caseBody({ documentType: 'resident_id', documentNumber: residentId('19690909'), name: '源病例', phone: phone() }))).json();
    const e = (await call(cdc, 'POST', `/api/cases/${c.id}/exposures`, {
      clientId: randomUUID(), setting: 'household', placeCode: BAKUO_COMMUNITY, address: '北京东路12号', from: iso(Date.now() - 30 * HOUR), to: iso(Date.now() - 28 * HOUR),
    })).json();
    const local = { documentType: 'resident_id', documentNumber: residentId('19690910'), name: '本地密接', phone: phone() };
    expect((await call(cdc, 'POST', `/api/exposures/${e.id}/contacts`, { person: local, communityCode: BAKUO_COMMUNITY })).statusCode).toBe(201);
    const there = (await call(cdc, 'POST', `/api/exposures/${e.id}/contacts`, { person: { documentType: 'resident_id', documentNumber: residentId('19690911'), name: '日喀则密接', phone: phone() }, communityCode: shigatse })).json();
    const res = await call(shigatseCdc, 'POST', `/api/contacts/${there.id}/contacts`, { person: local, communityCode: shigatse });
    expect(res.body).not.toContain('本地密接');
    expect(res.body).not.toContain('北京东路');
    expect(res.body).not.toContain(BAKUO_COMMUNITY);
  });

  it('moves open alerts with the person at a hand-off, so the community can close them and release', async () => {
    expect((await call(t.adminToken, 'PUT', '/api/observations/policies/centralised_observation', { centralisedDays: 7, homeDays: 3 })).statusCode).toBe(200);
    const hotel = (await call(t.adminToken, 'POST', '/api/units', { parentCode: '540102', name: '城关区留观酒店乙', kind: 'hotel', rooms: 40 })).json();
    const hotelUser = await t.userWithRole('hotel', hotel.code);
    const a = await register(desk, { name: '旺姆' }, { healthCode: { color: 'yellow' } });
    await call(sub, 'POST', `/api/arrivals/${a.id}/receive`);
    await call(hotelUser.token, 'POST', `/api/arrivals/${a.id}/receive`);
    const o = (await call(hotelUser.token, 'GET', '/api/observations?status=active')).json().items.find((x: any) => x.arrivalId === a.id);
    const saved = await call(hotelUser.token, 'POST', '/api/observations/checks', { checks: [{ clientId: randomUUID(), observationId: o.id, takenAt: iso(Date.now() - 60_000), temperature: 38.6, symptoms: [] }] });
    expect(saved.statusCode, saved.body).toBeLessThan(300);
    const today = reportDay(new Date(), TZ);
    await t.ctx.db.updateTable('observations').set({ handoff_day: today }).where('id', '=', o.id).execute();
    expect((await call(hotelUser.token, 'POST', `/api/observations/${o.id}/hand-off`)).statusCode).toBe(200);
    expect((await call(community.token, 'POST', `/api/observations/${o.id}/receive`)).statusCode).toBe(200);
    const alerts = (await call(community.token, 'GET', '/api/alerts?status=open')).json().items.filter((x: any) => x.observationId === o.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].unit.code).toBe(BAKUO_COMMUNITY);
    expect((await call(community.token, 'POST', `/api/alerts/${alerts[0].id}/close`, { resolution: 'rechecked', outcome: '复测36.8℃' })).statusCode).toBe(200);
    expect((await call(hotelUser.token, 'GET', '/api/alerts?status=open')).json().items.filter((x: any) => x.observationId === o.id)).toEqual([]);
  });

  it('places a person in a site only for a user whose jurisdiction holds the site', async () => {
    const site = (await call(t.adminToken, 'POST', '/api/units', { parentCode: LINZHOU, name: '林周县隔离点', kind: 'isolation_site', rooms: 2 })).json();
    const open = (token: string) => call(token, 'POST', '/api/observations', {
      clientId: randomUUID(), person: { documentType: 'resident_id', documentNumber: residentId('19800808'), name: '洛桑', phone: phone() },
      reason: 'centralised_observation', communityCode: BAKUO_COMMUNITY, siteCode: site.code,
    });
    const refused = await open(community.token);
    expect(refused.statusCode, refused.body).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'outside_scope', field: 'siteCode' });
    const rooms = (await call(t.adminToken, 'GET', `/api/sites/${site.code}/rooms`)).json();
    expect(JSON.stringify(rooms)).not.toContain('洛桑');
  });

  it('counts the observation period from the arrival, however late the unit received the person', async () => {
    const arrivedAt = iso(Date.parse(`${addDays(reportDay(new Date(), TZ), -1)}T22:30:00+08:00`));
    const a = await register(desk, { name: '晚到' }, { arrivedAt });
    await receiveHome(a.id);
    const o = (await call(community.token, 'GET', '/api/observations?status=active&pageSize=500')).json().items.find((x: any) => x.arrivalId === a.id);
    const policy = ((await call(t.adminToken, 'GET', '/api/observations/policies')).json<any[]>()).find((p) => p.reason === a.disposition);
    expect(o.endDay).toBe(addDays(reportDay(arrivedAt, TZ), policy.centralisedDays + policy.homeDays));
  });

  it('reveals only to a role that may read the record, and audits refusals with the source address', async () => {
    const a = await register(desk, { name: '揭示' });
    await receiveHome(a.id);
    const cdcWithGrant = (await t.userWithRole('cdc', '540102', { canReveal: true })).token;
    const refused = await call(cdcWithGrant, 'POST', `/api/persons/${a.person.id}/reveal`);
    expect(refused.statusCode).toBe(403);
    const communityWithGrant = (await t.userWithRole('community', BAKUO_COMMUNITY, { canReveal: true })).token;
    expect((await call(communityWithGrant, 'POST', `/api/persons/${a.person.id}/reveal`)).statusCode).toBe(200);

    const lookup = await call(linzhouCommunity, 'GET', `/api/arrivals/${a.id}`);
    expect(lookup.statusCode).toBe(404);
    const denied = await t.ctx.db.selectFrom('audit_log').selectAll().where('outcome', '=', 'denied').execute();
    expect(denied.some((r) => r.entity === 'persons' && r.entity_id === a.person.id && r.source)).toBe(true);
    expect(denied.some((r) => r.entity === 'arrivals' && r.entity_id === a.id)).toBe(true);
  });
});
