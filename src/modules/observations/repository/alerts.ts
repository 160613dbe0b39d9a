import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { inScope, shownName } from '../../../db/scope';

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


export async function insertAlerts(trx: Transaction<DB>, alerts: DB['alerts'][]): Promise<void> {
  if (alerts.length) await trx.insertInto('alerts').values(alerts).execute();
}

/** A page of the alerts of a unit's subtree with their reading, and how many there are. */
export async function alertPage(db: Kysely<DB>, unit: string, viewerScope: string, f: { status?: DB['alerts']['status']; page: number; pageSize: number }) {
  let q = db.selectFrom('alerts')
    .innerJoin('observations', 'observations.id', 'alerts.observation_id')
    .innerJoin('persons', 'persons.id', 'observations.person_id')
    .innerJoin('observation_checks', 'observation_checks.id', 'alerts.check_id')
    .where((eb) => inScope(eb, ['alerts.unit_code'], unit));
  if (f.status) q = q.where('alerts.status', '=', f.status);
  const [rows, count] = await Promise.all([
    q.selectAll('alerts').select((eb) => [
      'persons.id as person_id', shownName(eb, 'observations', viewerScope).as('person_name'),
      'observation_checks.temperature', 'observation_checks.symptoms', 'observation_checks.taken_at',
    ])
      .orderBy('alerts.opened_at', 'desc').orderBy('alerts.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function alertById(db: Kysely<DB>, id: string) {
  return db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst(); // unscoped: by id, then refused unless its unit is in scope (isWithin in closeAlert)
}

export async function closeAlertRow(trx: Transaction<DB>, id: string, set: { resolution: DB['alerts']['resolution']; outcome: string; closed_at: string; closed_by: string }): Promise<void> {
  await trx.updateTable('alerts').set({ status: 'closed', ...set }).where('id', '=', id).execute();
}

/** The alerts of an observation move with it to the unit that received it. */
export async function moveAlerts(trx: Transaction<DB>, observationId: string, unitCode: string): Promise<void> {
  await trx.updateTable('alerts').set({ unit_code: unitCode }).where('observation_id', '=', observationId).execute();
}
