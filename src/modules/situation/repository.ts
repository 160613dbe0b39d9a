// The national situation reports: one row per import, its per-province figures beside it.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Province, ProvinceFigures } from '../../domain/situation';

/** Every province-level division (34, with Taiwan, Hong Kong and Macao), from the reference data. */
export function provinces(db: Kysely<DB>): Promise<Province[]> {
  return db.selectFrom('jurisdictions').select(['code', 'name'])
    .where('level', '=', 'province')
    .where('parent_code', 'is', null)
    .orderBy('code')
    .execute();
}

export async function reportIdByClientId(db: Kysely<DB>, clientId: string): Promise<string | undefined> {
  return (await db.selectFrom('situation_reports').select('id').where('client_id', '=', clientId).executeTakeFirst())?.id;
}

/** The report with the newest as-of time; of several with the same, the last imported (a correction). */
export async function latestReportId(db: Kysely<DB>): Promise<string | undefined> {
  const row = await db.selectFrom('situation_reports').select('id')
    .orderBy('as_of', 'desc').orderBy('imported_at', 'desc').orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

export function reportById(db: Kysely<DB>, id: string) {
  return db.selectFrom('situation_reports')
    .innerJoin('users', 'users.id', 'situation_reports.imported_by')
    .select(['situation_reports.id', 'situation_reports.as_of', 'situation_reports.source', 'situation_reports.format',
      'situation_reports.imported_at', 'situation_reports.imported_by', 'users.display_name'])
    .where('situation_reports.id', '=', id)
    .executeTakeFirst();
}

export function figuresOf(db: Kysely<DB>, reportId: string) {
  return db.selectFrom('situation_figures')
    .innerJoin('jurisdictions', 'jurisdictions.code', 'situation_figures.province_code')
    .select(['situation_figures.province_code', 'jurisdictions.name', 'situation_figures.confirmed_new', 'situation_figures.asymptomatic_new',
      'situation_figures.confirmed_current', 'situation_figures.high_risk_areas', 'situation_figures.medium_risk_areas'])
    .where('situation_figures.report_id', '=', reportId)
    .execute();
}

export interface NewReport {
  id: string;
  client_id: string;
  as_of: string;
  source: string | null;
  format: 'csv' | 'json';
  imported_by: string;
  imported_at: string;
}

/** Inserts a report with its figures unless its client id is taken; true when inserted. */
export async function insertReport(db: Kysely<DB>, report: NewReport, rows: ProvinceFigures[]): Promise<boolean> {
  const inserted = await db.insertInto('situation_reports').values(report)
    .onConflict((oc) => oc.column('client_id').doNothing())
    .returning('id')
    .execute();
  if (inserted.length === 0) return false;
  await db.insertInto('situation_figures').values(rows.map((r) => ({
    report_id: report.id,
    province_code: r.code,
    confirmed_new: r.confirmedNew,
    asymptomatic_new: r.asymptomaticNew,
    confirmed_current: r.confirmedCurrent,
    high_risk_areas: r.highRiskAreas,
    medium_risk_areas: r.mediumRiskAreas,
  }))).execute();
  return true;
}
