import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases';
import { startTestApp, type TestApp } from './support/app';

const CHENGGUAN_SUBDISTRICTS = [
  ['540102002', '八廓街道'], ['540102003', '吉日街道'], ['540102004', '吉崩岗街道'], ['540102005', '扎细街道'],
  ['540102006', '公德林街道'], ['540102007', '嘎玛贡桑街道'], ['540102008', '两岛街道'], ['540102009', '金珠西路街道'],
  ['540102010', '蔡公堂街道'], ['540102011', '夺底街道'], ['540102012', '娘热街道'], ['540102013', '纳金街道'],
];

const SEEDED_ENTRY_POINTS = [
  '拉萨贡嘎国际机场', '拉萨火车站', '日喀则和平机场', '日喀则火车站', '林芝米林机场', '林芝火车站', '昌都邦达机场', '阿里昆莎机场', '那曲火车站',
];

describe.each(DIALECTS)('jurisdictions, entry points, units and risk areas on %s', (dialect) => {
  let t: TestApp;
  let desk: { token: string };
  const get = (url: string, token = desk.token) => t.call(token, { method: 'GET', url });
  const post = (url: string, payload: object, token = t.adminToken) => t.call(token, { method: 'POST', url, payload });
  const patch = (url: string, payload: object, token = t.adminToken) => t.call(token, { method: 'PATCH', url, payload });
  const audit = async (entity: string, entityId: string) =>
    (await get(`/api/audit?entity=${entity}&entityId=${encodeURIComponent(entityId)}`, t.adminToken)).json().items as { action: string; username: string }[];

  beforeAll(async () => {
    t = await startTestApp(dialect);
    desk = await t.userWithRole('triage_desk', '5401');
  });
  afterAll(async () => { await t?.close(); });

  describe('tree and search', () => {
    it('answers 401 to a caller who is not logged in', async () => {
      const res = await t.call(null, { method: 'GET', url: '/api/jurisdictions?parent=540102' });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('unauthenticated');
    });

    it('starts at the configured region root', async () => {
      const res = await get('/api/jurisdictions');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual([
        { code: '54', name: '西藏自治区', level: 'province', kind: 'division', parentCode: null, hasChildren: true, rooms: null, hotelCode: null, active: true },
      ]);
    });

    it('lists the 12 subdistricts of 城关区 in code order', async () => {
      const children = (await get('/api/jurisdictions?parent=540102')).json<{ code: string; name: string; level: string; parentCode: string; hasChildren: boolean }[]>();
      expect(children.map((c) => [c.code, c.name])).toEqual(CHENGGUAN_SUBDISTRICTS);
      expect(children.every((c) => c.level === 'town' && c.parentCode === '540102' && c.hasChildren)).toBe(true);
    });

    it('answers unknown_code for children of a code that does not exist', async () => {
      const res = await get('/api/jurisdictions?parent=549999');
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'unknown_code', field: 'parent' });
    });

    it('finds 八廓街道 first, with its path from the city down', async () => {
      const results = (await get(`/api/jurisdictions?q=${encodeURIComponent('八廓')}`)).json<{ code: string; name: string; path: string }[]>();
      expect(results[0]).toMatchObject({ code: '540102002', name: '八廓街道', level: 'town', path: '拉萨市 城关区 八廓街道' });
      expect(results).toContainEqual(expect.objectContaining({ code: '540102002004', path: '拉萨市 城关区 八廓街道 八廓社区居委会' }));
    });

    it('restricts a search to levels and to a subtree', async () => {
      const communities = (await get(`/api/jurisdictions?q=${encodeURIComponent('八廓')}&levels=community`)).json<{ level: string }[]>();
      expect(communities.length).toBeGreaterThan(0);
      expect(communities.every((r) => r.level === 'community')).toBe(true);
      const elsewhere = await get(`/api/jurisdictions?q=${encodeURIComponent('八廓')}&within=540103`);
      expect(elsewhere.json()).toEqual([]);
      const limited = (await get(`/api/jurisdictions?q=${encodeURIComponent('社区')}&within=540102&limit=5`)).json<{ code: string }[]>();
      expect(limited).toHaveLength(5);
      expect(limited.every((r) => r.code.startsWith('540102'))).toBe(true);
    });

    it('finds an origin city outside the region, naming its province', async () => {
      const results = (await get(`/api/jurisdictions?q=${encodeURIComponent('成都')}&levels=province,city`)).json();
      expect(results[0]).toMatchObject({ code: '5101', name: '成都市', level: 'city', path: '四川省 成都市', hasChildren: false });
    });

    it('rejects an unknown level', async () => {
      const res = await get('/api/jurisdictions?q=x&levels=town,planet');
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation', field: 'levels' });
    });

    it('gives a node with its path from the province', async () => {
      const res = await get('/api/jurisdictions/540102002001');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        code: '540102002001', name: '绕赛社区居委会', level: 'community', parentCode: '540102002', hasChildren: false,
        path: [
          { code: '54', name: '西藏自治区', level: 'province' },
          { code: '5401', name: '拉萨市', level: 'city' },
          { code: '540102', name: '城关区', level: 'district' },
          { code: '540102002', name: '八廓街道', level: 'town' },
          { code: '540102002001', name: '绕赛社区居委会', level: 'community' },
        ],
      });
      const missing = await get('/api/jurisdictions/540102002999');
      expect(missing.statusCode).toBe(404);
      expect(missing.json().code).toBe('not_found');
    });
  });

  describe('entry points', () => {
    it('lists the seeded Tibet airports and stations to any logged-in user, by city', async () => {
      const list = (await get('/api/entry-points')).json<{ name: string; jurisdictionCode: string; jurisdictionName: string; active: boolean }[]>();
      expect(list.map((e) => e.name).sort()).toEqual([...SEEDED_ENTRY_POINTS].sort());
      expect(list.map((e) => e.jurisdictionCode)).toEqual([...list.map((e) => e.jurisdictionCode)].sort());
      expect(list.find((e) => e.name === '拉萨贡嘎国际机场')).toMatchObject({ kind: 'airport', jurisdictionCode: '5401', jurisdictionName: '拉萨市', active: true });
    });

    it('lets the admin add a road checkpoint and a triage point, audited', async () => {
      const checkpoint = await post('/api/entry-points', { name: '曲水检查站', kind: 'road_checkpoint', jurisdictionCode: '540124' });
      expect(checkpoint.statusCode).toBe(201);
      expect(checkpoint.json()).toMatchObject({ name: '曲水检查站', kind: 'road_checkpoint', jurisdictionCode: '540124', jurisdictionName: '曲水县', active: true });
      const triage = await post('/api/entry-points', { name: '拉萨市体育馆分流点', kind: 'triage_point', jurisdictionCode: '540102' });
      expect(triage.statusCode).toBe(201);
      const names = ((await get('/api/entry-points')).json<{ name: string }[]>()).map((e) => e.name);
      expect(names).toEqual(expect.arrayContaining(['曲水检查站', '拉萨市体育馆分流点']));
      expect(await audit('entry_point', checkpoint.json().id)).toEqual([expect.objectContaining({ action: 'create', username: 'admin' })]);
    });

    it('refuses writes from a non-admin', async () => {
      const res = await post('/api/entry-points', { name: '某检查站', kind: 'road_checkpoint', jurisdictionCode: '5401' }, desk.token);
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('forbidden');
    });

    it('names the bad field', async () => {
      const unknown = await post('/api/entry-points', { name: '无名站', kind: 'road_checkpoint', jurisdictionCode: '549999' });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json()).toMatchObject({ code: 'unknown_code', field: 'jurisdictionCode' });
      const badKind = await post('/api/entry-points', { name: '无名站', kind: 'harbour', jurisdictionCode: '5401' });
      expect(badKind.json()).toMatchObject({ code: 'validation', field: 'kind' });
      const duplicate = await post('/api/entry-points', { name: '拉萨火车站', kind: 'railway_station', jurisdictionCode: '5401' });
      expect(duplicate.statusCode).toBe(409);
      expect(duplicate.json()).toMatchObject({ code: 'conflict', field: 'name' });
    });

    it('deactivates an entry point: hidden unless inactive ones are asked for', async () => {
      const created = (await post('/api/entry-points', { name: '临时分流点', kind: 'triage_point', jurisdictionCode: '5401' })).json();
      const res = await patch(`/api/entry-points/${created.id}`, { active: false, name: '临时分流点（停用）' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ name: '临时分流点（停用）', active: false });
      expect(((await get('/api/entry-points')).json<{ id: string }[]>()).map((e) => e.id)).not.toContain(created.id);
      expect(((await get('/api/entry-points?includeInactive=true')).json<{ id: string }[]>()).map((e) => e.id)).toContain(created.id);
      expect((await audit('entry_point', created.id)).map((a) => a.action).sort()).toEqual(['create', 'update']);
      expect((await patch('/api/entry-points/no-such-id', { active: true })).statusCode).toBe(404);
    });
  });

  describe('management units', () => {
    it('generates codes below the parent: 540102U001, then 540102U002', async () => {
      const first = await post('/api/units', { parentCode: '540102', name: '西藏某建设集团', kind: 'enterprise' });
      expect(first.statusCode).toBe(201);
      expect(first.json()).toEqual({
        code: '540102U001', name: '西藏某建设集团', level: 'unit', kind: 'enterprise', parentCode: '540102',
        hasChildren: false, rooms: null, hotelCode: null, active: true,
      });
      const second = await post('/api/units', { parentCode: '540102', name: '城关区驻区机关', kind: 'agency' });
      expect(second.json().code).toBe('540102U002');
      expect(await audit('unit', '540102U001')).toEqual([expect.objectContaining({ action: 'create', username: 'admin' })]);
    });

    it('lists units after the divisions among the children', async () => {
      const codes = ((await get('/api/jurisdictions?parent=540102')).json<{ code: string }[]>()).map((c) => c.code);
      expect(codes).toEqual([...CHENGGUAN_SUBDISTRICTS.map(([code]) => code), '540102U001', '540102U002']);
    });

    it('requires rooms for a hotel, naming the field', async () => {
      const res = await post('/api/units', { parentCode: '540102', name: '雪域留观酒店', kind: 'hotel' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation', field: 'rooms' });
      const zero = await post('/api/units', { parentCode: '540102', name: '雪域留观酒店', kind: 'hotel', rooms: 0 });
      expect(zero.json()).toMatchObject({ code: 'validation', field: 'rooms' });
      const hotel = await post('/api/units', { parentCode: '540102', name: '雪域留观酒店', kind: 'hotel', rooms: 120 });
      expect(hotel.statusCode).toBe(201);
      expect(hotel.json()).toMatchObject({ code: '540102U003', kind: 'hotel', rooms: 120 });
    });

    it("checks that an employer's designated hotel is a hotel", async () => {
      const notHotel = await post('/api/units', { parentCode: '540102', name: '某企业', kind: 'enterprise', hotelCode: '540102U001' });
      expect(notHotel.statusCode).toBe(400);
      expect(notHotel.json()).toMatchObject({ code: 'validation', field: 'hotelCode' });
      const unknown = await post('/api/units', { parentCode: '540102', name: '某企业', kind: 'enterprise', hotelCode: '540102U999' });
      expect(unknown.json()).toMatchObject({ code: 'unknown_code', field: 'hotelCode' });
      const ok = await post('/api/units', { parentCode: '540102', name: '某企业', kind: 'enterprise', hotelCode: '540102U003' });
      expect(ok.statusCode).toBe(201);
      expect(ok.json()).toMatchObject({ code: '540102U004', hotelCode: '540102U003' });
    });

    it('nests a unit below a unit and below a town, but not below a community', async () => {
      expect((await post('/api/units', { parentCode: '540102U001', name: '项目部', kind: 'enterprise' })).json().code).toBe('540102U001U001');
      expect((await post('/api/units', { parentCode: '540102002', name: '八廓街道机关', kind: 'agency' })).json().code).toBe('540102002U001');
      const community = await post('/api/units', { parentCode: '540102002001', name: '某单位', kind: 'agency' });
      expect(community.statusCode).toBe(400);
      expect(community.json()).toMatchObject({ code: 'unit_parent_level', field: 'parentCode' });
    });

    it('keeps names unique among siblings', async () => {
      const res = await post('/api/units', { parentCode: '540102', name: '西藏某建设集团', kind: 'agency' });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'conflict', field: 'name' });
      const sameNameElsewhere = await post('/api/units', { parentCode: '540103', name: '西藏某建设集团', kind: 'enterprise' });
      expect(sameNameElsewhere.json().code).toBe('540103U001');
    });

    it('keeps an admin inside their own jurisdiction', async () => {
      const districtAdmin = await t.userWithRole('admin', '540103');
      const outside = await post('/api/units', { parentCode: '540102', name: '越界单位', kind: 'agency' }, districtAdmin.token);
      expect(outside.statusCode).toBe(403);
      expect(outside.json()).toMatchObject({ code: 'outside_scope', field: 'parentCode' });
      const inside = await post('/api/units', { parentCode: '540103', name: '堆龙某酒店', kind: 'hotel', rooms: 40 }, districtAdmin.token);
      expect(inside.json().code).toBe('540103U002');
      expect((await patch('/api/units/540102U001', { name: '改名' }, districtAdmin.token)).statusCode).toBe(403);
      expect((await post('/api/units', { parentCode: '540102', name: 'x', kind: 'agency' }, desk.token)).statusCode).toBe(403);
    });

    it('lists units of a kind within a subtree, each with its place', async () => {
      const hotels = (await get('/api/units?parent=5401&kind=hotel')).json<{ code: string; path: string }[]>();
      expect(hotels.map((h) => h.code)).toEqual(['540102U003', '540103U002']);
      expect(hotels[0].path).toBe('拉萨市 城关区 雪域留观酒店');
      const underTown = (await get('/api/units?parent=540102002')).json<{ code: string }[]>();
      expect(underTown.map((u) => u.code)).toEqual(['540102002U001']);
    });

    it("defaults the unit list to the caller's jurisdiction", async () => {
      const subdistrict = await t.userWithRole('subdistrict', '540102002');
      const units = (await get('/api/units', subdistrict.token)).json<{ code: string }[]>();
      expect(units.map((u) => u.code)).toEqual(['540102002U001']);
    });

    it('changes and deactivates a unit, audited, and refreshes the node cache', async () => {
      expect((await t.ctx.nodes.get(['540102U003'])).get('540102U003')?.name).toBe('雪域留观酒店');
      const res = await patch('/api/units/540102U003', { rooms: 150, name: '雪域宾馆' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ code: '540102U003', name: '雪域宾馆', rooms: 150 });
      expect((await t.ctx.nodes.get(['540102U003'])).get('540102U003')?.name).toBe('雪域宾馆');
      expect((await patch('/api/units/540102U001', { rooms: 3 })).json()).toMatchObject({ code: 'validation', field: 'rooms' });
      expect((await patch('/api/units/540102U002', { name: '雪域宾馆' })).statusCode).toBe(409);
      expect((await patch('/api/units/540102U004', { hotelCode: null })).json().hotelCode).toBeNull();
      const off = await patch('/api/units/540102U002', { active: false });
      expect(off.json().active).toBe(false);
      const codes = ((await get('/api/units?parent=540102')).json<{ code: string }[]>()).map((u) => u.code);
      expect(codes).not.toContain('540102U002');
      expect(((await get('/api/units?parent=540102&includeInactive=true')).json<{ code: string }[]>()).map((u) => u.code)).toContain('540102U002');
      expect((await patch('/api/units/540102002', { name: 'x' })).statusCode).toBe(404);
      expect((await audit('unit', '540102U003')).map((a) => a.action).sort()).toEqual(['create', 'update']);
    });
  });

  describe('risk areas', () => {
    it('designates, re-grades and lifts a risk area, audited', async () => {
      const high = await post('/api/risk-areas', { code: '540102002001', level: 'high' });
      expect(high.statusCode).toBe(201);
      expect(high.json()).toMatchObject({ code: '540102002001', name: '绕赛社区居委会', level: 'high', liftedAt: null });
      expect(Date.parse(high.json().designatedAt)).not.toBeNaN();
      expect((await get('/api/risk-areas?active=true')).json()).toEqual([high.json()]);

      const again = await post('/api/risk-areas', { code: '540102002001', level: 'high' });
      expect(again.statusCode).toBe(409);

      const medium = (await post('/api/risk-areas', { code: '540102002001', level: 'medium' })).json();
      const active = (await get('/api/risk-areas?active=true')).json<{ id: string; level: string }[]>();
      expect(active.map((a) => [a.id, a.level])).toEqual([[medium.id, 'medium']]);
      const lifted = (await get('/api/risk-areas?active=false')).json<{ id: string; liftedAt: string | null }[]>();
      expect(lifted.map((a) => a.id)).toEqual([high.json().id]);
      expect(lifted[0].liftedAt).not.toBeNull();

      const lift = await post(`/api/risk-areas/${medium.id}/lift`, {});
      expect(lift.statusCode).toBe(200);
      expect(lift.json().liftedAt).not.toBeNull();
      const liftAgain = await post(`/api/risk-areas/${medium.id}/lift`, {});
      expect(liftAgain.json().liftedAt).toBe(lift.json().liftedAt);
      expect((await get('/api/risk-areas?active=true')).json()).toEqual([]);
      expect((await get('/api/risk-areas')).json()).toHaveLength(2);

      expect((await audit('risk_area', high.json().id)).map((a) => a.action)).toEqual(['designate']);
      expect((await audit('risk_area', medium.id)).map((a) => a.action).sort()).toEqual(['designate', 'lift']);
    });

    it('refuses a non-admin and an unknown code', async () => {
      expect((await post('/api/risk-areas', { code: '540102002002', level: 'high' }, desk.token)).statusCode).toBe(403);
      const unknown = await post('/api/risk-areas', { code: '540102002999', level: 'high' });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json()).toMatchObject({ code: 'unknown_code', field: 'code' });
      expect((await post('/api/risk-areas', { code: '540102002002', level: 'low' })).json()).toMatchObject({ code: 'validation', field: 'level' });
      expect((await post('/api/risk-areas/no-such-id/lift', {})).statusCode).toBe(404);
    });
  });

  it('documents every route in the OpenAPI description', async () => {
    const spec = (await t.call(t.adminToken, { method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of ['/api/jurisdictions', '/api/jurisdictions/{code}', '/api/entry-points', '/api/entry-points/{id}', '/api/units', '/api/units/{code}', '/api/risk-areas', '/api/risk-areas/{id}/lift']) {
      expect(spec.paths, path).toHaveProperty([path]);
    }
  });
});
