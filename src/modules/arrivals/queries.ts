import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { DB } from '../../db/schema';
import { inScope, shownIdentity } from '../../db/scope';
import { SITE_KINDS } from '../../domain/enums';

/** An active observation site of the preferred kind in the district, falling back to any site there. */
export async function siteInDistrict(db: Kysely<DB>, districtCode: string, preferKind: 'hotel' | 'isolation_site'): Promise<string | null> {
  const rows = await db
    .selectFrom('jurisdictions')
    .select(['code', 'kind'])
    .where('level', '=', 'unit')
    .where('kind', 'in', SITE_KINDS)
    .where('active', '=', 1)
    .where((eb) => inScope(eb, ['code'], districtCode))
    .orderBy('code')
    .execute();
  return (rows.find((r) => r.kind === preferKind) ?? rows[0])?.code ?? null;
}

/** The columns whose subtree decides who may see an arrival. */
export const ARRIVAL_SCOPE_COLUMNS = ['arrivals.dest_code', 'arrivals.route_first', 'arrivals.route_second'];

export function arrivalRows(db: Kysely<DB>) {
  return db
    .selectFrom('arrivals') // unscoped: builder; every caller applies scoped()
    .innerJoin('persons', 'persons.id', 'arrivals.person_id') // unscoped: builder; every caller applies scoped()
    .innerJoin('entry_points', 'entry_points.id', 'arrivals.entry_point_id')
    .innerJoin('users', 'users.id', 'arrivals.registered_by');
}

export type ArrivalQuery = ReturnType<typeof arrivalRows>;

/** The columns an arrival is shown with; the name and phone as the viewer bound to `scopeCode` may see them. */
export function selectArrivalColumns(q: ArrivalQuery, scopeCode: string) {
  return q.selectAll('arrivals').select((eb) => [
    ...shownIdentity(eb, 'arrivals', scopeCode),
    'persons.document_type',
    'persons.document_masked',
    'persons.document_enc',
    'persons.demographics_enc',
    'persons.birth_year',
    'entry_points.name as entry_point_name',
    'users.display_name as registered_by_name',
  ]);
}

export type ArrivalRow = Awaited<ReturnType<ReturnType<typeof selectArrivalColumns>['executeTakeFirstOrThrow']>>;

export function scoped<O>(q: SelectQueryBuilder<any, any, O>, scopeCode: string): SelectQueryBuilder<any, any, O> {
  return q.where((eb) => inScope(eb, ARRIVAL_SCOPE_COLUMNS, scopeCode));
}

export async function eventsOf(db: Kysely<DB>, arrivalId: string) {
  return db.selectFrom('arrival_events').selectAll().where('arrival_id', '=', arrivalId).orderBy('at').orderBy('id').execute();
}
