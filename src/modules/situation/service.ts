// Importing the national situation (全国疫情形势) and reading the latest report. Figures are
// public reference data, not personal data; imports are audited like other reference data.
import type { Ctx, CurrentUser } from '../../server/context';
import { AppError, validationError, type Lang } from '../../server/errors';
import { checkClientRequest, recordClientRequest } from '../../db/client-requests';
import { newId } from '../../db/ids';
import {
  checkAsOf, checkSituationRows, parseSituationCsv, rankProvinces, totalsOf, type Checked, type Issue, type Province, type ProvinceFigures,
} from '../../domain/situation';
import { writeAudit } from '../audit';
import * as q from './repository';
import type { Preview, SituationInput, SituationReport } from './schemas';

export type ImportSource = { format: 'json'; provinces: SituationInput['provinces'] } | { format: 'csv'; text: string };

export interface ImportRequest {
  clientId: string;
  asOf: string;
  source?: string;
}

/** The error for a problem found in an import, naming its field (and for CSV its line and column). */
export function issueError(issue: Issue): AppError {
  if (issue.line !== undefined && issue.column !== undefined) {
    return new AppError('import_cell', { line: String(issue.line), column: issue.column, problem: issue.problem }, issue.field);
  }
  if (issue.line !== undefined) return new AppError('import_line', { line: String(issue.line), problem: issue.problem }, issue.field);
  if (issue.field === 'file') return new AppError('import_file', { problem: issue.problem }, 'file');
  return validationError(issue.field, issue.problem);
}

function named(rows: ProvinceFigures[], names: Map<string, string>) {
  return rankProvinces(rows).map((r) => ({ ...r, name: names.get(r.code) ?? r.code }));
}

function check(source: ImportSource, asOf: string, provinces: Province[], now: Date): Checked {
  const checked = source.format === 'csv'
    ? parseSituationCsv(source.text, provinces)
    : checkSituationRows(source.provinces as Record<string, unknown>[], provinces);
  const late = checkAsOf(asOf, now);
  return late ? { rows: [], issues: [late, ...checked.issues] } : checked;
}

export async function reportView(ctx: Ctx, id: string): Promise<SituationReport> {
  const [report, figures] = await Promise.all([q.reportById(ctx.db, id), q.figuresOf(ctx.db, id)]);
  if (!report) throw new AppError('not_found');
  const rows = figures.map((f) => ({
    code: f.province_code,
    name: f.name,
    confirmedNew: f.confirmed_new,
    asymptomaticNew: f.asymptomatic_new,
    confirmedCurrent: f.confirmed_current,
    highRiskAreas: f.high_risk_areas,
    mediumRiskAreas: f.medium_risk_areas,
  }));
  return {
    id: report.id,
    asOf: report.as_of,
    source: report.source,
    format: report.format === 'csv' ? 'csv' : 'json',
    importedAt: report.imported_at,
    importedBy: { id: report.imported_by, displayName: report.display_name },
    totals: totalsOf(rows),
    provinces: rankProvinces(rows),
  };
}

export async function latestReport(ctx: Ctx): Promise<{ report: SituationReport | null }> {
  const id = await q.latestReportId(ctx.db);
  return { report: id ? await reportView(ctx, id) : null };
}

/** Checks the figures without storing anything: every problem, in the caller's language. */
export async function previewImport(ctx: Ctx, req: { asOf: string }, source: ImportSource, lang: Lang, now = new Date()): Promise<Preview> {
  const provinces = await q.provinces(ctx.db);
  const { rows, issues } = check(source, req.asOf, provinces, now);
  const names = new Map(provinces.map((p) => [p.code, p.name]));
  return {
    valid: issues.length === 0,
    issues: issues.map((i) => ({ field: i.field, ...(i.line !== undefined ? { line: i.line } : {}), message: issueError(i).message_(lang) })),
    totals: totalsOf(rows),
    provinces: named(rows, names),
  };
}

/**
 * Stores one report with its figures, all or nothing: the first problem found is the error and
 * nothing is written. A retry with the same clientId returns the first report (created: false).
 */
export async function importSituation(ctx: Ctx, user: CurrentUser, req: ImportRequest, source: ImportSource, now = new Date()) {
  await checkClientRequest(ctx.db, 'situation_reports', req.clientId, { ...req, source });
  const retried = await q.reportIdByClientId(ctx.db, req.clientId);
  if (retried) return { created: false, report: await reportView(ctx, retried) };
  const { rows, issues } = check(source, req.asOf, await q.provinces(ctx.db), now);
  if (issues.length) throw issueError(issues[0]);
  const id = newId();
  const asOf = new Date(req.asOf).toISOString();
  const inserted = await ctx.writes.run(async (trx) => {
    await recordClientRequest(trx, 'situation_reports', req.clientId, { ...req, source }, id);
    const stored = await q.insertReport(trx, {
      id, client_id: req.clientId, as_of: asOf, source: req.source?.trim() || null, format: source.format,
      imported_by: user.id, imported_at: now.toISOString(),
    }, rows);
    if (stored) {
      await writeAudit(trx, user, [{ action: 'import', entity: 'situation_report', entityId: id, detail: { format: source.format, asOf, provinces: rows.length } }]);
    }
    return stored;
  });
  // A concurrent retry with the same clientId won the race: answer with its report.
  const reportId = inserted ? id : (await q.reportIdByClientId(ctx.db, req.clientId))!;
  return { created: inserted, report: await reportView(ctx, reportId) };
}
