import type { Insertable, Kysely, SelectQueryBuilder, Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { inScope, shownIdentity, shownName } from '../../../db/scope';
import { inChunks } from '../../../db/chunks';

/** The columns whose subtree decides who may see an observation. */
export const OBSERVATION_SCOPE_COLUMNS = ['observations.unit_code', 'observations.community_code', 'observations.pending_unit_code'];

export function observationRows(db: Kysely<DB>) {
  return db.selectFrom('observations').innerJoin('persons', 'persons.id', 'observations.person_id'); // unscoped: builder; every caller applies scopedObservations
}

export type ObservationQuery = ReturnType<typeof observationRows>;

/** The columns an observation is shown with; the name and phone as the viewer bound to `scopeCode` may see them. */
export function selectObservationColumns(q: ObservationQuery, scopeCode: string) {
  return q.selectAll('observations').select((eb) => [...shownIdentity(eb, 'observations', scopeCode), 'persons.document_masked']);
}

export type ObservationRow = Awaited<ReturnType<ReturnType<typeof selectObservationColumns>['executeTakeFirstOrThrow']>>;

export function scopedObservations<O>(q: SelectQueryBuilder<any, any, O>, scopeCode: string): SelectQueryBuilder<any, any, O> {
  return q.where((eb) => inScope(eb, OBSERVATION_SCOPE_COLUMNS, scopeCode));
}


export async function insertObservations(trx: Transaction<DB>, rows: Insertable<DB['observations']>[]): Promise<void> {
  await trx.insertInto('observations').values(rows).execute();
}

/** A page of the observations of a unit's subtree, and how many there are. */
export async function observationPage(
  db: Kysely<DB>, unit: string, viewerScope: string, f: { status?: DB['observations']['status']; dueBy?: string; q?: string; page: number; pageSize: number },
) {
  let q = scopedObservations(observationRows(db), unit) as ReturnType<typeof observationRows>;
  if (f.status) q = q.where('observations.status', '=', f.status);
  if (f.dueBy) q = q.where('observations.end_day', '<=', f.dueBy);
  if (f.q) q = q.where((eb) => eb(shownName(eb, 'observations', viewerScope), 'like', `${f.q!.replace(/[%_]/g, '')}%`));
  const [rows, count] = await Promise.all([
    selectObservationColumns(q, viewerScope).orderBy('observations.end_day').orderBy('person_name').orderBy('observations.id')
      .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function observationInScope(db: Kysely<DB>, id: string, scopeCode: string): Promise<ObservationRow | undefined> {
  return scopedObservations(selectObservationColumns(observationRows(db), scopeCode), scopeCode)
    .where('observations.id', '=', id)
    .executeTakeFirst();
}

/** The status and unit of the observations among `ids` that the scope may see. */
export function observationStates(db: Kysely<DB>, ids: string[], scopeCode: string) {
  return scopedObservations(db.selectFrom('observations').select(['id', 'status', 'unit_code']), scopeCode)
    .where('id', 'in', ids)
    .execute();
}

export function observationIdByClientId(db: Kysely<DB>, clientId: string) {
  return db.selectFrom('observations').select('id').where('client_id', '=', clientId).executeTakeFirst(); // unscoped: existence of a clientId only; answered through the scoped getObservation
}

/** Ends the observation if it is still active; false when it had ended already. */
export async function endActive(trx: Transaction<DB>, id: string, set: { status: DB['observations']['status']; ended_at: string; end_reason: string | null }): Promise<boolean> {
  const r = await trx.updateTable('observations')
    .set(set)
    .where('id', '=', id).where('status', '=', 'active').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setPendingUnit(trx: Transaction<DB>, id: string, unitCode: string | null): Promise<void> {
  await trx.updateTable('observations').set({ pending_unit_code: unitCode }).where('id', '=', id).execute();
}

/** Moves an active observation held at `fromUnit` to the unit it was handed to, as home observation; false when it moved already. */
export async function moveToUnit(trx: Transaction<DB>, id: string, fromUnit: string, toUnit: string): Promise<boolean> {
  const r = await trx.updateTable('observations')
    .set({ unit_code: toUnit, pending_unit_code: null, kind: 'home', room_id: null })
    .where('id', '=', id).where('status', '=', 'active').where('unit_code', '=', fromUnit).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** An observation by id, to end it inside a write that already checked its record. */
export function observationToEnd(trx: Transaction<DB>, id: string) {
  return trx.selectFrom('observations').select(['id', 'unit_code', 'community_code']).where('id', '=', id).executeTakeFirst(); // unscoped: the contact's observation, ended as transferred by the contact's tracer
}

// Read by person and filter the status here: a status condition in SQL lets SQLite, which keeps
// no statistics, walk every active observation instead.

/** Active observations of the persons, the latest started last. */
export async function activeObservationsOf(trx: Kysely<DB>, personIds: string[]) {
  const rows = await inChunks(personIds, (ids) => trx.selectFrom('observations').select(['id', 'person_id', 'unit_code', 'status', 'start_at']).where('person_id', 'in', ids).execute()); // unscoped: inside a write: the observation a new contact joins
  return rows.filter((r) => r.status === 'active').sort((a, b) => (a.start_at < b.start_at ? -1 : a.start_at > b.start_at ? 1 : 0));
}

/** A person's observations the scope may see, latest first, with their checks and alerts. */
export async function observationsOfPerson(db: Kysely<DB>, personId: string, scopeCode: string) {
  const observations = await scopedObservations(db.selectFrom('observations').selectAll().where('observations.person_id', '=', personId), scopeCode)
    .orderBy('observations.start_at', 'desc').orderBy('observations.id', 'desc').execute();
  const ids = observations.map((o) => o.id);
  if (!ids.length) return { observations, checks: [], alerts: [] };
  const [checks, alerts] = await Promise.all([
    db.selectFrom('observation_checks').selectAll().where('observation_id', 'in', ids).orderBy('taken_at').orderBy('id').execute(), // unscoped: checks of observations loaded in scope
    db.selectFrom('alerts').selectAll().where('observation_id', 'in', ids).orderBy('opened_at').orderBy('id').execute(), // unscoped: alerts of observations loaded in scope
  ]);
  return { observations, checks, alerts };
}
