// Streams a filtered arrival list as CSV or XLSX in batches, never holding the whole file in memory.
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Ctx, CurrentUser } from '../../server/context';
import type { Lang } from '../../server/errors';
import { COLOR_LABELS, DISPOSITION_LABELS, DOCUMENT_TYPE_LABELS, STAGE_LABELS, SYMPTOM_LABELS, TRANSPORT_LABELS } from '../../domain/labels';
import { localMinute } from '../../domain/time';
import { ancestorCodes } from '../../domain/division-code';
import { isOverdue } from '../../domain/handoff';
import { csvLine } from '../../domain/csv';
import { exportBanner } from '../../domain/export';
import { startExport } from '../audit';
import { exportBatch, exportCount, type ExportRow } from './repository/export';
import { destinationPath } from './view';
import type { ArrivalFilter } from './schemas';

const BATCH = 500;

interface Batch {
  rows: ExportRow[];
  names: Map<string, string>;
}

interface Render {
  lang: Lang;
  tz: string;
  region: string;
  now: Date;
  overdueMinutes: number;
}

const yesNo = (v: boolean, l: Lang) => (v ? (l === 'zh' ? '是' : 'yes') : (l === 'zh' ? '否' : 'no'));

const COLUMNS: { zh: string; en: string; value: (a: ExportRow, names: Map<string, string>, r: Render) => string | number }[] = [
  { zh: '登记时间', en: 'Registered at', value: (a, _n, r) => localMinute(a.registered_at, r.tz) },
  { zh: '姓名', en: 'Name', value: (a) => a.person_name },
  { zh: '证件类型', en: 'Document type', value: (a, _n, r) => DOCUMENT_TYPE_LABELS[a.document_type]?.[r.lang] ?? a.document_type },
  { zh: '证件号码', en: 'Document number', value: (a) => a.document_masked },
  { zh: '手机号码', en: 'Phone', value: (a) => a.phone_masked ?? '' },
  { zh: '入境口岸', en: 'Entry point', value: (a) => a.entry_point_name },
  { zh: '交通方式', en: 'Transport', value: (a, _n, r) => TRANSPORT_LABELS[a.transport_mode]?.[r.lang] ?? a.transport_mode },
  { zh: '航班/车次/车牌', en: 'Flight/train/plate', value: (a) => a.transport_number ?? '' },
  { zh: '到达时间', en: 'Arrived at', value: (a, _n, r) => localMinute(a.arrived_at, r.tz) },
  { zh: '来源地', en: 'Origin', value: (a, n) => n.get(a.origin_code) ?? a.origin_code },
  { zh: '体温(℃)', en: 'Temperature (°C)', value: (a) => a.temperature },
  { zh: '体温异常', en: 'Abnormal temperature', value: (a, _n, r) => yesNo(a.abnormal_temperature === 1, r.lang) },
  { zh: '健康码', en: 'Health code', value: (a, _n, r) => COLOR_LABELS[a.health_code_color]?.[r.lang] ?? a.health_code_color },
  {
    zh: '症状',
    en: 'Symptoms',
    value: (a, _n, r) => (a.symptoms === '[]' ? '' : (JSON.parse(a.symptoms) as string[]).map((s) => SYMPTOM_LABELS[s]?.[r.lang] ?? s).join(r.lang === 'zh' ? '、' : ', ')),
  },
  { zh: '目的地', en: 'Destination', value: (a, n, r) => destinationPath(a.dest_code, n, r.region) },
  { zh: '详细地址', en: 'Address', value: (a) => a.dest_address },
  { zh: '小区', en: 'Compound', value: (a) => a.dest_compound ?? '' },
  { zh: '分流结果', en: 'Disposition', value: (a, _n, r) => DISPOSITION_LABELS[a.disposition][r.lang] },
  { zh: '当前环节', en: 'Stage', value: (a, _n, r) => STAGE_LABELS[a.stage][r.lang] },
  { zh: '待接收单位', en: 'Waiting for', value: (a, n) => (a.holder_code ? n.get(a.holder_code) ?? a.holder_code : '') },
  {
    zh: '是否超时',
    en: 'Overdue',
    value: (a, _n, r) => (isOverdue({ stage: a.stage, stageSince: a.stage_since }, r.now, r.overdueMinutes) ? (r.lang === 'zh' ? '超时' : 'overdue') : ''),
  },
];

/** The rows in list order, a batch at a time, each batch with the names of the codes it shows. */
async function* batches(ctx: Ctx, user: CurrentUser, f: Omit<ArrivalFilter, 'page' | 'pageSize'>, now: Date): AsyncGenerator<Batch> {
  let last: { at: string; id: string } | null = null;
  for (;;) {
    const rows = await exportBatch(ctx, user, f, now, last, BATCH);
    if (rows.length === 0) return;
    const codes = new Set<string>();
    for (const r of rows) {
      codes.add(r.origin_code).add(r.dest_code);
      for (const c of ancestorCodes(r.dest_code)) codes.add(c);
      if (r.holder_code) codes.add(r.holder_code);
    }
    const nodes = await ctx.nodes.get([...codes]);
    yield { rows, names: new Map([...nodes].map(([code, n]) => [code, n.name])) };
    if (rows.length < BATCH) return;
    const tail = rows[rows.length - 1];
    last = { at: tail.registered_at, id: tail.id };
  }
}

/** Audits the export's start (refusing it above the row cap), then streams the file: who exported it and when, the heading, the rows. */
export async function exportArrivals(ctx: Ctx, user: CurrentUser, f: Omit<ArrivalFilter, 'page' | 'pageSize'>, format: 'csv' | 'xlsx', lang: Lang): Promise<Readable> {
  const now = new Date();
  await startExport(ctx, user, { entity: 'arrival', format, filters: f, rows: await exportCount(ctx, user, f, now) });
  const render: Render = { lang, tz: ctx.config.timeZone, region: ctx.config.region, now, overdueMinutes: ctx.config.handoffOverdueMinutes };
  const banner = exportBanner(user, now, render.tz, lang);
  if (format === 'csv') {
    return Readable.from((async function* () {
      yield '\uFEFF' + csvLine([banner]) + csvLine(COLUMNS.map((c) => c[lang]));
      for await (const { rows, names } of batches(ctx, user, f, now)) {
        let text = '';
        for (const a of rows) text += csvLine(COLUMNS.map((c) => c.value(a, names, render)));
        yield text;
      }
    })());
  }
  const out = new PassThrough();
  (async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
    const sheet = workbook.addWorksheet(lang === 'zh' ? '入境人员' : 'Arrivals');
    sheet.addRow([banner]).commit();
    sheet.addRow(COLUMNS.map((c) => c[lang])).commit();
    for await (const { rows, names } of batches(ctx, user, f, now)) {
      for (const a of rows) sheet.addRow(COLUMNS.map((c) => c.value(a, names, render))).commit();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((err) => out.destroy(err));
  return out;
}
