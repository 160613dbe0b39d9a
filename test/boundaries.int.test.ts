// Uploaded boundary maps: an admin uploads the reviewed map of 拉萨市 (its counties), dashboard
// readers of 拉萨市 fetch it, readers elsewhere do not see it, bad files are refused with the field
// named and nothing stored, and deleting goes back to the schematic map.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases';
import { startTestApp, type TestApp } from './support/app';
import { lhasaCounties, tile } from './support/boundaries';

const REVIEW = '藏S(2022)001号';
const COUNTIES = ['540102', '540103', '540104', '540121', '540122', '540123', '540124', '540127'];

type Summary = { code: string; name: string; reviewNumber: string; featureCount: number; bytes: number; uploadedAt: string; uploadedBy: string | null };

describe.each(DIALECTS)('boundary maps on %s', (dialect) => {
  let t: TestApp;
  let lhasaCommand: string;
  let shigatseCommand: string;
  let regionCommand: string;
  let desk: string;

  const call = (token: string, method: 'GET' | 'PUT' | 'DELETE', url: string, payload?: object, lang?: string) =>
    t.call(token, { method, url, ...(payload ? { payload } : {}), ...(lang ? { headers: { 'accept-language': lang } } : {}) });
  const upload = (code: string, geojson: unknown, reviewNumber = REVIEW, token = t.adminToken, lang?: string) =>
    call(token, 'PUT', `/api/boundaries/${code}`, { reviewNumber, geojson }, lang);
  const rows = () => t.ctx.db.selectFrom('boundaries').select(['jurisdiction_code', 'review_number', 'feature_count']).orderBy('jurisdiction_code').execute();
  const audit = async (code: string) =>
    (await call(t.adminToken, 'GET', `/api/audit?entity=boundary&entityId=${code}`)).json().items as { action: string; detail: Record<string, unknown> }[];

  beforeAll(async () => {
    t = await startTestApp(dialect);
    lhasaCommand = (await t.userWithRole('command', '5401')).token;
    shigatseCommand = (await t.userWithRole('command', '5402')).token;
    regionCommand = (await t.userWithRole('command', '54')).token;
    desk = (await t.userWithRole('triage_desk', '5401')).token;
  });
  afterAll(async () => t?.close());

  it('stores an uploaded map of 拉萨市 with each county placed by code, adcode or name', async () => {
    const res = await upload('5401', lhasaCounties(), '  ' + REVIEW + ' ');
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json<Summary>();
    expect(s).toMatchObject({ code: '5401', name: '拉萨市', reviewNumber: REVIEW, featureCount: 8, uploadedBy: '系统管理员' });
    expect(s.bytes).toBeGreaterThan(500);
    expect(Date.parse(s.uploadedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(await rows()).toEqual([{ jurisdiction_code: '5401', review_number: REVIEW, feature_count: 8 }]);
    expect((await audit('5401')).map((a) => [a.action, a.detail.reviewNumber, a.detail.featureCount])).toEqual([['upload', REVIEW, 8]]);
  });

  it('serves the map to dashboard readers of 拉萨市 and above, with codes and reference names', async () => {
    for (const token of [lhasaCommand, regionCommand]) {
      const res = await call(token, 'GET', '/api/boundaries/5401');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const body = res.json();
      expect(body).toMatchObject({ code: '5401', name: '拉萨市', reviewNumber: REVIEW, featureCount: 8 });
      expect(body.geojson.type).toBe('FeatureCollection');
      const props = (body.geojson.features as { properties: { code: string; name: string } }[]).map((f) => f.properties);
      expect(props.map((p) => p.code).sort()).toEqual(COUNTIES);
      expect(props.find((p) => p.code === '540104')?.name).toBe('达孜区');
      expect(props.find((p) => p.code === '540121')?.name).toBe('林周县');
      const linzhou = body.geojson.features.find((f: { properties: { code: string } }) => f.properties.code === '540121');
      expect(linzhou.geometry).toEqual({ type: 'MultiPolygon', coordinates: [tile(2, 1), tile(3, 1)] });
    }
    const list = await call(lhasaCommand, 'GET', '/api/boundaries');
    expect(list.statusCode, list.body).toBe(200);
    expect((list.json().items as Summary[]).map((i) => [i.code, i.name, i.reviewNumber, i.featureCount])).toEqual([['5401', '拉萨市', REVIEW, 8]]);
    expect((await call(t.adminToken, 'GET', '/api/boundaries?within=5401')).json().items).toHaveLength(1);
    expect((await call(t.adminToken, 'GET', '/api/boundaries?within=540102')).json().items).toEqual([]);
  });

  it('hides it from readers of another city (404) and lists nothing for them', async () => {
    const res = await call(shigatseCommand, 'GET', '/api/boundaries/5401', undefined, 'en');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'not_found', message: 'Not found' });
    expect((await call(shigatseCommand, 'GET', '/api/boundaries')).json().items).toEqual([]);
    expect((await call(shigatseCommand, 'GET', '/api/boundaries?within=5401')).statusCode).toBe(403);
    expect((await call(t.adminToken, 'GET', '/api/boundaries/5402')).statusCode).toBe(404);
  });

  it('lets only admins upload and delete, and only dashboard readers read', async () => {
    for (const token of [lhasaCommand, regionCommand]) {
      const put = await upload('5401', lhasaCounties(), 'GS(2099)1号', token);
      expect(put.statusCode).toBe(403);
      expect(put.json().code).toBe('forbidden');
      expect((await call(token, 'DELETE', '/api/boundaries/5401')).statusCode).toBe(403);
    }
    expect((await call(desk, 'GET', '/api/boundaries/5401')).statusCode).toBe(403);
    expect((await call(desk, 'GET', '/api/boundaries')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/boundaries/5401' })).statusCode).toBe(401);
    expect(await rows()).toEqual([{ jurisdiction_code: '5401', review_number: REVIEW, feature_count: 8 }]);
  });

  it('refuses bad files naming the field, in Chinese and in English, and writes nothing', async () => {
    const auditBefore = (await audit('5401')).length;
    const elsewhere = lhasaCounties();
    elsewhere.features[3].properties = { code: '540202', name: '桑珠孜区' };
    const zh = await upload('5401', elsewhere, 'GS(2099)2号');
    expect(zh.statusCode).toBe(400);
    expect(zh.json()).toEqual({
      code: 'invalid_boundary',
      field: 'geojson.features[3].properties.code',
      message: '边界文件“features[3].properties.code”：540202（桑珠孜区）不在拉萨市的下级辖区中',
    });
    const en = await upload('5401', elsewhere, 'GS(2099)2号', t.adminToken, 'en');
    expect(en.json()).toMatchObject({ field: 'geojson.features[3].properties.code', message: 'Boundary file "features[3].properties.code": 540202 (桑珠孜区) is not below 拉萨市' });

    const offTheEarth = lhasaCounties();
    offTheEarth.features[0].geometry = { type: 'Polygon', coordinates: [[[90.2, 29.3], [90.6, 29.3], [90.6, 95], [90.2, 29.3]]] };
    const lat = await upload('5402', offTheEarth, REVIEW, t.adminToken, 'en');
    expect(lat.json()).toMatchObject({ field: 'geojson.features[0].geometry.coordinates[0][2][1]', message: 'Boundary file "features[0].geometry.coordinates[0][2][1]": latitude must lie between -90 and 90' });

    const point = await upload('5402', { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: '540202' }, geometry: { type: 'Point', coordinates: [88.9, 29.3] } }] });
    expect(point.json()).toMatchObject({ field: 'geojson.features[0].geometry.type', message: '边界文件“features[0].geometry.type”：应为 Polygon 或 MultiPolygon' });

    const blank = await upload('5401', lhasaCounties(), '   ', t.adminToken, 'en');
    expect(blank.statusCode).toBe(400);
    expect(blank.json()).toMatchObject({ code: 'validation', field: 'reviewNumber' });
    expect(blank.json().message).toMatch(/^Field "reviewNumber" is required/);
    const noReview = await call(t.adminToken, 'PUT', '/api/boundaries/5401', { geojson: lhasaCounties() });
    expect(noReview.json()).toMatchObject({ code: 'validation', field: 'reviewNumber', message: '字段“reviewNumber”为必填项' });
    const noFile = await call(t.adminToken, 'PUT', '/api/boundaries/5401', { reviewNumber: REVIEW });
    expect(noFile.json()).toMatchObject({ code: 'validation', field: 'geojson' });
    const notObject = await upload('5401', [lhasaCounties()]);
    expect(notObject.json()).toMatchObject({ code: 'invalid_boundary', field: 'geojson' });
    const notCollection = await upload('5401', { type: 'Feature' });
    expect(notCollection.json()).toMatchObject({ field: 'geojson.type', message: '边界文件“type”：应为 FeatureCollection' });

    expect((await upload('549999', lhasaCounties())).statusCode).toBe(404);
    expect(await rows()).toEqual([{ jurisdiction_code: '5401', review_number: REVIEW, feature_count: 8 }]);
    expect(await audit('5401')).toHaveLength(auditBefore);
    expect(await audit('5402')).toEqual([]);
  });

  it('takes files above the general body limit up to 20 MB, and refuses larger ones', async () => {
    // Properties other than the code, name and label point are not stored: the padding is dropped.
    const padded = lhasaCounties();
    (padded.features[0].properties as Record<string, unknown>).note = 'x'.repeat(12 * 1024 * 1024);
    const big = await upload('5401', padded, 'GS(2023)2号');
    expect(big.statusCode, big.body.slice(0, 300)).toBe(200);
    expect(big.json().bytes).toBeLessThan(10_000);

    (padded.features[0].properties as Record<string, unknown>).note = 'x'.repeat(21 * 1024 * 1024);
    const tooBig = await upload('5401', padded, 'GS(2023)3号', t.adminToken, 'en');
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json()).toMatchObject({ code: 'payload_too_large', message: 'The upload is too large' });
    expect(await rows()).toEqual([{ jurisdiction_code: '5401', review_number: 'GS(2023)2号', feature_count: 8 }]);
    expect((await audit('5401')).map((a) => [a.action, a.detail.reviewNumber, a.detail.previousReviewNumber ?? null])).toEqual([
      ['replace', 'GS(2023)2号', REVIEW],
      ['upload', REVIEW, null],
    ]);
  });

  it('deletes the map, going back to the schematic one', async () => {
    const del = await call(t.adminToken, 'DELETE', '/api/boundaries/5401');
    expect(del.statusCode, del.body).toBe(204);
    expect(await rows()).toEqual([]);
    expect((await call(lhasaCommand, 'GET', '/api/boundaries/5401')).statusCode).toBe(404);
    expect((await call(lhasaCommand, 'GET', '/api/boundaries')).json().items).toEqual([]);
    expect((await call(t.adminToken, 'DELETE', '/api/boundaries/5401')).statusCode).toBe(404);
    expect((await audit('5401'))[0]).toMatchObject({ action: 'delete', detail: { reviewNumber: 'GS(2023)2号' } });
  });

  it('documents the endpoints in OpenAPI', async () => {
    const spec = (await t.call(t.adminToken, { method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(spec.paths['/api/boundaries/{code}']).sort()).toEqual(['delete', 'get', 'put']);
    expect(spec.paths['/api/boundaries/{code}'].put.tags).toEqual(['boundaries']);
    expect(spec.paths['/api/boundaries'].get).toBeDefined();
  });
});
