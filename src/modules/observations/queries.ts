import type { ExpressionBuilder, Kysely, SelectQueryBuilder } from 'kysely';
import type { DB } from '../../db/schema';
import { inScope } from '../../db/scope';

/** The columns whose subtree decides who may see an observation. */
export const OBSERVATION_SCOPE_COLUMNS = ['observations.unit_code', 'observations.community_code', 'observations.pending_unit_code'];

export function observationRows(db: Kysely<DB>) {
  return db.selectFrom('observations').innerJoin('persons', 'persons.id', 'observations.person_id');
}

export type ObservationQuery = ReturnType<typeof observationRows>;

export function selectObservationColumns(q: ObservationQuery) {
  return q.selectAll('observations').select(['persons.name as person_name', 'persons.document_masked', 'persons.phone_masked']);
}

export type ObservationRow = Awaited<ReturnType<ReturnType<typeof selectObservationColumns>['executeTakeFirstOrThrow']>>;

export function scopedObservations<O>(q: SelectQueryBuilder<any, any, O>, scopeCode: string): SelectQueryBuilder<any, any, O> {
  return q.where((eb) => inScope(eb, OBSERVATION_SCOPE_COLUMNS, scopeCode));
}

export async function checksOf(db: Kysely<DB>, observationIds: string[]) {
  if (observationIds.length === 0) return [];
  return db.selectFrom('observation_checks').select(['observation_id', 'report_day', 'slot']).where('observation_id', 'in', observationIds).execute();
}

export async function openAlertCounts(db: Kysely<DB>, observationIds: string[]): Promise<Map<string, number>> {
  if (observationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('alerts')
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
  const checks = eb.selectFrom('observation_checks')
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
