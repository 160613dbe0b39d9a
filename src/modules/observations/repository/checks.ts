import { sql, type ExpressionBuilder, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { inScope, shownName } from '../../../db/scope';
import { slotBit } from '../../../domain/observation';

export async function checksOf(db: Kysely<DB>, observationIds: string[]) {
  if (observationIds.length === 0) return [];
  return db.selectFrom('observation_checks').select(['observation_id', 'report_day', 'slot']).where('observation_id', 'in', observationIds).execute(); // unscoped: checks of observations loaded in scope
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

/** Which of the clientIds are already saved. */
export async function savedClientIds(trx: Transaction<DB>, clientIds: string[]): Promise<Set<string>> {
  return new Set(
    (await trx.selectFrom('observation_checks').select('client_id').where('client_id', 'in', clientIds).execute()).map((r) => r.client_id), // unscoped: existence of clientIds only, inside the write
  );
}

export async function insertChecks(trx: Transaction<DB>, checks: DB['observation_checks'][]): Promise<void> {
  for (let i = 0; i < checks.length; i += 200) await trx.insertInto('observation_checks').values(checks.slice(i, i + 200)).execute();
}

type Slot = { slot: number; start: string; deadline: string };

/**
 * For each slot, how many observations of the unit's subtree miss its check on `day`, and the
 * first `limit` of them with the name the viewer may see. Observations ended before `dayFrom` are left out.
 */
export async function missingPerSlot(db: Kysely<DB>, unit: string, viewerScope: string, day: string, dayFrom: string, slots: Slot[], limit: number) {
  const base = db.selectFrom('observations')
    .where((eb) => inScope(eb, ['observations.unit_code'], unit))
    .where((eb) => eb.or([eb('observations.status', '=', 'active'), eb('observations.ended_at', '>', dayFrom)]));
  const counts = await base
    .select((eb) => slots.map((s) => eb.fn.sum<number>(eb.case().when(missingInSlot(eb, day, s)).then(1).else(0).end()).as(`slot${s.slot}`)))
    .executeTakeFirstOrThrow() as Record<string, number | null>;
  const result = [];
  for (const s of slots) {
    const items = await base.where((eb) => missingInSlot(eb, day, s))
      .innerJoin('persons', 'persons.id', 'observations.person_id') // unscoped: joined to observations of a unit in scope (base)
      .select((eb) => ['observations.id', 'observations.unit_code', shownName(eb, 'observations', viewerScope).as('name')])
      .limit(limit).execute();
    result.push({ slot: s, missing: Number(counts[`slot${s.slot}`] ?? 0), items });
  }
  return result;
}
