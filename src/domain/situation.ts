// The national situation (全国疫情形势): per-province figures an administrator imports from the
// daily reports of the national and provincial health commissions, as a CSV file or JSON. Parsing
// and checking are pure so that the server and the import page's preview say the same thing; every
// problem names its field (for CSV: the line and the column as written in the file).
import type { Label } from './labels';

/** The figures of a Chinese daily report kept per province, in display order. */
export const SITUATION_FIGURES = ['confirmedNew', 'asymptomaticNew', 'confirmedCurrent', 'highRiskAreas', 'mediumRiskAreas'] as const;
export type SituationFigure = (typeof SITUATION_FIGURES)[number];

export const SITUATION_FIGURE_LABELS: Record<SituationFigure, Label> = {
  confirmedNew: { zh: '新增确诊', en: 'New confirmed' },
  asymptomaticNew: { zh: '新增无症状', en: 'New asymptomatic' },
  confirmedCurrent: { zh: '现有确诊', en: 'Current confirmed' },
  highRiskAreas: { zh: '高风险区', en: 'High-risk areas' },
  mediumRiskAreas: { zh: '中风险区', en: 'Medium-risk areas' },
};

/** Fits PostgreSQL's integer with room to spare; no province reports more people than this. */
export const MAX_FIGURE = 1_000_000_000;

/** A figure left empty (or "-") was not reported: null, which is not 0. */
export type Figures = Record<SituationFigure, number | null>;

export interface Province {
  /** Two-digit division code, as the jurisdictions table holds provinces (51 四川省). */
  code: string;
  name: string;
}

export interface ProvinceFigures extends Figures {
  code: string;
}

export interface Issue {
  /** `line[3].confirmedNew` for CSV, `provinces[2].code` for JSON, `asOf`, `file`. */
  field: string;
  /** CSV only: the line of the file (the header is line 1). */
  line?: number;
  /** CSV only: the column's heading as written in the file; absent for a whole line. */
  column?: string;
  problem: Label;
}

export interface Checked {
  rows: ProvinceFigures[];
  issues: Issue[];
}

/** Beyond this many problems a file is plainly the wrong one; the rest are not listed. */
const MAX_ISSUES = 50;

const P = {
  figure: { zh: `须为 0 到 ${MAX_FIGURE} 之间的整数`, en: `must be a whole number from 0 to ${MAX_FIGURE}` },
  unknownProvince: (v: string) => ({ zh: `找不到省份“${v}”（可填省份名称，如“四川省”或“四川”，或代码 51、510000）`, en: `unknown province "${v}" (use a name such as 四川省 or 四川, or a code such as 51 or 510000)` }),
  provinceMissing: { zh: '须填写省份', en: 'needs a province' },
  duplicate: (zh: string, en: string) => ({ zh: `与${zh}为同一省份`, en: `is the same province as ${en}` }),
  noFigures: { zh: '至少须填写一项数据', en: 'needs at least one figure' },
};

const ignorable = (s: string) => s.replace(/[\s_\-–—]/g, '').toLowerCase().replace(/[（(][^）)]*[）)]/g, '');

/** Accepted headings of each column, compared without case, spaces, underscores and (units). */
const HEADINGS: Record<SituationFigure | 'province', string[]> = {
  province: ['province', 'provincecode', 'provincename', 'code', 'name', '省份', '省', '省份名称', '省份代码', '地区', '代码', '名称'],
  confirmedNew: ['confirmednew', '新增确诊', '新增确诊病例'],
  asymptomaticNew: ['asymptomaticnew', '新增无症状', '新增无症状感染者'],
  confirmedCurrent: ['confirmedcurrent', '现有确诊', '现有确诊病例'],
  highRiskAreas: ['highriskareas', '高风险区', '高风险地区'],
  mediumRiskAreas: ['mediumriskareas', '中风险区', '中风险地区'],
};
const HEADING_OF = new Map(Object.entries(HEADINGS).flatMap(([key, names]) => names.map((n) => [ignorable(n), key as SituationFigure | 'province'])));

