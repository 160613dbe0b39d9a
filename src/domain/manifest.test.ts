import { describe, expect, it } from 'vitest';
import { parseManifest } from './manifest';
import { readCsv } from './situation';

const parse = (text: string) => parseManifest(readCsv(text).records);

describe('parseManifest', () => {
  it('reads Chinese headings in any order, with the document type defaulting to the resident ID', () => {
    const r = parse('座位号,姓名,证件号码,手机号码,证件类型\n12A,扎西,540102199001011234,139 1234 5678,\n12B,John Smith,E12345678,13800001111,护照\n');
    expect(r.issues).toEqual([]);
    expect(r.rows).toEqual([
      { line: 2, name: '扎西', documentType: 'resident_id', documentNumber: '540102199001011234', phone: '13912345678', seat: '12A', communityCode: null, address: null },
      { line: 3, name: 'John Smith', documentType: 'passport', documentNumber: 'E12345678', phone: '13800001111', seat: '12B', communityCode: null, address: null },
    ]);
  });

  it('reads tab-separated text pasted from a spreadsheet, with English headings', () => {
    const r = parse('name\tdocumentNumber\tphone\tcommunityCode\n卓玛\t540102199202021234\t13900002222\t540102002001\n');
    expect(r.rows[0]).toMatchObject({ name: '卓玛', communityCode: '540102002001' });
  });

  it('reports a bad line by number and column and keeps the others', () => {
    const r = parse('姓名,证件号码,手机号码,证件类型\n扎西,540102199001011234,13912345678,\n,540102199001011234,13912345678,\n卓玛,540102199202021234,12,\n次仁,540102199202021234,13912345678,驾照\n');
    expect(r.rows.map((x) => x.line)).toEqual([2]);
    expect(r.issues.map((i) => [i.field, i.column])).toEqual([
      ['line[3].name', '姓名'],
      ['line[4].phone', '手机号码'],
      ['line[5].documentType', '证件类型'],
    ]);
  });

  it('refuses a heading it cannot read, naming what is missing', () => {
    const r = parse('姓名,手机号码,血型\n扎西,13912345678,A\n');
    expect(r.headingProblem).toBe(true);
    expect(r.issues.map((i) => i.field)).toEqual(['line[1].3', 'line[1].documentNumber']);
    expect(parseManifest([]).headingProblem).toBe(true);
  });
});
