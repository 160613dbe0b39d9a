import { describe, expect, it } from 'vitest';
import {
  checkAsOf, checkSituationRows, decodeText, parseSituationCsv, provinceFinder, rankProvinces, readCsv, totalsOf,
  type ProvinceFigures,
} from './situation';

const PROVINCES = [
  { code: '11', name: '北京市' },
  { code: '15', name: '内蒙古自治区' },
  { code: '45', name: '广西壮族自治区' },
  { code: '51', name: '四川省' },
  { code: '54', name: '西藏自治区' },
  { code: '65', name: '新疆维吾尔自治区' },
  { code: '81', name: '香港特别行政区' },
];

const row = (code: string, f: Partial<ProvinceFigures> = {}): ProvinceFigures => ({
  code, confirmedNew: null, asymptomaticNew: null, confirmedCurrent: null, highRiskAreas: null, mediumRiskAreas: null, ...f,
});

describe('finding a province', () => {
  const find = provinceFinder(PROVINCES);

  it('by two- or six-digit code, full name or short name', () => {
    for (const text of ['51', '510000', '四川省', '四川', ' 四川 ']) expect(find(text)?.code, text).toBe('51');
    expect(find('内蒙古')?.code).toBe('15');
    expect(find('广西')?.code).toBe('45');
    expect(find('广西自治区')?.code).toBe('45');
    expect(find('新疆')?.code).toBe('65');
    expect(find('香港')?.code).toBe('81');
    expect(find('北京')?.code).toBe('11');
  });

  it('not by a city code, an unknown code or another name', () => {
    for (const text of ['5101', '510100', '99', '成都市', '四', '']) expect(find(text), text).toBeUndefined();
  });
});

describe('reading CSV', () => {
  it('splits quoted cells, doubled quotes and line breaks inside quotes, and skips blank lines', () => {
    const { records } = readCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\n\n"two\nlines",3\n');
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, y', 'say "hi"'] },
      { line: 4, cells: ['two\nlines', '3'] },
    ]);
  });

  it('takes tabs (cells pasted from a spreadsheet) and full-width commas', () => {
    expect(readCsv('省份\t新增确诊\n四川\t3').records[1].cells).toEqual(['四川', '3']);
    expect(readCsv('省份，新增确诊\n四川，3').records[1].cells).toEqual(['四川', '3']);
  });

  it('reports a quote that is never closed at the line its record starts on', () => {
    expect(readCsv('a,b\n1,"2\n3,4\n').unclosedQuoteAt).toBe(2);
  });
});

describe('a situation CSV file', () => {
  it('maps Chinese or English headings and province names to rows; empty cells are not reported', () => {
    const csv = '省份,新增确诊,新增无症状,现有确诊,高风险区,中风险区\n四川省,12,30,120,3,8\n西藏,0,,5,-,0\n510000,1,1,1,1,1';
    const dup = parseSituationCsv(csv, PROVINCES);
    expect(dup.rows).toEqual([]);
    expect(dup.issues).toEqual([
      { field: 'line[4].province', line: 4, column: '省份', problem: { zh: '与第 2 行为同一省份', en: 'is the same province as line 2' } },
    ]);

    const ok = parseSituationCsv(csv.split('\n').slice(0, 3).join('\n'), PROVINCES);
    expect(ok.issues).toEqual([]);
    expect(ok.rows).toEqual([
      row('51', { confirmedNew: 12, asymptomaticNew: 30, confirmedCurrent: 120, highRiskAreas: 3, mediumRiskAreas: 8 }),
      row('54', { confirmedNew: 0, confirmedCurrent: 5, mediumRiskAreas: 0 }),
    ]);

    const en = parseSituationCsv('Province, confirmed_new ,Asymptomatic New,high_risk_areas (count)\n"Sichuan",1,2,3\n11,"1,234",0,0', PROVINCES);
    expect(en.issues.map((i) => i.field)).toEqual(['line[2].province']);
    expect(parseSituationCsv('Province,confirmed_new\n11,"1,234"', PROVINCES).rows).toEqual([row('11', { confirmedNew: 1234 })]);
  });

  it('names the line and the column of every bad cell, and keeps no rows then', () => {
    const r = parseSituationCsv('省份,新增确诊,现有确诊\n四川,-3,5\n火星,1,1\n西藏,1.5,abc\n,1,1\n北京,,', PROVINCES);
    expect(r.rows).toEqual([]);
    expect(r.issues.map((i) => [i.line, i.column, i.field, i.problem.zh])).toEqual([
      [2, '新增确诊', 'line[2].confirmedNew', '须为 0 到 1000000000 之间的整数'],
      [3, '省份', 'line[3].province', '找不到省份“火星”（可填省份名称，如“四川省”或“四川”，或代码 51、510000）'],
      [4, '新增确诊', 'line[4].confirmedNew', '须为 0 到 1000000000 之间的整数'],
      [4, '现有确诊', 'line[4].confirmedCurrent', '须为 0 到 1000000000 之间的整数'],
      [5, '省份', 'line[5].province', '须填写省份'],
      [6, '新增确诊', 'line[6].confirmedNew', '至少须填写一项数据'],
    ]);
  });

  it('rejects a value beyond the largest figure, and values in a column without heading', () => {
    expect(parseSituationCsv('省份,新增确诊\n四川,1000000001', PROVINCES).issues[0].field).toBe('line[2].confirmedNew');
    expect(parseSituationCsv('省份,新增确诊\n四川,1000000000', PROVINCES).rows[0].confirmedNew).toBe(1_000_000_000);
    const extra = parseSituationCsv('省份,新增确诊\n四川,1,9', PROVINCES).issues;
    expect(extra.map((i) => [i.field, i.column])).toEqual([['line[2].3', '#3']]);
  });

  it('checks the heading line first: unknown, repeated and missing columns', () => {
    const r = parseSituationCsv('省份,新增确症,新增确诊,confirmed_new\n四川,1,1,1', PROVINCES);
    expect(r.issues.map((i) => [i.field, i.column])).toEqual([['line[1].2', '新增确症'], ['line[1].confirmedNew', 'confirmed_new']]);
    expect(r.issues[1].problem.zh).toBe('与“新增确诊”列重复');
    expect(parseSituationCsv('新增确诊\n1', PROVINCES).issues).toEqual([
      { field: 'line[1].province', line: 1, problem: { zh: '缺少省份列', en: 'the province column is missing' } },
    ]);
    expect(parseSituationCsv('省份\n四川', PROVINCES).issues[0].field).toBe('line[1]');
  });

  it('says when the file is empty, has headings only or an unclosed quote', () => {
    expect(parseSituationCsv(' \n\n', PROVINCES).issues).toEqual([{ field: 'file', problem: { zh: '是空的', en: 'is empty' } }]);
    expect(parseSituationCsv('省份,新增确诊\n', PROVINCES).issues[0].field).toBe('file');
    expect(parseSituationCsv('省份,新增确诊\n"四川,1\n', PROVINCES).issues[0]).toMatchObject({ field: 'line[2]', line: 2 });
  });
});

