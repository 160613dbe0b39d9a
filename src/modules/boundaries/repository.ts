import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { inScope } from '../../db/scope';

export type BoundaryValues = DB['boundaries'];

export async function upsertBoundary(db: Kysely<DB>, v: BoundaryValues): Promise<void> {
  const { jurisdiction_code: _, ...changes } = v;
  await db.insertInto('boundaries')
    .values(v)
    .onConflict((oc) => oc.column('jurisdiction_code').doUpdateSet(changes))
    .execute();
}

export function reviewNumberOf(db: Kysely<DB>, code: string) {
  return db.selectFrom('boundaries').select('review_number').where('jurisdiction_code', '=', code).executeTakeFirst();
}

export async function deleteBoundary(db: Kysely<DB>, code: string): Promise<string | null> {
  const row = await db.deleteFrom('boundaries').where('jurisdiction_code', '=', code).returning('review_number').executeTakeFirst();
  return row?.review_number ?? null;
}

function summaries(db: Kysely<DB>) {
  return db.selectFrom('boundaries')
    .innerJoin('jurisdictions', 'jurisdictions.code', 'boundaries.jurisdiction_code')
    .leftJoin('users', 'users.id', 'boundaries.uploaded_by')
    .select([
      'boundaries.jurisdiction_code as code', 'jurisdictions.name', 'boundaries.review_number', 'boundaries.feature_count',
      'boundaries.bytes', 'boundaries.uploaded_at', 'users.display_name',
    ]);
}
export type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaries>['executeTakeFirstOrThrow']>>;

/** Uploaded boundaries of nodes in the subtree of `scopeCode` (the big GeoJSON text left out). */
export function listBoundaries(db: Kysely<DB>, scopeCode: string): Promise<SummaryRow[]> {
  return summaries(db)
    .where((eb) => inScope(eb, ['boundaries.jurisdiction_code'], scopeCode))
    .orderBy('boundaries.jurisdiction_code')
    .execute();
}

export function boundarySummary(db: Kysely<DB>, code: string): Promise<SummaryRow | undefined> {
  return summaries(db).where('boundaries.jurisdiction_code', '=', code).executeTakeFirst();
}

export function boundaryWithGeojson(db: Kysely<DB>, code: string) {
  return db.selectFrom('boundaries')
    .innerJoin('jurisdictions', 'jurisdictions.code', 'boundaries.jurisdiction_code')
    .select(['boundaries.jurisdiction_code as code', 'jurisdictions.name', 'boundaries.review_number', 'boundaries.feature_count', 'boundaries.uploaded_at', 'boundaries.geojson'])
    .where('boundaries.jurisdiction_code', '=', code)
    .executeTakeFirst();
}

/** Nodes strictly below `parentCode` bearing one of `names` (to place features that carry a name only). */
export function nodesNamed(db: Kysely<DB>, parentCode: string, names: string[]) {
  return db.selectFrom('jurisdictions')
    .select(['code', 'name', 'parent_code'])
    .where('name', 'in', names)
    .where((eb) => inScope(eb, ['code'], parentCode))
    .where('code', '<>', parentCode)
    .execute();
}
