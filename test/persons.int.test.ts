import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases';
import { startTestApp, type TestApp } from './support/app';
import { BAKUO_COMMUNITY, JIRI_COMMUNITY, buildArrival, entryPointId, residentId } from './support/factories';
import { PERSON_KEYED_TABLES, PERSON_TABLES } from '../src/modules/persons/repository/merges';

let phoneSeq = 0;
/** A mobile number whose last four digits no other person in the run has. */
const uniquePhone = () => `136${String(Date.now() % 100_000).padStart(5, '0')}${String(++phoneSeq % 1000).padStart(3, '0')}`;

describe.each(DIALECTS)('person record, search, duplicates and merge on %s', (dialect) => {
  let t: TestApp;
  let airport: string;
  let desk: string;
  let subdistrict: string;
  let community: { token: string; id: string };
  const today = new Date().toISOString().slice(0, 10);

  type PersonInput = { documentType?: string; documentNumber?: string; name: string; phone?: string };
  const register = async (person: PersonInput, extra: Record<string, unknown> = {}) => {
    const body = buildArrival(airport, {
      person: { documentType: 'resident_id', documentNumber: residentId(), phone: uniquePhone(), ...person },
      ...extra,
    });
    const res = await t.call(desk, { method: 'POST', url: '/api/arrivals', payload: body });
    expect(res.statusCode).toBe(201);
    return res.json();
  };
  /** The subdistrict then the community acknowledge; the community's receipt starts home observation. */
  const receive = async (arrivalId: string) => {
    for (const token of [subdistrict, community.token]) {
      expect((await t.call(token, { method: 'POST', url: `/api/arrivals/${arrivalId}/receive`, payload: {} })).statusCode).toBe(200);
    }
  };
  const getPerson = (token: string, id: string) => t.call(token, { method: 'GET', url: `/api/persons/${id}` });
  const search = async (token: string, query: string) => {
    const res = await t.call(token, { method: 'GET', url: `/api/persons?${query}` });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const merge = (token: string, survivorId: string, mergedId: string) =>
    t.call(token, { method: 'POST', url: '/api/persons/merge', payload: { survivorId, mergedId } });
  const undo = (token: string, mergeId: string) => t.call(token, { method: 'POST', url: `/api/persons/merges/${mergeId}/undo` });
  const auditRows = (action: string, entity: string, entityId: string) =>
    t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('entity', '=', entity).where('entity_id', '=', entityId).execute();

  beforeAll(async () => {
    t = await startTestApp(dialect);
    airport = await entryPointId(t.ctx);
    desk = (await t.userWithRole('triage_desk', '5401')).token;
    subdistrict = (await t.userWithRole('subdistrict', '540102002')).token;
    community = await t.userWithRole('community', BAKUO_COMMUNITY);
  });
  afterAll(async () => { await t?.close(); });

  it('shows a person in one place: masked identity, residence, arrivals with places and hand-offs, observations with checks and alerts', async () => {
    const documentNumber = residentId('19880315');
    const phone = uniquePhone();
    const a = await register({ documentNumber, name: '旦增曲珍', phone }, {
      visited: [{ code: '5101', from: today, to: today }],
      contactWithAffected: true,
      contactNote: '同车乘客确诊',
    });
    await receive(a.id);
    const observation = await t.ctx.db.selectFrom('observations').select('id').where('arrival_id', '=', a.id).executeTakeFirstOrThrow();
    const checks = await t.call(community.token, {
      method: 'POST',
      url: '/api/observations/checks',
      payload: { checks: [{ clientId: randomUUID(), observationId: observation.id, takenAt: new Date().toISOString(), temperature: 38.4, symptoms: ['cough'] }] },
    });
    expect(checks.statusCode).toBe(200);

    const res = await getPerson(community.token, a.person.id);
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(res.body).not.toContain(documentNumber);
    expect(res.body).not.toContain(phone);
    expect(p).toMatchObject({
      id: a.person.id,
      name: '旦增曲珍',
      documentType: 'resident_id',
      phone: `136****${phone.slice(-4)}`,
      birthYear: 1988,
      residence: { code: BAKUO_COMMUNITY, name: '绕赛社区居委会' },
    });
    expect(p.documentNumber).toMatch(/^540102\*{8}\d{3}[\dX]$/);
    expect(p.residence.path.map((n: { name: string }) => n.name)).toEqual(['拉萨市', '城关区', '八廓街道', '绕赛社区居委会']);
    expect(p.arrivals).toHaveLength(1);
    expect(p.arrivals[0]).toMatchObject({
      id: a.id,
      entryPoint: { name: '拉萨贡嘎国际机场' },
      origin: { code: '5101', name: '成都市' },
      visited: [{ code: '5101', name: '成都市', from: today, to: today }],
      contactWithAffected: true,
      contactNote: '同车乘客确诊',
      disposition: 'home_observation',
      stage: 'observation_started',
      destination: { code: BAKUO_COMMUNITY, compound: '雪新村小区' },
    });
    expect(p.arrivals[0].timeline.map((e: any) => [e.stage, e.unit?.name ?? null])).toEqual([
      ['registered', null],
      ['unit_received', '八廓街道'],
      ['observation_started', '绕赛社区居委会'],
    ]);
    expect(p.observations).toHaveLength(1);
    expect(p.observations[0]).toMatchObject({ id: observation.id, arrivalId: a.id, kind: 'home', status: 'active', unit: { code: BAKUO_COMMUNITY, name: '绕赛社区居委会' } });
    expect(p.observations[0].checks).toMatchObject([{ temperature: 38.4, symptoms: ['cough'], abnormal: true }]);
    expect(p.observations[0].alerts).toMatchObject([{ checkId: p.observations[0].checks[0].id, status: 'open' }]);

    const views = await auditRows('view', 'person', a.person.id);
    expect(views).toHaveLength(1);
    expect(views[0].user_id).toBe(community.id);
  });

  it('finds persons by name prefix, phone tail, full ID or passport number, and compound, with identifiers masked', async () => {
    const idNumber = residentId('19920704');
    const phone = uniquePhone();
    const byId = await register({ documentNumber: idNumber, name: '索朗旺堆', phone }, { destination: { code: BAKUO_COMMUNITY, address: '林廓东路3号', compound: '格桑花园' } });
    const byPassport = await register({ documentType: 'passport', documentNumber: 'G55501234', name: 'Lhamo Pema' });
    const other = await register({ name: '索朗次仁' }, { destination: { code: BAKUO_COMMUNITY, address: '江苏路8号', compound: '格桑小区' } });
    const ids = (list: any) => list.items.map((i: any) => i.id);

    const byName = await search(t.adminToken, `q=${encodeURIComponent('索朗旺')}`);
    expect(ids(byName)).toEqual([byId.person.id]);
    expect(ids(await search(t.adminToken, `q=${encodeURIComponent('索朗')}`))).toEqual(expect.arrayContaining([byId.person.id, other.person.id]));
    expect(ids(await search(t.adminToken, `q=${phone.slice(-4)}`))).toEqual([byId.person.id]);
    expect(ids(await search(t.adminToken, `q=${idNumber}`))).toEqual([byId.person.id]);
    expect(ids(await search(t.adminToken, 'q=g55501234'))).toEqual([byPassport.person.id]);
    expect(ids(await search(t.adminToken, 'q=Lhamo'))).toEqual([byPassport.person.id]);
    expect(ids(await search(t.adminToken, `compound=${encodeURIComponent('格桑花园')}`))).toEqual([byId.person.id]);
    expect(ids(await search(t.adminToken, `compound=${encodeURIComponent('格桑')}&q=${encodeURIComponent('索朗')}`)).sort())
      .toEqual([byId.person.id, other.person.id].sort());

    expect(byName.total).toBe(1);
    expect(byName.items[0]).toMatchObject({
      name: '索朗旺堆',
      documentType: 'resident_id',
      phone: `136****${phone.slice(-4)}`,
      birthYear: 1992,
      jurisdictionCode: BAKUO_COMMUNITY,
      jurisdictionName: '绕赛社区居委会',
      lastArrivalAt: byId.arrivedAt,
    });
    expect(byName.items[0].documentNumber).toMatch(/^540102\*{8}/);
    expect(JSON.stringify(byName)).not.toContain(idNumber);

    const paged = await search(t.adminToken, `q=${encodeURIComponent('索朗')}&pageSize=1&page=2`);
    expect(paged.items).toHaveLength(1);
    expect(paged.total).toBeGreaterThanOrEqual(2);
    const listed = await t.ctx.db.selectFrom('audit_log').select('detail').where('action', '=', 'list').where('entity', '=', 'person').execute();
    expect(listed.length).toBeGreaterThanOrEqual(8);
  });

  it('hides a person outside the caller’s jurisdiction: 八廓街道 cannot see one routed only to 吉日街道', async () => {
    const jiri = await register({ name: '次旦卓嘎' }, { destination: { code: JIRI_COMMUNITY, address: '吉日一巷' } });
    const bakuoSubdistrict = await t.userWithRole('subdistrict', '540102002');
    for (const token of [community.token, bakuoSubdistrict.token]) {
      expect((await getPerson(token, jiri.person.id)).statusCode).toBe(404);
      expect((await search(token, `q=${encodeURIComponent('次旦卓嘎')}`)).items).toEqual([]);
    }
    const jiriCommunity = await t.userWithRole('community', JIRI_COMMUNITY);
    expect((await getPerson(jiriCommunity.token, jiri.person.id)).statusCode).toBe(200);
    expect((await search(jiriCommunity.token, `q=${encodeURIComponent('次旦卓嘎')}`)).items.map((i: any) => i.id)).toEqual([jiri.person.id]);
    expect(await auditRows('view', 'person', jiri.person.id)).toHaveLength(1);
  });

  it('lists likely duplicates by name and birth date and by phone, for the command centre of the jurisdiction only', async () => {
    // Two ID numbers one typo apart in the sequence digits, both with valid check characters.
    const first = await register({ documentNumber: residentId('19780512'), name: '格桑卓玛' });
    const typo = await register({ documentNumber: residentId('19780512'), name: '格桑 卓玛' });
    const otherBirth = await register({ documentNumber: residentId('19790512'), name: '格桑卓玛' });
    const phone = uniquePhone();
    const passport = await register({ documentType: 'passport', documentNumber: 'E77700011', name: '拉巴', phone });
    const idCard = await register({ documentNumber: residentId('19850101'), name: '拉巴', phone: `+86${phone}` });
    const passportNoPhone = await register({ documentType: 'passport', documentNumber: 'E77700022', name: '拉巴' });

    const command = await t.userWithRole('command', '5401');
    const res = await t.call(command.token, { method: 'GET', url: '/api/persons/duplicates' });
    expect(res.statusCode).toBe(200);
    const groups = res.json().groups.map((g: any) => ({ rule: g.rule, ids: g.persons.map((p: any) => p.id).sort() }));
    expect(groups).toContainEqual({ rule: 'name_birth_date', ids: [first.person.id, typo.person.id].sort() });
    expect(groups).toContainEqual({ rule: 'phone', ids: [passport.person.id, idCard.person.id].sort() });
    const containing = (id: string) => groups.filter((g: any) => g.ids.includes(id));
    expect(containing(otherBirth.person.id)).toEqual([]);
    expect(containing(passportNoPhone.person.id)).toEqual([]);
    expect(res.json().groups[0].persons[0].documentNumber).toMatch(/\*/);

    const elsewhere = await t.userWithRole('command', '5402');
    expect((await t.call(elsewhere.token, { method: 'GET', url: '/api/persons/duplicates' })).json().groups).toEqual([]);
    expect((await t.call(community.token, { method: 'GET', url: '/api/persons/duplicates' })).statusCode).toBe(403);
  });

  it('merges two persons into one keeping every history, and undoes it exactly; audited; admins only', async () => {
    const phone = uniquePhone();
    const byPassport = await register({ documentType: 'passport', documentNumber: 'E88800011', name: '普布', phone });
    await receive(byPassport.id);
    const byId = await register({ documentNumber: residentId('19700101'), name: '普布', phone });
    const merged = byPassport.person.id;
    const survivor = byId.person.id;
    const observation = await t.ctx.db.selectFrom('observations').select('id').where('arrival_id', '=', byPassport.id).executeTakeFirstOrThrow();

    const command = await t.userWithRole('command', '54');
    expect((await merge(command.token, survivor, merged)).statusCode).toBe(403);
    expect((await merge(community.token, survivor, merged)).statusCode).toBe(403);

    const done = await merge(t.adminToken, survivor, merged);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ survivorId: survivor, mergedId: merged, moved: { arrivals: 1, observations: 1, care_tasks: 0, care_flags: 0 }, undoneAt: null });
    const mergeId = done.json().id;

    const record = (await getPerson(t.adminToken, survivor)).json();
    expect(record.arrivals.map((a: any) => a.id).sort()).toEqual([byId.id, byPassport.id].sort());
    expect(record.observations.map((o: any) => o.id)).toEqual([observation.id]);
    expect(record.mergedFrom).toMatchObject([{ mergeId, person: { id: merged, documentType: 'passport', documentNumber: 'E8*****11' } }]);
    const gone = await getPerson(community.token, merged);
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toMatchObject({ code: 'merged', survivorId: survivor });
    expect((await search(t.adminToken, `q=${phone.slice(-4)}`)).items.map((i: any) => i.id)).toEqual([survivor]);

    // A later registration under the merged person's passport belongs to the survivor.
    const again = await register({ documentType: 'passport', documentNumber: 'E88800011', name: '普布', phone });
    expect(again.person.id).toBe(survivor);

    expect((await merge(t.adminToken, survivor, merged)).json().code).toBe('already_merged');
    expect((await merge(t.adminToken, merged, survivor)).statusCode).toBe(409);
    const self = await merge(t.adminToken, survivor, survivor);
    expect(self.statusCode).toBe(409);
    expect(self.json().code).toBe('same_person');

    expect((await undo(command.token, mergeId)).statusCode).toBe(403);
    const undone = await undo(t.adminToken, mergeId);
    expect(undone.statusCode).toBe(200);
    expect(undone.json().undoneAt).toEqual(expect.any(String));
    const restored = (await getPerson(t.adminToken, merged)).json();
    expect(restored.arrivals.map((a: any) => a.id)).toEqual([byPassport.id]);
    expect(restored.observations.map((o: any) => o.id)).toEqual([observation.id]);
    const survivorAfter = (await getPerson(t.adminToken, survivor)).json();
    expect(survivorAfter.arrivals.map((a: any) => a.id).sort()).toEqual([byId.id, again.id].sort());
    expect(survivorAfter.mergedFrom).toEqual([]);
    expect((await t.ctx.db.selectFrom('persons').select('merged_into').where('id', '=', merged).executeTakeFirstOrThrow()).merged_into).toBeNull();
    expect((await undo(t.adminToken, mergeId)).json().code).toBe('merge_undone');

    const [mergeAudit] = await auditRows('merge', 'person_merge', mergeId);
    expect(JSON.parse(mergeAudit.detail!)).toMatchObject({ survivorId: survivor, mergedId: merged, moved: { arrivals: 1, observations: 1 } });
    expect(await auditRows('undo', 'person_merge', mergeId)).toHaveLength(1);
  });

  it('moves care tasks and combines care flags, and gives them back on undo', async () => {
    const a = (await register({ name: '白玛' })).person.id;
    const b = (await register({ name: '白玛' })).person.id;
    const at = new Date().toISOString();
    const admin = await t.ctx.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
    const flag = (personId: string, groups: string[], needs: string[]) =>
      ({ person_id: personId, jurisdiction_code: '540102002001', groups: JSON.stringify(groups), needs: JSON.stringify(needs), note: null, updated_by: admin.id, updated_at: at, created_at: at });
    await t.ctx.db.insertInto('care_flags').values([flag(a, ['elderly'], ['medicine']), flag(b, ['elderly', 'chronically_ill'], ['dialysis'])]).execute();
    const taskId = randomUUID();
    await t.ctx.db.insertInto('care_tasks').values({
      id: taskId, client_id: null, person_id: b, jurisdiction_code: '540102002001', title: '送透析', need: 'dialysis', assignee_id: null, due_at: at, status: 'open',
      created_by: admin.id, created_at: at, closed_at: null, closed_by: null, close_note: null,
    }).execute();
    const flagOf = async (personId: string) => {
      const row = await t.ctx.db.selectFrom('care_flags').select(['groups', 'needs']).where('person_id', '=', personId).executeTakeFirst();
      return row && { groups: JSON.parse(row.groups), needs: JSON.parse(row.needs) };
    };
    const taskOwner = async () => (await t.ctx.db.selectFrom('care_tasks').select('person_id').where('id', '=', taskId).executeTakeFirstOrThrow()).person_id;

    const done = (await merge(t.adminToken, a, b)).json();
    expect(done.moved).toMatchObject({ care_tasks: 1, care_flags: 1 });
    expect(await taskOwner()).toBe(a);
    expect(await flagOf(a)).toEqual({ groups: ['elderly', 'chronically_ill'], needs: ['medicine', 'dialysis'] });
    expect(await flagOf(b)).toBeUndefined();

    expect((await undo(t.adminToken, done.id)).statusCode).toBe(200);
    expect(await taskOwner()).toBe(b);
    expect(await flagOf(a)).toEqual({ groups: ['elderly'], needs: ['medicine'] });
    expect(await flagOf(b)).toEqual({ groups: ['elderly', 'chronically_ill'], needs: ['dialysis'] });

    // A survivor without a flag takes the merged person's whole.
    const c = (await register({ name: '白玛' })).person.id;
    const moved = (await merge(t.adminToken, c, b)).json();
    expect(await flagOf(c)).toEqual({ groups: ['elderly', 'chronically_ill'], needs: ['dialysis'] });
    expect(await flagOf(b)).toBeUndefined();
    expect((await undo(t.adminToken, moved.id)).statusCode).toBe(200);
    expect(await flagOf(c)).toBeUndefined();
    expect(await flagOf(b)).toEqual({ groups: ['elderly', 'chronically_ill'], needs: ['dialysis'] });
  });

  it('follows a chain of merges, and undoes them only in reverse order', async () => {
    const phone = uniquePhone();
    const x = await register({ name: '达瓦', phone });
    const y = await register({ name: '达瓦', phone });
    const z = await register({ name: '达瓦', phone });
    const first = (await merge(t.adminToken, y.person.id, x.person.id)).json();
    const second = (await merge(t.adminToken, z.person.id, y.person.id)).json();
    expect(second.moved.arrivals).toBe(2);
    expect((await getPerson(t.adminToken, x.person.id)).json()).toMatchObject({ code: 'merged', survivorId: z.person.id });

    const blocked = await undo(t.adminToken, first.id);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().code).toBe('merge_conflict');
    expect((await undo(t.adminToken, second.id)).statusCode).toBe(200);
    expect((await undo(t.adminToken, first.id)).statusCode).toBe(200);
    for (const p of [x, y, z]) {
      expect((await getPerson(t.adminToken, p.person.id)).json().arrivals.map((a: any) => a.id)).toEqual([p.id]);
    }
  });

  it('moves every table that refers to a person', async () => {
    const tables = await t.ctx.db.introspection.getTables();
    const withPerson = tables.filter((tb) => tb.columns.some((c) => c.name === 'person_id')).map((tb) => tb.name).sort();
    expect(withPerson).toEqual([...PERSON_TABLES, ...PERSON_KEYED_TABLES].sort());
  });
});
