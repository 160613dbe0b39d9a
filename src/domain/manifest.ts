// A list of contacts for one exposure (e.g. a flight's or a carriage's passenger manifest), as
// spreadsheet rows: a heading line, then one person per line. Bad lines are reported by line
// number and the rest are taken; document numbers are checked by the caller, per type.
import { DOCUMENT_TYPES, type DocumentType } from './enums';
import { canonicalDivisionCode, DIVISION_CODE } from './division-code';
import { DOCUMENT_TYPE_LABELS, type Label } from './labels';
import type { CsvRecord, Issue } from './situation';

export const MANIFEST_COLUMNS = ['name', 'documentType', 'documentNumber', 'phone', 'seat', 'communityCode', 'address'] as const;
export type ManifestColumn = (typeof MANIFEST_COLUMNS)[number];

/** Beyond this many lines an upload should be split. */
export const MAX_MANIFEST_ROWS = 20_000;

export interface ManifestRow {
  line: number;
  name: string;
  documentType: DocumentType;
  documentNumber: string;
  phone: string;
  seat: string | null;
  communityCode: string | null;
  address: string | null;
}

const HEADINGS: Record<ManifestColumn, string[]> = {
  name: ['name', '姓名', '旅客姓名', '乘客姓名'],
  documentType: ['documenttype', 'doctype', '证件类型', '证件种类'],
  documentNumber: ['documentnumber', 'idnumber', 'document', '证件号码', '证件号', '身份证号', '身份证号码', '身份证'],
  phone: ['phone', 'mobile', '手机', '手机号', '手机号码', '电话', '联系电话', '联系方式'],
  seat: ['seat', '座位', '座位号', '座号', '铺位'],
  communityCode: ['communitycode', 'community', '社区代码', '社区编码', '现住社区代码', '村社区代码'],
  address: ['address', '地址', '住址', '现住址', '详细地址'],
};

const key = (s: string) => s.normalize('NFKC').replace(/[\s_\-–—*＊]/g, '').toLowerCase().replace(/[（(][^）)]*[）)]/g, '');
const HEADING_OF = new Map(Object.entries(HEADINGS).flatMap(([column, names]) => names.map((n) => [key(n), column as ManifestColumn])));

const DOCUMENT_TYPE_OF = new Map<string, DocumentType>([
  ...DOCUMENT_TYPES.map((t) => [key(t), t] as const),
  ...DOCUMENT_TYPES.flatMap((t) => [[key(DOCUMENT_TYPE_LABELS[t].zh), t], [key(DOCUMENT_TYPE_LABELS[t].en), t]] as const),
  ['身份证', 'resident_id'], ['id', 'resident_id'], ['港澳通行证', 'hk_macao_permit'], ['台胞证', 'taiwan_permit'], ['其他', 'other'],
]);

const REQUIRED: ManifestColumn[] = ['name', 'documentNumber', 'phone'];

const P = {
  unknownHeading: { zh: '不是可识别的列名（姓名、证件类型、证件号码、手机号码、座位号、社区代码、地址）', en: 'is not a known heading (name, documentType, documentNumber, phone, seat, communityCode, address)' },
  repeated: (c: string) => ({ zh: `与“${c}”列重复`, en: `repeats the column "${c}"` }),
  missing: (c: ManifestColumn) => ({ zh: `缺少${COLUMN_LABELS[c].zh}列`, en: `the ${c} column is missing` }),
  empty: { zh: '不能为空', en: 'must not be empty' },
  tooLong: (n: number) => ({ zh: `长度不能超过 ${n}`, en: `must be at most ${n} characters` }),
  phone: { zh: '应为5到20位数字', en: 'must be 5 to 20 digits' },
  documentType: { zh: '不是可识别的证件类型', en: 'is not a known document type' },
  code: { zh: '应为数字代码', en: 'must be a division code' },
};

