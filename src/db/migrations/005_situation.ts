import type { Kysely } from 'kysely';
import type { Dialect } from '../database';
import { columnTypes } from './column-types';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const t = columnTypes(dialect);

  // One row per import of the national situation; the newest as_of is what the dashboard shows.
  await db.schema.createTable('situation_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull().unique())
    .addColumn('as_of', t.instant, (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('imported_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('imported_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('situation_reports_latest').on('situation_reports').columns(['as_of', 'imported_at']).execute();

  // Figures are null where the import left them empty (not reported), which is not 0.
  await db.schema.createTable('situation_figures')
    .addColumn('report_id', 'text', (c) => c.notNull().references('situation_reports.id'))
    .addColumn('province_code', t.code, (c) => c.notNull().references('jurisdictions.code'))
    .addColumn('confirmed_new', 'integer')
    .addColumn('asymptomatic_new', 'integer')
    .addColumn('confirmed_current', 'integer')
    .addColumn('high_risk_areas', 'integer')
    .addColumn('medium_risk_areas', 'integer')
    .addPrimaryKeyConstraint('situation_figures_pk', ['report_id', 'province_code'])
    .execute();
}
