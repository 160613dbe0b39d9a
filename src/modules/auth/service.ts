import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Ctx, CurrentUser } from '../../server/context';
import { AppError } from '../../server/errors';
import { failureDelayMs, isLocked, lockUntil } from '../../domain/login-throttle';
import type { Role } from '../../domain/enums';
import { hashPassword, randomPassword, verifyPassword } from './passwords';
import { writeAudit } from '../audit/queries';
import { newId } from '../../db/ids';

const SESSION_HOURS = 12;

/** How session and screen tokens are stored: their SHA-256, never the token itself. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

type UserRow = { id: string; username: string; display_name: string; role: string; jurisdiction_code: string; can_reveal: number };

export function toCurrentUser(r: UserRow): CurrentUser {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role as Role,
    jurisdictionCode: r.jurisdiction_code,
    canReveal: r.can_reveal === 1,
  };
}

export async function login(ctx: Ctx, username: string, password: string, now = new Date()) {
  const user = await ctx.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  if (!user || user.disabled === 1) {
    await verifyPassword(password, await dummyHash());
    throw new AppError('bad_credentials');
  }
  if (isLocked(user.locked_until, now)) throw new AppError('account_locked', { until: user.locked_until! });
  if (!(await verifyPassword(password, user.password_hash))) {
    const failures = user.failed_logins + 1;
    const until = lockUntil(failures, now);
    await ctx.db.updateTable('users').set({ failed_logins: until ? 0 : failures, locked_until: until }).where('id', '=', user.id).execute();
    await writeAudit(ctx.db, null, [{ action: 'login_failed', entity: 'user', entityId: user.id, detail: { failures } }]);
    await sleep(failureDelayMs(failures));
    if (until) throw new AppError('account_locked', { until });
    throw new AppError('bad_credentials');
  }
  const token = 'fk_' + randomBytes(32).toString('base64url');
  const current = toCurrentUser(user);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
    await trx.insertInto('sessions').values({
      token_hash: tokenHash(token),
      user_id: user.id,
      kind: 'login',
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString(),
      revoked: 0,
    }).execute();
    await writeAudit(trx, current, [{ action: 'login', entity: 'user', entityId: user.id }]);
  });
  return { token, user: current, expiresInSeconds: SESSION_HOURS * 3600 };
}

let dummy: Promise<string> | undefined;
/** Unknown users cost the same time as known ones. */
function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomPassword());
  return dummy;
}

export async function authenticate(ctx: Ctx, token: string, now = new Date()): Promise<CurrentUser | null> {
  const hash = tokenHash(token);
  const known = ctx.sessions.get(hash, now.getTime());
  if (known) return known;
  const row = await ctx.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.role', 'users.jurisdiction_code', 'users.can_reveal', 'sessions.expires_at'])
    .where('sessions.token_hash', '=', hash)
    .where('sessions.revoked', '=', 0)
    .where('sessions.expires_at', '>', now.toISOString())
    .where('users.disabled', '=', 0)
    .executeTakeFirst();
  if (!row) return null;
  const user = toCurrentUser(row);
  ctx.sessions.set(hash, user, Date.parse(row.expires_at), now.getTime());
  return user;
}

export async function logout(ctx: Ctx, token: string, user: CurrentUser): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('sessions').set({ revoked: 1 }).where('token_hash', '=', tokenHash(token)).execute();
    await writeAudit(trx, user, [{ action: 'logout', entity: 'user', entityId: user.id }]);
  });
  ctx.sessions.forgetToken(tokenHash(token));
}

/** First start: the admin account, bound to the region's root. Returns the password when it was generated. */
export async function ensureAdmin(ctx: Ctx): Promise<string | null> {
  const existing = await ctx.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirst();
  if (existing) return null;
  const generated = ctx.config.adminPassword ? null : randomPassword();
  await ctx.db.insertInto('users').values({
    id: newId(),
    username: 'admin',
    password_hash: await hashPassword(ctx.config.adminPassword ?? generated!),
    display_name: '系统管理员',
    role: 'admin',
    jurisdiction_code: ctx.config.region,
    can_reveal: 1,
    disabled: 0,
    failed_logins: 0,
    locked_until: null,
    created_at: new Date().toISOString(),
  }).execute();
  return generated;
}
