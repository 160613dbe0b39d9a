// The SQL of sign-in: sessions, and the per account and source count of login attempts.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { countSince } from '../../domain/login-throttle';

// One upsert both counts and reads, so concurrent attempts cannot slip past each other; a run of
// attempts ends after a quiet spell.

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

export async function insertSession(trx: Transaction<DB>, row: DB['sessions']): Promise<void> {
  await trx.insertInto('sessions').values(row).execute();
}

/** The user of a live session (not revoked, not expired, used since `idleSince`) of an enabled account. */
export function sessionUser(db: Kysely<DB>, tokenHash: string, now: string, idleSince: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.role', 'users.jurisdiction_code', 'users.can_reveal', 'users.must_change_password', 'sessions.expires_at', 'sessions.last_seen_at'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.revoked', '=', 0)
    .where('sessions.expires_at', '>', now)
    .where('sessions.last_seen_at', '>', idleSince)
    .where('users.disabled', '=', 0)
    .executeTakeFirst();
}

export async function touchSession(db: Kysely<DB>, tokenHash: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).execute();
}

export async function revokeSession(trx: Transaction<DB>, tokenHash: string): Promise<void> {
  await trx.updateTable('sessions').set({ revoked: 1 }).where('token_hash', '=', tokenHash).execute();
}

/** Ends every session of the user, but the one of `keepTokenHash` when given. */
export async function revokeSessionsOf(trx: Transaction<DB>, userId: string, keepTokenHash?: string): Promise<void> {
  await trx.updateTable('sessions').set({ revoked: 1 }).where('user_id', '=', userId)
    .$if(keepTokenHash !== undefined, (q) => q.where('token_hash', '!=', keepTokenHash!)).execute();
}
