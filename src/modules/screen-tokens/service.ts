// Screen tokens: a `command` or admin user pins a wall display running /screen, so that it keeps
// showing the dashboard of one jurisdiction without anybody's login session. The token is shown
// once and stored as its SHA-256 (as sessions are). A verified token is remembered in the session
// cache for a few seconds: revoking takes effect at once in this process and within that window
// (about 5 s) in the other server processes; open streams check again every few seconds.
import { randomBytes } from 'node:crypto';
import type { Ctx, CurrentUser } from '../../server/context';
import { AppError } from '../../server/errors';
import { newId } from '../../db/ids';
import { isWithin } from '../../domain/division-code';
import {
  SCREEN_TOKEN_DEFAULT_DAYS, SCREEN_TOKEN_PREFIX, lastUsedIsStale, screenTokenStatus,
} from '../../domain/screen-token';
import { tokenHash } from '../auth';
import { writeAudit } from '../audit';
import type { IssuedScreenToken, NewScreenToken, ScreenTokenList, ScreenTokenView } from './schemas';
import * as q from './repository';

const DAY_MS = 86_400_000;
const LIST_LIMIT = 500;

function view(r: q.TokenRow, now: Date): ScreenTokenView {
  return {
    id: r.id,
    label: r.label,
    jurisdiction: { code: r.jurisdiction_code, name: r.jurisdiction_name ?? r.jurisdiction_code },
    status: screenTokenStatus({ revokedAt: r.revoked_at, expiresAt: r.expires_at }, now),
    createdBy: { id: r.created_by, displayName: r.creator_name },
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
    revokedBy: r.revoked_by ? { id: r.revoked_by, displayName: r.revoker_name ?? '' } : null,
  };
}

/** Issues a token for the issuer's jurisdiction or a node within it; the token is returned this once. */
export async function issueScreenToken(ctx: Ctx, user: CurrentUser, input: NewScreenToken, now = new Date()): Promise<IssuedScreenToken> {
  const code = input.jurisdiction ?? user.jurisdictionCode;
  if (!isWithin(code, user.jurisdictionCode)) throw new AppError('outside_scope', {}, 'jurisdiction');
  if (!(await ctx.nodes.get([code])).has(code)) throw new AppError('unknown_code', { field: 'jurisdiction', value: code }, 'jurisdiction');
  const token = SCREEN_TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const id = newId();
  const label = input.label.trim();
  await ctx.writes.run(async (trx) => {
    await q.insertToken(trx, {
      id,
      token_hash: tokenHash(token),
      label,
      jurisdiction_code: code,
      created_by: user.id,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + (input.expiresInDays ?? SCREEN_TOKEN_DEFAULT_DAYS) * DAY_MS).toISOString(),
      last_used_at: null,
      revoked_at: null,
      revoked_by: null,
    });
    await writeAudit(trx, user, [{ action: 'issue', entity: 'screen_token', entityId: id, jurisdictionCode: code, detail: { label } }]);
  });
  const row = await q.tokenInScope(ctx.db, id, user.jurisdictionCode);
  return { ...view(row!, now), token, url: `/screen#token=${token}` };
}

/** Tokens for screens within the caller's jurisdiction, newest first, without the tokens themselves. */
export async function listScreenTokens(ctx: Ctx, user: CurrentUser, now = new Date()): Promise<ScreenTokenList> {
  const rows = await q.tokensInScope(ctx.db, user.jurisdictionCode, LIST_LIMIT);
  return { total: rows.length, items: rows.map((r) => view(r, now)) };
}

/** Revokes a token within the caller's jurisdiction; revoking it again changes nothing. */
export async function revokeScreenToken(ctx: Ctx, user: CurrentUser, id: string, now = new Date()): Promise<ScreenTokenView> {
  const row = await q.tokenInScope(ctx.db, id, user.jurisdictionCode);
  if (!row) throw new AppError('not_found');
  if (!row.revoked_at) {
    await ctx.writes.run(async (trx) => {
      await q.revokeToken(trx, id, user.id, now.toISOString());
      await writeAudit(trx, user, [{ action: 'revoke', entity: 'screen_token', entityId: id, jurisdictionCode: row.jurisdiction_code }]);
    });
    ctx.sessions.forgetToken(row.token_hash);
  }
  return view((await q.tokenInScope(ctx.db, id, user.jurisdictionCode))!, now);
}

/** What a screen on a token may know of itself (label, jurisdiction, expiry). */
export async function currentScreenToken(ctx: Ctx, user: CurrentUser, now = new Date()): Promise<ScreenTokenView> {
  if (!user.screenTokenId) throw new AppError('screen_only');
  const row = await q.tokenInScope(ctx.db, user.screenTokenId, user.jurisdictionCode);
  if (!row) throw new AppError('screen_token_invalid');
  return view(row, now);
}

/**
 * The caller behind a screen token: not a person, but a principal bound to the token's
 * jurisdiction that holds `dashboard:read` only (see SCREEN_ROUTES and the guard).
 * Throws when the token is unknown, revoked or expired.
 */
export async function authenticateScreen(ctx: Ctx, token: string, now = new Date()): Promise<CurrentUser> {
  const hash = tokenHash(token);
  const known = ctx.sessions.get(hash, now.getTime());
  if (known?.screenTokenId) return known;
  const row = await q.tokenByHash(ctx.db, hash);
  if (!row) throw new AppError('screen_token_invalid');
  const status = screenTokenStatus({ revokedAt: row.revoked_at, expiresAt: row.expires_at }, now);
  if (status === 'revoked') throw new AppError('screen_token_revoked');
  if (status === 'expired') throw new AppError('screen_token_expired');
  if (lastUsedIsStale(row.last_used_at, now)) await ctx.writes.run((trx) => q.touch(trx, row.id, now.toISOString()));
  const principal: CurrentUser = {
    id: row.id,
    username: 'screen',
    displayName: row.label,
    role: 'command',
    jurisdictionCode: row.jurisdiction_code,
    canReveal: false,
    screenTokenId: row.id,
  };
  ctx.sessions.set(hash, principal, row.expires_at ? Date.parse(row.expires_at) : Number.POSITIVE_INFINITY, now.getTime());
  return principal;
}
