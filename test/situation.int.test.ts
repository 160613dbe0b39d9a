// The national situation: imports as JSON and as a CSV file, idempotent retries, errors that name
// the field and store nothing, who may import, and the latest report for the dashboard.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases';
import { startTestApp, type TestApp } from './support/app';
import { BAKUO_COMMUNITY } from './support/factories';

type Report = {
  id: string;
  asOf: string;
  source: string | null;
  format: string;
  importedAt: string;
  importedBy: { id: string; displayName: string };
  totals: Record<string, number | null>;
  provinces: ({ code: string; name: string } & Record<string, number | null>)[];
};

const CSV = [
  '省份,新增确诊,新增无症状,现有确诊,高风险区,中风险区',
  '四川省,3,12,40,1,4',
  '上海,"1,250",7355,"9,512",35,12',
  '540000,0,0,2,,',
  '吉林,1895,1004,20340,-,-',
].join('\n');

describe.each(DIALECTS)('national situation on %s', (dialect) => {
  let t: TestApp;
  let command: string;
  let commandId: string;
  let community: string;

  const counts = async () => ({
    reports: Number((await t.ctx.db.selectFrom('situation_reports').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    figures: Number((await t.ctx.db.selectFrom('situation_figures').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    audits: Number((await t.ctx.db.selectFrom('audit_log').where('entity', '=', 'situation_report').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  });
  const postJson = (token: string, payload: object, lang = 'zh-CN') =>
    t.call(token, { method: 'POST', url: '/api/situation', payload, headers: { 'accept-language': lang } });
  const postCsv = (token: string, csv: string | Buffer, query: Record<string, string>, lang = 'zh-CN', url = '/api/situation/import', contentType = 'text/csv; charset=utf-8') =>
    t.call(token, { method: 'POST', url: `${url}?${new URLSearchParams(query)}`, payload: csv, headers: { 'content-type': contentType, 'accept-language': lang } });
  const latest = async (token: string) => {
    const res = await t.call(token, { method: 'GET', url: '/api/situation' });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().report as Report | null;
  };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const c = await t.userWithRole('command', '54');
    command = c.token;
    commandId = c.id;
    community = (await t.userWithRole('community', BAKUO_COMMUNITY)).token;
  });
  afterAll(async () => t?.close());

  it('has no report before the first import', async () => {
    expect(await latest(community)).toBeNull();
  });

  it('imports JSON by province code or name, ranks the provinces and sums the figures', async () => {
    const clientId = randomUUID();
    const body = {
      clientId,
      asOf: '2022-03-15T00:00:00+08:00',
      source: '国家卫生健康委员会',
      provinces: [
        { code: '51', confirmedNew: 2, asymptomaticNew: 5, confirmedCurrent: 30 },
        { name: '吉林', confirmedNew: 1456, asymptomaticNew: 1000, highRiskAreas: 10, mediumRiskAreas: null },
        { code: '310000', confirmedNew: 5, asymptomaticNew: 128, mediumRiskAreas: 3 },
      ],
    };
    const res = await postJson(t.adminToken, body);
    expect(res.statusCode, res.body).toBe(201);
    const report = res.json<Report>();
    expect(report).toMatchObject({ asOf: '2022-03-14T16:00:00.000Z', source: '国家卫生健康委员会', format: 'json', importedBy: { displayName: expect.any(String) } });
    expect(report.provinces.map((p) => [p.code, p.name])).toEqual([['22', '吉林省'], ['31', '上海市'], ['51', '四川省']]);
    expect(report.provinces[0]).toEqual({
      code: '22', name: '吉林省', confirmedNew: 1456, asymptomaticNew: 1000, confirmedCurrent: null, highRiskAreas: 10, mediumRiskAreas: null,
    });
    expect(report.totals).toEqual({ confirmedNew: 1463, asymptomaticNew: 1133, confirmedCurrent: 30, highRiskAreas: 10, mediumRiskAreas: 3 });
    expect(await latest(community)).toEqual(report);

    // The same request again (a retry after a lost answer): the first report, nothing new stored.
    const before = await counts();
    const again = await postJson(t.adminToken, body);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual(report);
    // The same clientId with other figures is not a retry: refused, not answered with the first report.
    const changed = await postJson(t.adminToken, { ...body, provinces: [{ code: '11', confirmedNew: 99 }] });
    expect(changed.statusCode, changed.body).toBe(409);
    expect(changed.json()).toMatchObject({ code: 'client_id_reused', field: 'clientId' });
    expect(await counts()).toEqual(before);
    expect(before).toMatchObject({ reports: 1, figures: 3, audits: 1 });
  });

  it('imports a CSV file (Chinese headings, names, codes, thousands separators, empty cells) and serves it as the latest', async () => {
    const clientId = randomUUID();
    const res = await postCsv(command, CSV, { clientId, asOf: '2022-03-16T00:00:00+08:00', source: '各省卫健委通报' });
    expect(res.statusCode, res.body).toBe(201);
    const report = res.json<Report>();
    expect(report.format).toBe('csv');
    expect(report.importedBy).toEqual({ id: commandId, displayName: expect.any(String) });
    expect(report.provinces.map((p) => [p.name, p.confirmedNew, p.confirmedCurrent, p.highRiskAreas])).toEqual([
      ['吉林省', 1895, 20340, null],
      ['上海市', 1250, 9512, 35],
      ['四川省', 3, 40, 1],
      ['西藏自治区', 0, 2, null],
    ]);
    const shown = await latest(community);
    expect(shown?.id).toBe(report.id);
    expect(shown?.asOf).toBe('2022-03-15T16:00:00.000Z');
    expect(Date.parse(shown!.importedAt)).toBeGreaterThan(Date.now() - 60_000);

    const before = await counts();
    const retry = await postCsv(command, CSV, { clientId, asOf: '2022-03-16T00:00:00+08:00' });
    expect(retry.statusCode).toBe(200);
    expect(retry.json().id).toBe(report.id);
    expect(await counts()).toEqual(before);

    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('entity_id', '=', report.id).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'import', entity: 'situation_report', user_id: commandId });
    expect(JSON.parse(audit.detail!)).toEqual({ format: 'csv', asOf: '2022-03-15T16:00:00.000Z', provinces: 4 });
  });

  it('reads a CSV file saved in GBK', async () => {
    // "省份,新增确诊\n四川,3\n" in GBK, as a spreadsheet on Chinese Windows saves it.
    const gbk = Buffer.from([0xca, 0xa1, 0xb7, 0xdd, 0x2c, 0xd0, 0xc2, 0xd4, 0xf6, 0xc8, 0xb7, 0xd5, 0xef, 0x0a, 0xcb, 0xc4, 0xb4, 0xa8, 0x2c, 0x33, 0x0a]);
    const res = await postCsv(t.adminToken, gbk, { asOf: '2022-03-10T00:00:00+08:00' }, 'zh-CN', '/api/situation/import/preview', 'text/csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ valid: true, issues: [], provinces: [{ code: '51', name: '四川省', confirmedNew: 3 }] });
  });

  it('keeps the newest data time on top even when an older report is imported later', async () => {
    const newest = await latest(community);
    const older = await postJson(t.adminToken, { clientId: randomUUID(), asOf: '2022-03-01T00:00:00+08:00', provinces: [{ code: '11', confirmedNew: 1 }] });
    expect(older.statusCode).toBe(201);
    expect((await latest(community))?.id).toBe(newest!.id);
  });

  it('refuses a bad CSV cell, naming the line and the column in Chinese or English, and stores nothing', async () => {
    const before = await counts();
    const bad = CSV.replace('四川省,3,12', '四川省,3,十二');
    const zh = await postCsv(t.adminToken, bad, { clientId: randomUUID(), asOf: '2022-03-17T00:00:00+08:00' });
    expect(zh.statusCode).toBe(400);
    expect(zh.json()).toEqual({ code: 'import_cell', field: 'line[2].asymptomaticNew', message: '第 2 行“新增无症状”列：须为 0 到 1000000000 之间的整数' });
    const en = await postCsv(t.adminToken, bad, { clientId: randomUUID(), asOf: '2022-03-17T00:00:00+08:00' }, 'en');
    expect(en.json()).toEqual({ code: 'import_cell', field: 'line[2].asymptomaticNew', message: 'Line 2, column "新增无症状": must be a whole number from 0 to 1000000000' });

    const unknown = await postCsv(t.adminToken, CSV.replace('540000', '火星'), { clientId: randomUUID(), asOf: '2022-03-17T00:00:00+08:00' }, 'en');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'import_cell', field: 'line[4].province' });
    expect(unknown.json().message).toMatch(/^Line 4, column "省份": unknown province "火星"/);

    const heading = await postCsv(t.adminToken, 'province,confirmed\n四川,1', { clientId: randomUUID(), asOf: '2022-03-17T00:00:00+08:00' });
    expect(heading.json()).toMatchObject({ code: 'import_cell', field: 'line[1].2', message: expect.stringMatching(/^第 1 行“confirmed”列：不是可识别的列名/) });

    const empty = await postCsv(t.adminToken, '\n', { clientId: randomUUID(), asOf: '2022-03-17T00:00:00+08:00' }, 'en');
    expect(empty.json()).toEqual({ code: 'import_file', field: 'file', message: 'The CSV file is empty' });
    const blank = await postCsv(t.adminToken, '', { clientId: randomUUID(), asOf: '2022-03-17T00:00:00+08:00' }, 'en');
    expect(blank.statusCode).toBe(400);

    expect(await counts()).toEqual(before);
  });

  it('refuses bad JSON, naming the field, and stores nothing', async () => {
    const before = await counts();
    const asOf = '2022-03-17T00:00:00+08:00';
    const unknown = await postJson(t.adminToken, { clientId: randomUUID(), asOf, provinces: [{ code: '51', confirmedNew: 1 }, { code: '5101', confirmedNew: 1 }] }, 'en');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'validation', field: 'provinces[1].code', message: expect.stringMatching(/^Field "provinces\[1\]\.code" unknown province "5101"/) });

    const negative = await postJson(t.adminToken, { clientId: randomUUID(), asOf, provinces: [{ name: '四川', confirmedNew: -1 }] });
    expect(negative.json()).toMatchObject({ code: 'validation', field: 'provinces[0].confirmedNew', message: '字段“provinces[0].confirmedNew”不能小于 0' });

    const duplicate = await postJson(t.adminToken, { clientId: randomUUID(), asOf, provinces: [{ name: '四川', confirmedNew: 1 }, { code: '51', confirmedNew: 2 }] });
    expect(duplicate.json()).toMatchObject({ code: 'validation', field: 'provinces[1].code', message: '字段“provinces[1].code”与 provinces[0] 为同一省份' });

    const typo = await postJson(t.adminToken, { clientId: randomUUID(), asOf, provinces: [{ code: '51', confirmNew: 2 }] }, 'en');
    expect(typo.json()).toMatchObject({ field: 'provinces[0].confirmNew', message: 'Field "provinces[0].confirmNew" is not a known field' });

    const future = await postJson(t.adminToken, { clientId: randomUUID(), asOf: new Date(Date.now() + 3_600_000).toISOString(), provinces: [{ code: '51', confirmedNew: 2 }] });
    expect(future.json()).toMatchObject({ code: 'validation', field: 'asOf', message: '字段“asOf”不能晚于当前时间' });
    const farFuture = await postJson(t.adminToken, { clientId: randomUUID(), asOf: new Date(Date.now() + 86_400_000).toISOString(), provinces: [{ code: '51', confirmedNew: 2 }] });
    expect(farFuture.json()).toMatchObject({ code: 'validation', field: 'asOf' });

    const none = await postJson(t.adminToken, { clientId: randomUUID(), asOf, provinces: [] }, 'en');
    expect(none.json()).toMatchObject({ field: 'provinces' });

    const missing = await postJson(t.adminToken, { clientId: randomUUID(), provinces: [{ code: '51', confirmedNew: 2 }] }, 'en');
    expect(missing.json()).toMatchObject({ code: 'validation', field: 'asOf' });

    expect(await counts()).toEqual(before);
  });

  it('keeps a figure sent as null unreported, not 0', async () => {
    const res = await t.call(t.adminToken, { method: 'POST', url: '/api/situation/preview', payload: { asOf: '2022-03-17T00:00:00+08:00', provinces: [{ code: '51', confirmedNew: null, asymptomaticNew: 4 }] } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().provinces[0]).toMatchObject({ confirmedNew: null, asymptomaticNew: 4 });
  });

  it('previews every problem of a CSV file without storing anything', async () => {
    const before = await counts();
    const csv = '省份,新增确诊,现有确诊\n四川,x,1\n火星,1,1\n西藏,2,2';
    const res = await postCsv(t.adminToken, csv, { asOf: '2022-03-17T00:00:00+08:00' }, 'en', '/api/situation/import/preview');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      valid: false,
      provinces: [],
      issues: [
        { field: 'line[2].confirmedNew', line: 2, message: 'Line 2, column "新增确诊": must be a whole number from 0 to 1000000000' },
        { field: 'line[3].province', line: 3 },
      ],
    });
    const ok = await postCsv(t.adminToken, CSV, { asOf: '2022-03-17T00:00:00+08:00' }, 'zh-CN', '/api/situation/import/preview');
    expect(ok.json()).toMatchObject({ valid: true, issues: [], totals: { confirmedNew: 3148 } });
    expect(ok.json().provinces.map((p: { name: string }) => p.name)).toEqual(['吉林省', '上海市', '四川省', '西藏自治区']);
    expect(await counts()).toEqual(before);
  });

  it('lets admin and command import, everyone with the dashboard read, and nobody else', async () => {
    const before = await counts();
    const body = { clientId: randomUUID(), asOf: '2022-03-17T00:00:00+08:00', provinces: [{ code: '51', confirmedNew: 1 }] };
    const refused = await postJson(community, body);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('forbidden');
    expect((await postCsv(community, CSV, { clientId: randomUUID(), asOf: '2022-03-17T00:00:00+08:00' })).statusCode).toBe(403);
    expect((await postCsv(community, CSV, { asOf: '2022-03-17T00:00:00+08:00' }, 'zh-CN', '/api/situation/import/preview')).statusCode).toBe(403);
    expect(await counts()).toEqual(before);

    const desk = (await t.userWithRole('triage_desk', '5401')).token;
    expect((await t.call(desk, { method: 'GET', url: '/api/situation' })).statusCode).toBe(403);
    expect((await t.call(null, { method: 'GET', url: '/api/situation' })).statusCode).toBe(401);
    const hotel = (await t.userWithRole('hotel', '540102')).token;
    expect((await latest(hotel))?.asOf).toBe('2022-03-15T16:00:00.000Z');
  });

  it('documents the endpoints in OpenAPI', async () => {
    const doc = (await t.call(t.adminToken, { method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/situation', '/api/situation/preview', '/api/situation/import', '/api/situation/import/preview']));
    expect(Object.keys(doc.paths['/api/situation/import'].post.requestBody.content)).toEqual(['text/csv']);
    expect(doc.paths['/api/situation'].get.tags).toEqual(['situation']);
  });
});