const SUFFIX = /(特别行政区|壮族自治区|回族自治区|维吾尔自治区|自治区|省|市)$/;

/** Finds a province by its code (51 or 510000), its name (四川省) or its short name (四川). */
export function provinceFinder(provinces: Province[]): (text: string) => Province | undefined {
  const byKey = new Map<string, Province>();
  for (const p of provinces) {
    byKey.set(p.code, p);
    byKey.set(p.name, p);
    byKey.set(p.name.replace(SUFFIX, ''), p);
  }
  return (text) => {
    const s = text.replace(/\s/g, '');
    const code = /^(\d{2})(?:0000)?$/.exec(s);
    if (code) return byKey.get(code[1]);
    return byKey.get(s) ?? byKey.get(s.replace(SUFFIX, ''));
  };
}

const noFigures = (): Figures => ({ confirmedNew: null, asymptomaticNew: null, confirmedCurrent: null, highRiskAreas: null, mediumRiskAreas: null });

// ---- CSV ----

export interface CsvRecord {
  /** Line of the file the record starts on, from 1. */
  line: number;
  cells: string[];
}

/**
 * RFC 4180 records: quoted cells may hold the separator, doubled quotes and line breaks. The
 * separator is a comma, or a tab when the first line has tabs and no comma (cells pasted from a
 * spreadsheet), or a full-width comma when that is all the first line has.
 */
export function readCsv(text: string): { records: CsvRecord[]; unclosedQuoteAt: number | null } {
  const src = text.replace(/^\uFEFF/, '');
  const firstLine = src.slice(0, src.search(/\r?\n|$/));
  const sep = firstLine.includes(',') ? ',' : firstLine.includes('\t') ? '\t' : firstLine.includes('，') ? '，' : ',';
  const records: CsvRecord[] = [];
  let line = 1;
  let start = 1;
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (c === sep) {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      cells.push(cell);
      records.push({ line: start, cells });
      cells = [];
      cell = '';
      start = ++line;
    } else cell += c;
  }
  if (quoted) return { records, unclosedQuoteAt: start };
  if (cell !== '' || cells.length) {
    cells.push(cell);
    records.push({ line: start, cells });
  }
  return { records: records.map((r) => ({ line: r.line, cells: r.cells.map((c) => c.trim()) })).filter((r) => r.cells.some((c) => c !== '')), unclosedQuoteAt: null };
}

function figureOf(raw: string): number | null | undefined {
  const s = raw.trim();
  if (s === '' || s === '-' || s === '—' || s === '/') return null;
  if (!/^(\d+|\d{1,3}(,\d{3})+)$/.test(s)) return undefined;
  const n = Number(s.replace(/,/g, ''));
  return n <= MAX_FIGURE ? n : undefined;
}