export const COLUMN_LABELS: Record<ManifestColumn, Label> = {
  name: { zh: '姓名', en: 'Name' },
  documentType: { zh: '证件类型', en: 'Document type' },
  documentNumber: { zh: '证件号码', en: 'Document number' },
  phone: { zh: '手机号码', en: 'Phone' },
  seat: { zh: '座位号', en: 'Seat' },
  communityCode: { zh: '社区代码', en: 'Community code' },
  address: { zh: '地址', en: 'Address' },
};

const LIMITS: Record<ManifestColumn, number> = { name: 64, documentType: 32, documentNumber: 32, phone: 21, seat: 16, communityCode: 32, address: 200 };

export interface ParsedManifest {
  rows: ManifestRow[];
  /** Problems of single lines (the line is skipped) or of the heading (nothing is taken). */
  issues: Issue[];
  /** A problem with the heading: no line can be read. */
  headingProblem: boolean;
  /** Each column's heading as written in the file, for problems found later. */
  headings: Partial<Record<ManifestColumn, string>>;
}

/** Reads the heading, then every line; a line with a problem is reported and left out. */
export function parseManifest(records: CsvRecord[]): ParsedManifest {
  if (records.length === 0) return { rows: [], issues: [{ field: 'file', problem: { zh: '是空的', en: 'is empty' } }], headingProblem: true, headings: {} };
  const [header, ...data] = records;
  const issues: Issue[] = [];
  const columns: (ManifestColumn | null)[] = [];
  const seen = new Map<ManifestColumn, string>();
  header.cells.forEach((heading, i) => {
    const column = heading === '' ? null : HEADING_OF.get(key(heading)) ?? null;
    columns.push(column && !seen.has(column) ? column : null);
    if (heading === '') return;
    const at = { field: `line[${header.line}].${column ?? i + 1}`, line: header.line, column: heading };
    if (!column) issues.push({ ...at, problem: P.unknownHeading });
    else if (seen.has(column)) issues.push({ ...at, problem: P.repeated(seen.get(column)!) });
    else seen.set(column, heading);
  });
  for (const c of REQUIRED) if (!seen.has(c)) issues.push({ field: `line[${header.line}].${c}`, line: header.line, problem: P.missing(c) });
  const headings = Object.fromEntries(seen);
  if (issues.length) return { rows: [], issues, headingProblem: true, headings };

  const rows: ManifestRow[] = [];
  for (const record of data) {
    const cell: Partial<Record<ManifestColumn, string>> = {};
    columns.forEach((c, i) => {
      if (c) cell[c] = (record.cells[i] ?? '').trim();
    });
    const problem = lineProblem(cell);
    if (problem) {
      issues.push({ field: `line[${record.line}].${problem.column}`, line: record.line, column: seen.get(problem.column) ?? problem.column, problem: problem.problem });
      continue;
    }
    rows.push({
      line: record.line,
      name: cell.name!,
      documentType: cell.documentType ? DOCUMENT_TYPE_OF.get(key(cell.documentType))! : 'resident_id',
      documentNumber: cell.documentNumber!,
      phone: cell.phone!.replace(/[\s-]/g, ''),
      seat: cell.seat || null,
      communityCode: cell.communityCode ? canonicalDivisionCode(cell.communityCode) : null,
      address: cell.address || null,
    });
  }
  return { rows, issues, headingProblem: false, headings };
}

function lineProblem(cell: Partial<Record<ManifestColumn, string>>): { column: ManifestColumn; problem: Label } | null {
  for (const c of REQUIRED) if (!cell[c]) return { column: c, problem: P.empty };
  for (const c of MANIFEST_COLUMNS) if ((cell[c]?.length ?? 0) > LIMITS[c]) return { column: c, problem: P.tooLong(LIMITS[c]) };
  if (cell.documentType && !DOCUMENT_TYPE_OF.has(key(cell.documentType))) return { column: 'documentType', problem: P.documentType };
  if (!/^\+?[0-9]{5,20}$/.test(cell.phone!.replace(/[\s-]/g, ''))) return { column: 'phone', problem: P.phone };
  if (cell.communityCode && !DIVISION_CODE.test(cell.communityCode)) return { column: 'communityCode', problem: P.code };
  return null;
}
