import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Ctx, CurrentUser } from '../../server/context';
import { AppError } from '../../server/errors';
import { LOGIN_THROTTLE, failureDelayMs, isShutOut, locksOut } from '../../domain/login-throttle';
import { passwordProblem } from '../../domain/password-policy';
import { clearAttempts, countAttempt, insertSession, revokeSession, sessionUser, touchSession } from './repository';
import type { Role } from '../../domain/enums';
import { hashPassword, randomPassword, verifyPassword } from './passwords';
import { writeAudit } from '../audit';
import { insertAdmin, userByUsername } from '../users';

const SESSION_HOURS = 12;

/** How session and screen tokens are stored: their SHA-256, never the token itself. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

type UserRow = { id: string; username: string; display_name: string; role: string; jurisdiction_code: string; can_reveal: number; must_change_password: number };

export function toCurrentUser(r: UserRow): CurrentUser {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role as Role,
    jurisdictionCode: r.jurisdiction_code,
    canReveal: r.can_reveal === 1,
    mustChangePassword: r.must_change_password === 1,
  };
}

/**
 * Attempts are counted per account name and source before the password is looked at, so that a
 * burst cannot outrun the count, and a source that guesses shuts out only itself. Unknown and
 * disabled names go the same way, with a hash check of the same cost, and answer the same.
 */
export async function login(ctx: Ctx, username: string, password: string, source: string, now = new Date()) {
  const attempts = await countAttempt(ctx.db, username, source, now);
  const user = await userByUsername(ctx.db, username);
  const attempt = { entity: 'user', entityId: user?.id ?? null, detail: { username, failures: attempts } };
  if (isShutOut(attempts)) {
    await writeAudit(ctx.db, null, [{ ...attempt, action: 'login_locked', outcome: 'denied' }], source);
    throw new AppError('account_locked', { minutes: String(LOGIN_THROTTLE.lockMinutes) });
  }
  const usable = user && user.disabled === 0 ? user : undefined;
  const matches = await verifyPassword(password, usable?.password_hash ?? (await dummyHash()));
  if (!usable || !matches) {
    await writeAudit(ctx.db, null, [{ ...attempt, action: 'login_failed', outcome: 'failed' }], source);
    await sleep(failureDelayMs(attempts));
    if (locksOut(attempts)) throw new AppError('account_locked', { minutes: String(LOGIN_THROTTLE.lockMinutes) });
    throw new AppError('bad_credentials');
  }
  const token = 'fk_' + randomBytes(32).toString('base64url');
  const current = toCurrentUser(usable);
  await ctx.db.transaction().execute(async (trx) => {
    await clearAttempts(trx, username, source, now);
    await insertSession(trx, {
      token_hash: tokenHash(token),
      user_id: usable.id,
      kind: 'login',
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString(),
      last_seen_at: now.toISOString(),
      revoked: 0,
    });
    await writeAudit(trx, { ...current, source }, [{ action: 'login', entity: 'user', entityId: usable.id }]);
  });
  return { token, user: current, expiresInSeconds: SESSION_HOURS * 3600 };
}

let dummy: Promise<string> | undefined;
/** Unknown users cost the same time as known ones. */
function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomPassword());
  return dummy;
}

/** How often a session's last use is written down; the idle timeout is counted from it. */
const LAST_SEEN_STEP_MS = 60_000;

export async function authenticate(ctx: Ctx, token: string, now = new Date()): Promise<CurrentUser | null> {
  const hash = tokenHash(token);
  const known = ctx.sessions.get(hash, now.getTime());
  if (known) return known;
  const row = await sessionUser(ctx.db, hash, now.toISOString(), new Date(now.getTime() - ctx.config.idleMinutes * 60_000).toISOString());
  if (!row) return null;
  if (now.getTime() - Date.parse(row.last_seen_at!) >= LAST_SEEN_STEP_MS) {
    await touchSession(ctx.db, hash, now.toISOString());
  }
  const user = toCurrentUser(row);
  ctx.sessions.set(hash, user, Date.parse(row.expires_at), now.getTime());
  return user;
}

export async function logout(ctx: Ctx, token: string, user: CurrentUser): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await revokeSession(trx, tokenHash(token));
    await writeAudit(trx, user, [{ action: 'logout', entity: 'user', entityId: user.id }]);
  });
  ctx.sessions.forgetToken(tokenHash(token));
}

/**
 * First start: the admin account, bound to the region's root. Its first password, configured or
 * generated, sits in deployment files or logs, so it must be changed at first login like any
 * password an administrator sets. Returns the password when it was generated.
 */
export async function ensureAdmin(ctx: Ctx): Promise<string | null> {
  if (await userByUsername(ctx.db, 'admin')) return null;
  const weak = ctx.config.adminPassword === undefined ? null : passwordProblem(ctx.config.adminPassword);
  if (weak) throw new Error(`FANGKONG_ADMIN_PASSWORD ${weak.en}`);
  const generated = ctx.config.adminPassword ? null : randomPassword();
  await insertAdmin(ctx.db, await hashPassword(ctx.config.adminPassword ?? generated!), ctx.config.region);
  return generated;
}