/** Parses and checks a CSV file: a heading line, then one line per province. */
export function parseSituationCsv(text: string, provinces: Province[]): Checked {
  const issues: Issue[] = [];
  const fileIssue = (problem: Label): Checked => ({ rows: [], issues: [{ field: 'file', problem }] });
  const { records, unclosedQuoteAt } = readCsv(text);
  if (unclosedQuoteAt !== null) {
    return { rows: [], issues: [{ field: `line[${unclosedQuoteAt}]`, line: unclosedQuoteAt, problem: { zh: '有未闭合的引号', en: 'a quote is never closed' } }] };
  }
  if (records.length === 0) return fileIssue({ zh: '是空的', en: 'is empty' });

  const [header, ...data] = records;
  const columns: (SituationFigure | 'province' | null)[] = [];
  const seen = new Map<string, string>();
  header.cells.forEach((heading, i) => {
    if (heading === '') {
      columns.push(null);
      return;
    }
    const key = HEADING_OF.get(ignorable(heading)) ?? null;
    columns.push(key);
    const at = { field: `line[${header.line}].${key ?? i + 1}`, line: header.line, column: heading };
    if (!key) {
      issues.push({ ...at, problem: { zh: '不是可识别的列名（省份、新增确诊、新增无症状、现有确诊、高风险区、中风险区）', en: 'is not a known heading (province, confirmedNew, asymptomaticNew, confirmedCurrent, highRiskAreas, mediumRiskAreas)' } });
    } else if (seen.has(key)) {
      issues.push({ ...at, problem: { zh: `与“${seen.get(key)}”列重复`, en: `repeats the column "${seen.get(key)}"` } });
    } else seen.set(key, heading);
  });
  if (!seen.has('province')) issues.push({ field: `line[${header.line}].province`, line: header.line, problem: { zh: '缺少省份列', en: 'the province column is missing' } });
  if (![...seen.keys()].some((k) => k !== 'province')) {
    issues.push({ field: `line[${header.line}]`, line: header.line, problem: { zh: '缺少数据列（至少一列，如“新增确诊”）', en: 'no figure column (at least one, e.g. confirmedNew)' } });
  }
  if (issues.length) return { rows: [], issues };
  if (data.length === 0) return fileIssue({ zh: '只有列名，没有省份数据', en: 'has headings but no province lines' });

  const find = provinceFinder(provinces);
  const firstLineOf = new Map<string, number>();
  const rows: ProvinceFigures[] = [];
  for (const record of data) {
    if (issues.length >= MAX_ISSUES) break;
    const at = (i: number) => ({ field: `line[${record.line}].${columns[i]}`, line: record.line, column: header.cells[i] });
    const row: ProvinceFigures = { code: '', ...noFigures() };
    let ok = true;
    let any = false;
    const width = Math.max(columns.length, record.cells.length);
    for (let i = 0; i < width; i++) {
      const raw = record.cells[i] ?? '';
      const key = i < columns.length ? columns[i] : null;
      if (key === null) {
        if (raw !== '') {
          ok = false;
          issues.push({ field: `line[${record.line}].${i + 1}`, line: record.line, column: header.cells[i] || `#${i + 1}`, problem: { zh: '该列没有列名', en: 'has a value but no heading' } });
        }
      } else if (key === 'province') {
        const p = raw === '' ? undefined : find(raw);
        if (!p) {
          ok = false;
          issues.push({ ...at(i), problem: raw === '' ? P.provinceMissing : P.unknownProvince(raw) });
        } else if (firstLineOf.has(p.code)) {
          ok = false;
          const first = firstLineOf.get(p.code);
          issues.push({ ...at(i), problem: P.duplicate(`第 ${first} 行`, `line ${first}`) });
        } else {
          row.code = p.code;
          firstLineOf.set(p.code, record.line);
        }
      } else {
        const v = figureOf(raw);
        if (v === undefined) {
          ok = false;
          issues.push({ ...at(i), problem: P.figure });
        } else {
          row[key] = v;
          any ||= v !== null;
        }
      }
    }
    if (ok && !any) {
      ok = false;
      const i = columns.findIndex((c) => c !== null && c !== 'province');
      issues.push({ ...at(i), problem: P.noFigures });
    }
    if (ok) rows.push(row);
  }
  return { rows: issues.length ? [] : rows, issues: issues.slice(0, MAX_ISSUES) };
}

// ---- JSON ----

const INPUT_KEYS = new Set<string>(['code', 'name', ...SITUATION_FIGURES]);

