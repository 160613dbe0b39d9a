import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema';

export async function policyFor(db: Kysely<DB>, reason: string) {
  return (
    (await db.selectFrom('observation_policies').selectAll().where('reason', '=', reason).executeTakeFirst()) ??
    (await db.selectFrom('observation_policies').selectAll().where('reason', '=', 'home_observation').executeTakeFirstOrThrow())
  );
}


export function policyRows(db: Kysely<DB>) {
  return db.selectFrom('observation_policies').selectAll().orderBy('reason').execute();
}

export async function policyExists(db: Kysely<DB>, reason: string): Promise<boolean> {
  return !!(await db.selectFrom('observation_policies').select('reason').where('reason', '=', reason).executeTakeFirst());
}

export async function savePolicy(trx: Transaction<DB>, reason: string, days: { centralisedDays: number; homeDays: number }, at: string): Promise<void> {
  await trx.insertInto('observation_policies')
    .values({ reason, centralised_days: days.centralisedDays, home_days: days.homeDays, updated_at: at })
    .onConflict((oc) => oc.column('reason').doUpdateSet({ centralised_days: days.centralisedDays, home_days: days.homeDays, updated_at: at }))
    .execute();
}
