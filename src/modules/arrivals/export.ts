// Streams a filtered arrival list as CSV or XLSX in batches, never holding the whole file in memory.
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Ctx, CurrentUser } from '../../server/context';
import type { Lang } from '../../server/errors';
import type { Disposition, DocumentType, HealthCodeColor, Stage, TransportMode } from '../../domain/enums';
import { COLOR_LABELS, DISPOSITION_LABELS, DOCUMENT_TYPE_LABELS, STAGE_LABELS, SYMPTOM_LABELS, TRANSPORT_LABELS } from '../../domain/labels';
import { localMinute } from '../../domain/time';
import { writeAudit } from '../audit/queries';
import { arrivalRows, selectArrivalColumns } from './queries';
import { filtered } from './filters';
import { namesFor, toView } from './view';
import type { ArrivalFilter, ArrivalView } from './schemas';

const BATCH = 1000;

const COLUMNS: { zh: string; en: string; value: (a: ArrivalView, lang: Lang, tz: string) => string | number }[] = [
  { zh: '登记时间', en: 'Registered at', value: (a, _l, tz) => localMinute(a.registeredAt, tz) },
  { zh: '姓名', en: 'Name', value: (a) => a.person.name },
  { zh: '证件类型', en: 'Document type', value: (a, l) => DOCUMENT_TYPE_LABELS[a.person.documentType as DocumentType]?.[l] ?? a.person.documentType },
  { zh: '证件号码', en: 'Document number', value: (a) => a.person.documentNumber },
  { zh: '手机号码', en: 'Phone', value: (a) => a.person.phone ?? '' },
  { zh: '入境口岸', en: 'Entry point', value: (a) => a.entryPoint.name },
  { zh: '交通方式', en: 'Transport', value: (a, l) => TRANSPORT_LABELS[a.transport.mode as TransportMode]?.[l] ?? a.transport.mode },
  { zh: '航班/车次/车牌', en: 'Flight/train/plate', value: (a) => a.transport.number ?? '' },
  { zh: '到达时间', en: 'Arrived at', value: (a, _l, tz) => localMinute(a.arrivedAt, tz) },
  { zh: '来源地', en: 'Origin', value: (a) => a.origin.name },
  { zh: '体温(℃)', en: 'Temperature (°C)', value: (a) => a.temperature },
  { zh: '体温异常', en: 'Abnormal temperature', value: (a, l) => (a.abnormalTemperature ? (l === 'zh' ? '是' : 'yes') : (l === 'zh' ? '否' : 'no')) },
  { zh: '健康码', en: 'Health code', value: (a, l) => COLOR_LABELS[a.healthCode.color as HealthCodeColor]?.[l] ?? a.healthCode.color },
  { zh: '症状', en: 'Symptoms', value: (a, l) => a.symptoms.map((s) => SYMPTOM_LABELS[s]?.[l] ?? s).join(l === 'zh' ? '、' : ', ') },
  { zh: '目的地', en: 'Destination', value: (a) => a.destination.path },
  { zh: '详细地址', en: 'Address', value: (a) => a.destination.address },
  { zh: '小区', en: 'Compound', value: (a) => a.destination.compound ?? '' },
  { zh: '分流结果', en: 'Disposition', value: (a, l) => DISPOSITION_LABELS[a.disposition as Disposition][l] },
  { zh: '当前环节', en: 'Stage', value: (a, l) => STAGE_LABELS[a.stage as Stage][l] },
  { zh: '待接收单位', en: 'Waiting for', value: (a) => a.holder?.name ?? '' },
  { zh: '是否超时', en: 'Overdue', value: (a, l) => (a.overdue ? (l === 'zh' ? '超时' : 'overdue') : '') },
];


async function* batches(ctx: Ctx, user: CurrentUser, f: Omit<ArrivalFilter, 'page' | 'pageSize'>, now: Date) {
  let last: { at: string; id: string } | null = null;
  for (;;) {
    let q = selectArrivalColumns(filtered(ctx, arrivalRows(ctx.db), user, f, now));
    if (last) {
      const { at, id } = last;
      // The plain bound lets the time index start where the last batch ended; the OR alone would not.
      q = q.where('arrivals.registered_at', '<=', at)
        .where((eb) => eb.or([eb('arrivals.registered_at', '<', at), eb('arrivals.id', '<', id)]));
    }
    const rows = await q.orderBy('arrivals.registered_at', 'desc').orderBy('arrivals.id', 'desc').limit(BATCH).execute();
    if (rows.length === 0) return;
    const names = await namesFor(ctx, rows);
    yield rows.map((r) => toView(ctx, r, names, now));
    if (rows.length < BATCH) return;
    const tail = rows[rows.length - 1];
    last = { at: tail.registered_at, id: tail.id };
  }
}

function csvCell(v: string | number): string {
  const s = String(v);
  // A leading = + - @ would be run as a formula by spreadsheet programs.
  const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function exportArrivals(ctx: Ctx, user: CurrentUser, f: Omit<ArrivalFilter, 'page' | 'pageSize'>, format: 'csv' | 'xlsx', lang: Lang): Readable {
  const now = new Date();
  const tz = ctx.config.timeZone;
  let count = 0;
  const audit = () => writeAudit(ctx.db, user, [{ action: 'export', entity: 'arrival', jurisdictionCode: user.jurisdictionCode, detail: { format, rows: count, filters: Object.keys(f) } }]);
  if (format === 'csv') {
    return Readable.from((async function* () {
      yield '\uFEFF' + COLUMNS.map((c) => csvCell(c[lang])).join(',') + '\r\n';
      for await (const batch of batches(ctx, user, f, now)) {
        count += batch.length;
        yield batch.map((a) => COLUMNS.map((c) => csvCell(c.value(a, lang, tz))).join(',')).join('\r\n') + '\r\n';
      }
      await audit();
    })());
  }
  const out = new PassThrough();
  (async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
    const sheet = workbook.addWorksheet(lang === 'zh' ? '入境人员' : 'Arrivals');
    sheet.addRow(COLUMNS.map((c) => c[lang])).commit();
    for await (const batch of batches(ctx, user, f, now)) {
      count += batch.length;
      for (const a of batch) sheet.addRow(COLUMNS.map((c) => c.value(a, lang, tz))).commit();
    }
    sheet.commit();
    // Audited before the workbook ends the response, so a finished download is always on record.
    await audit();
    await workbook.commit();
  })().catch((err) => out.destroy(err));
  return out;
}