describe('situation rows sent as JSON', () => {
  it('accepts a code or a name (or both when they agree)', () => {
    const r = checkSituationRows([
      { code: '510000', confirmedNew: 3 },
      { name: '西藏', confirmedNew: 0, mediumRiskAreas: 2 },
      { code: '11', name: '北京市', asymptomaticNew: 1, confirmedNew: null },
    ], PROVINCES);
    expect(r.issues).toEqual([]);
    expect(r.rows).toEqual([row('51', { confirmedNew: 3 }), row('54', { confirmedNew: 0, mediumRiskAreas: 2 }), row('11', { asymptomaticNew: 1 })]);
  });

  it('names the failing field of each bad province', () => {
    const r = checkSituationRows([
      { code: '99', confirmedNew: 1 },
      { name: '四川', confirmedNew: -1 },
      { code: '51', name: '西藏', confirmedNew: 1 },
      { confirmedNew: 1 },
      { code: '15', confirmedNew: 2.5, confirmNew: 3 },
      { code: '11' },
      { name: '四川省', confirmedNew: 4 },
    ], PROVINCES);
    expect(r.rows).toEqual([]);
    expect(r.issues.map((i) => i.field)).toEqual([
      'provinces[0].code', 'provinces[1].confirmedNew', 'provinces[2].name', 'provinces[3].code',
      'provinces[4].confirmNew', 'provinces[4].confirmedNew', 'provinces[5].confirmedNew', 'provinces[6].name',
    ]);
    expect(r.issues[7].problem.en).toBe('is the same province as provinces[1]');
  });

  it('needs at least one province', () => {
    expect(checkSituationRows([], PROVINCES).issues[0].field).toBe('provinces');
  });
});

describe('the time of the data', () => {
  const now = new Date('2026-03-15T02:00:00Z');
  it('may not lie in the future, beyond a few minutes of clock difference', () => {
    expect(checkAsOf('2026-03-14T16:00:00Z', now)).toBeNull();
    expect(checkAsOf('2026-03-15T02:09:00Z', now)).toBeNull();
    expect(checkAsOf('2026-03-15T02:11:00Z', now)?.field).toBe('asOf');
    expect(checkAsOf('yesterday', now)?.field).toBe('asOf');
  });
});

describe('ranking and totals', () => {
  it('ranks by new confirmed, new asymptomatic, current confirmed, then code; unreported last', () => {
    const ranked = rankProvinces([
      row('11', { confirmedNew: 2, asymptomaticNew: 1 }),
      row('51', { confirmedNew: null, asymptomaticNew: 9 }),
      row('54', { confirmedNew: 2, asymptomaticNew: 5 }),
      row('15', { confirmedNew: 0 }),
      row('45', { confirmedNew: 2, asymptomaticNew: 1 }),
    ]);
    expect(ranked.map((r) => r.code)).toEqual(['54', '11', '45', '15', '51']);
  });

  it('sums what was reported and leaves figures nobody reported null', () => {
    expect(totalsOf([row('11', { confirmedNew: 2, highRiskAreas: 1 }), row('51', { confirmedNew: 3 })])).toEqual({
      confirmedNew: 5, asymptomaticNew: null, confirmedCurrent: null, highRiskAreas: 1, mediumRiskAreas: null,
    });
  });
});

describe('decoding an uploaded file', () => {
  // "省份,新增确诊\n四川,3\n" as a spreadsheet on Chinese Windows saves it (GBK).
  const gbk = Uint8Array.from([0xca, 0xa1, 0xb7, 0xdd, 0x2c, 0xd0, 0xc2, 0xd4, 0xf6, 0xc8, 0xb7, 0xd5, 0xef, 0x0a, 0xcb, 0xc4, 0xb4, 0xa8, 0x2c, 0x33, 0x0a]);

  it('reads UTF-8, and falls back to GB18030 for bytes that are not UTF-8', () => {
    expect(decodeText(new TextEncoder().encode('省份,新增确诊\n四川,3\n'))).toBe('省份,新增确诊\n四川,3\n');
    expect(decodeText(gbk)).toBe('省份,新增确诊\n四川,3\n');
    expect(decodeText(gbk, 'GBK')).toBe('省份,新增确诊\n四川,3\n');
  });
});