/** Checks provinces sent as JSON ({code | name, ...figures}); fields are named like provinces[2].code. */
export function checkSituationRows(items: readonly Record<string, unknown>[], provinces: Province[]): Checked {
  const issues: Issue[] = [];
  const find = provinceFinder(provinces);
  const firstIndexOf = new Map<string, number>();
  const rows: ProvinceFigures[] = [];
  if (items.length === 0) return { rows, issues: [{ field: 'provinces', problem: { zh: '至少须有一个省份', en: 'must hold at least one province' } }] };
  items.forEach((item, n) => {
    if (issues.length >= MAX_ISSUES) return;
    const at = (key: string) => `provinces[${n}].${key}`;
    let ok = true;
    for (const key of Object.keys(item)) {
      if (!INPUT_KEYS.has(key)) {
        ok = false;
        issues.push({ field: at(key), problem: { zh: '不是可识别的字段', en: 'is not a known field' } });
      }
    }
    const code = typeof item.code === 'string' && item.code.trim() ? item.code : undefined;
    const name = typeof item.name === 'string' && item.name.trim() ? item.name : undefined;
    const byCode = code === undefined ? undefined : find(code);
    const byName = name === undefined ? undefined : find(name);
    const row: ProvinceFigures = { code: '', ...noFigures() };
    if (code === undefined && name === undefined) {
      ok = false;
      issues.push({ field: at('code'), problem: { zh: '须填写省份代码或名称', en: 'or name is required' } });
    } else if (code !== undefined && !byCode) {
      ok = false;
      issues.push({ field: at('code'), problem: P.unknownProvince(code) });
    } else if (name !== undefined && !byName) {
      ok = false;
      issues.push({ field: at('name'), problem: P.unknownProvince(name) });
    } else if (byCode && byName && byCode.code !== byName.code) {
      ok = false;
      issues.push({ field: at('name'), problem: { zh: `与代码 ${code} 不是同一省份`, en: `is not the province of code ${code}` } });
    } else {
      const p = (byCode ?? byName)!;
      if (firstIndexOf.has(p.code)) {
        ok = false;
        const first = firstIndexOf.get(p.code);
        issues.push({ field: at(byCode ? 'code' : 'name'), problem: P.duplicate(` provinces[${first}] `, `provinces[${first}]`) });
      } else {
        firstIndexOf.set(p.code, n);
        row.code = p.code;
      }
    }
    let any = false;
    for (const f of SITUATION_FIGURES) {
      const v = item[f];
      if (v === undefined || v === null) continue;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_FIGURE) {
        ok = false;
        issues.push({ field: at(f), problem: P.figure });
      } else {
        row[f] = v;
        any = true;
      }
    }
    if (ok && !any) {
      ok = false;
      issues.push({ field: at(SITUATION_FIGURES[0]), problem: P.noFigures });
    }
    if (ok) rows.push(row);
  });
  return { rows: issues.length ? [] : rows, issues: issues.slice(0, MAX_ISSUES) };
}

// ---- both ----

/** Figures are as of an instant that has passed (a few minutes of clock difference allowed). */
export function checkAsOf(asOf: string, now: Date, skewMs = 10 * 60_000): Issue | null {
  const t = Date.parse(asOf);
  if (Number.isNaN(t)) return { field: 'asOf', problem: { zh: '须为日期时间', en: 'must be a date and time' } };
  if (t > now.getTime() + skewMs) return { field: 'asOf', problem: { zh: '不能晚于当前时间', en: 'must not be in the future' } };
  return null;
}

/** Most new confirmed cases first, then new asymptomatic, then current confirmed; unreported counts below 0. */
export function rankProvinces<R extends Figures & { code: string }>(rows: readonly R[]): R[] {
  const v = (n: number | null) => n ?? -1;
  return [...rows].sort((a, b) =>
    v(b.confirmedNew) - v(a.confirmedNew)
    || v(b.asymptomaticNew) - v(a.asymptomaticNew)
    || v(b.confirmedCurrent) - v(a.confirmedCurrent)
    || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** The national sum of each figure over the provinces that reported it; null when none did. */
export function totalsOf(rows: readonly Figures[]): Figures {
  const totals = noFigures();
  for (const r of rows) {
    for (const f of SITUATION_FIGURES) {
      const v = r[f];
      if (v !== null) totals[f] = (totals[f] ?? 0) + v;
    }
  }
  return totals;
}

/**
 * The text of an uploaded file. Spreadsheets on Chinese Windows save CSV in GBK: bytes that are
 * not UTF-8 are read as GB18030 (a superset of GBK), unless the sender named another charset.
 */
export function decodeText(bytes: Uint8Array, charset?: string): string {
  const named = charset?.trim().toLowerCase();
  if (named && /^(gbk|gb2312|gb18030)$/.test(named)) return new TextDecoder('gb18030').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
