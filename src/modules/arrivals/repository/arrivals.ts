import type { Kysely, SelectQueryBuilder, Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { SITE_KINDS } from '../../../domain/enums';
import { inScope, shownIdentity } from '../../../db/scope';

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

export function arrivalIdByClientId(db: Kysely<DB>, clientId: string) {
  return db.selectFrom('arrivals').select('id').where('client_id', '=', clientId).executeTakeFirst(); // unscoped: existence of a clientId only, never shown; the answer goes through the scoped arrivalInScope
}

/** Inserts an arrival unless its clientId is on record (a concurrent retry won); returns whether it was inserted. */
export async function insertArrival(trx: Transaction<DB>, row: DB['arrivals']): Promise<boolean> {
  const arrival = await trx
    .insertInto('arrivals')
    .values(row)
    .onConflict((oc) => oc.column('client_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return !!arrival;
}

/** An arrival the scope may see, by id or by clientId, with the columns it is shown with. */
export function arrivalInScope(db: Kysely<DB>, by: { id: string } | { clientId: string }, scopeCode: string): Promise<ArrivalRow | undefined> {
  const q = scoped(selectArrivalColumns(arrivalRows(db), scopeCode), scopeCode);
  return ('id' in by ? q.where('arrivals.id', '=', by.id) : q.where('arrivals.client_id', '=', by.clientId)).executeTakeFirst();
}

/** Moves an arrival on from `stage`; false when someone else moved it first. */
export async function advanceStage(trx: Transaction<DB>, id: string, stage: DB['arrivals']['stage'], set: { stage: DB['arrivals']['stage']; holder_code: string | null; stage_since: string }): Promise<boolean> {
  const updated = await trx
    .updateTable('arrivals')
    .set(set)
    .where('id', '=', id)
    .where('stage', '=', stage)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

export async function insertArrivalEvent(trx: Transaction<DB>, row: DB['arrival_events']): Promise<void> {
  await trx.insertInto('arrival_events').values(row).execute();
}

/** A person's arrivals the scope may see, latest first, with their hand-offs. */
export async function arrivalsOfPerson(db: Kysely<DB>, personId: string, scopeCode: string) {
  const arrivals = await scoped(
    db.selectFrom('arrivals')
      .innerJoin('entry_points', 'entry_points.id', 'arrivals.entry_point_id')
      .innerJoin('users', 'users.id', 'arrivals.registered_by')
      .selectAll('arrivals')
      .select(['entry_points.name as entry_point_name', 'users.display_name as registered_by_name'])
      .where('arrivals.person_id', '=', personId),
    scopeCode,
  ).orderBy('arrivals.arrived_at', 'desc').orderBy('arrivals.id', 'desc').execute();
  const events = arrivals.length
    ? await db.selectFrom('arrival_events').selectAll().where('arrival_id', 'in', arrivals.map((a) => a.id)).orderBy('at').orderBy('id').execute()
    : [];
  return { arrivals, events };
}
