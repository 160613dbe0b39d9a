// The SQL of user accounts.
import type { Insertable, Kysely, Transaction, Updateable } from 'kysely';
import type { DB } from '../../db/schema';
import { inScope } from '../../db/scope';
import { newId } from '../../db/ids';

function selectUsers(db: Kysely<DB>) {
  return db
    .selectFrom('users')
    .leftJoin('jurisdictions', 'jurisdictions.code', 'users.jurisdiction_code')
    .select(['users.id', 'users.username', 'users.display_name', 'users.role', 'users.jurisdiction_code', 'users.can_reveal', 'users.disabled', 'users.created_at', 'jurisdictions.name as jurisdiction_name']);
}

export function userById(db: Kysely<DB>, id: string) {
  return selectUsers(db).where('users.id', '=', id).executeTakeFirst();
}

/** The accounts inside the scope, by username, matching the role and text given. */
export function usersInScope(db: Kysely<DB>, scopeCode: string, f: { q?: string; role?: DB['users']['role'] }) {
  let q = selectUsers(db)
    .where((eb) => inScope(eb, ['users.jurisdiction_code'], scopeCode));
  if (f.role) q = q.where('users.role', '=', f.role);
  if (f.q) q = q.where((eb) => eb.or([eb('users.username', 'like', `%${f.q}%`), eb('users.display_name', 'like', `%${f.q}%`)]));
  return q.orderBy('users.username').execute();
}

export function userIdByUsername(db: Kysely<DB>, username: string) {
  return db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
}

/** The whole account row, for signing in. */
export function userByUsername(db: Kysely<DB>, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function passwordHashOf(db: Kysely<DB>, id: string) {
  return db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow();
}

export async function insertUser(db: Kysely<DB>, row: Insertable<DB['users']>): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

/** First start: the admin account, bound to the region's root, with a password to change at first login. */
export function insertAdmin(db: Kysely<DB>, passwordHash: string, regionCode: string): Promise<void> {
  return insertUser(db, {
    id: newId(),
    username: 'admin',
    password_hash: passwordHash,
    display_name: '系统管理员',
    role: 'admin',
    jurisdiction_code: regionCode,
    can_reveal: 1,
    disabled: 0,
    failed_logins: 0,
    locked_until: null,
    must_change_password: 1,
    created_at: new Date().toISOString(),
  });
}

export async function updateUserRow(trx: Transaction<DB>, id: string, set: Updateable<DB['users']>): Promise<void> {
  await trx.updateTable('users').set(set).where('id', '=', id).execute();
}

/** The user's own new password, which they need not change again. */
export async function setOwnPassword(trx: Transaction<DB>, id: string, passwordHash: string): Promise<void> {
  await trx.updateTable('users').set({ password_hash: passwordHash, must_change_password: 0 }).where('id', '=', id).execute();
}
