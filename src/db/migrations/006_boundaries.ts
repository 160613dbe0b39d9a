import type { Kysely } from 'kysely';
import type { Dialect } from '../database';
import { columnTypes } from './column-types';

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const t = columnTypes(dialect);

  // The deployment's own reviewed boundary map of one jurisdiction (its children as features), which
  // replaces the bundled schematic map; geojson is the checked FeatureCollection as JSON text.
  await db.schema.createTable('boundaries')
    .addColumn('jurisdiction_code', t.code, (c) => c.primaryKey().references('jurisdictions.code'))
    .addColumn('geojson', 'text', (c) => c.notNull())
    .addColumn('review_number', 'text', (c) => c.notNull())
    .addColumn('feature_count', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('uploaded_at', t.instant, (c) => c.notNull())
    .execute();
}
