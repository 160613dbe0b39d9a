// The per account and source count of login attempts. One upsert both counts and reads, so
// concurrent attempts cannot slip past each other; a run of attempts ends after a quiet spell.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { countSince } from '../../domain/login-throttle';

/** Counts an attempt and returns how many this source made on this account in the current run, this one included. */
export async function countAttempt(db: Kysely<DB>, username: string, source: string, now: Date): Promise<number> {
  const at = now.toISOString();
  const row = await db
    .insertInto('login_failures')
    .values({ username, source, attempts: 1, last_at: at })
    .onConflict((oc) =>
      oc.columns(['username', 'source']).doUpdateSet({
        attempts: sql<number>`case when login_failures.last_at < ${countSince(now)} then 1 else login_failures.attempts + 1 end`,
        last_at: at,
      }),
    )
    .returning('attempts')
    .executeTakeFirstOrThrow();
  return Number(row.attempts);
}

/** After a successful login: this source starts afresh on this account, and finished runs are dropped. */
export async function clearAttempts(db: Kysely<DB>, username: string, source: string, now: Date): Promise<void> {
  await db.deleteFrom('login_failures').where((eb) => eb.or([
    eb.and([eb('username', '=', username), eb('source', '=', source)]),
    eb('last_at', '<', countSince(now)),
  ])).execute();
}

/** After an administrator's reset: every source starts afresh on this account. */
export async function clearAccountAttempts(db: Kysely<DB>, username: string): Promise<void> {
  await db.deleteFrom('login_failures').where('username', '=', username).execute();
}
