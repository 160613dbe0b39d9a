import { sql, type ExpressionBuilder, type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { inScope, shownIdentity } from '../../db/scope';
import { slotBit } from '../../domain/observation';

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

export async function checksOf(db: Kysely<DB>, observationIds: string[]) {
  if (observationIds.length === 0) return [];
  return db.selectFrom('observation_checks').select(['observation_id', 'report_day', 'slot']).where('observation_id', 'in', observationIds).execute(); // unscoped: checks of observations loaded in scope
}

export async function openAlertCounts(db: Kysely<DB>, observationIds: string[]): Promise<Map<string, number>> {
  if (observationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('alerts') // unscoped: alert counts of observations loaded in scope
    .select((eb) => ['observation_id', eb.fn.countAll<number>().as('n')])
    .where('observation_id', 'in', observationIds)
    .where('status', '=', 'open')
    .groupBy('observation_id')
    .execute();
  return new Map(rows.map((r) => [r.observation_id, Number(r.n)]));
}

export async function policyFor(db: Kysely<DB>, reason: string) {
  return (
    (await db.selectFrom('observation_policies').selectAll().where('reason', '=', reason).executeTakeFirst()) ??
    (await db.selectFrom('observation_policies').selectAll().where('reason', '=', 'home_observation').executeTakeFirstOrThrow())
  );
}

/**
 * A check is missing for a slot when the person was under observation from before the slot
 * opened until after it was due, and no check was entered for it. Over many people the slot's
 * checks are read by an uncorrelated NOT IN, which both databases hash once; over a few
 * (`probe`), each person's checks are looked up instead, which spares building that hash.
 */
export function missingInSlot(eb: ExpressionBuilder<DB, 'observations'>, day: string, s: { slot: number; start: string; deadline: string }, probe = false) {
  const checks = eb.selectFrom('observation_checks') // unscoped: correlated to an observation filtered by scope
    .where('observation_checks.report_day', '=', day)
    .where('observation_checks.slot', '=', s.slot);
  return eb.and([
    eb('observations.start_at', '<=', s.start),
    eb.or([eb('observations.status', '=', 'active'), eb('observations.ended_at', '>', s.deadline)]),
    probe
      ? eb.not(eb.exists(checks.select('observation_checks.id').whereRef('observation_checks.observation_id', '=', 'observations.id')))
      : eb('observations.id', 'not in', checks.select('observation_checks.observation_id')),
  ]);
}

/**
 * The same test for a person under observation now, on the current report day, read from their
 * check marks (see `marksServe`): no checks table is read.
 */
export function missingByMarks(eb: ExpressionBuilder<DB, 'observations'>, day: string, s: { slot: number; start: string }) {
  return eb.and([
    eb('observations.start_at', '<=', s.start),
    eb.or([
      eb('observations.last_check_day', 'is', null),
      eb('observations.last_check_day', '<>', day),
      eb(sql<number>`${sql.ref('observations.last_check_slots')} & ${slotBit(s.slot)}`, '=', 0),
    ]),
  ]);
}

/** Merges new checks' marks into the observations' latest check day and slots; one statement per day and slot set. */
export async function markChecks(trx: Transaction<DB>, marks: Map<string, { day: string; slots: number }>): Promise<void> {
  const groups = new Map<string, string[]>();
  for (const [id, m] of marks) {
    const key = `${m.day}|${m.slots}`;
    groups.set(key, [...(groups.get(key) ?? []), id]);
  }
  for (const [key, ids] of groups) {
    const [day, bits] = key.split('|');
    const slots = Number(bits);
    for (let i = 0; i < ids.length; i += 500) {
      // Both right-hand sides read the row as it was before the update.
      await trx.updateTable('observations').set({
        last_check_slots: sql<number>`case when last_check_day = ${day} then last_check_slots | ${slots} when last_check_day is null or last_check_day < ${day} then ${slots} else last_check_slots end`,
        last_check_day: sql<string>`case when last_check_day is null or last_check_day < ${day} then ${day} else last_check_day end`,
      }).where('id', 'in', ids.slice(i, i + 500)).execute();
    }
  }
}
