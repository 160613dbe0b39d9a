import type { Ctx, CurrentUser } from '../../server/context';
import { AppError } from '../../server/errors';
import type { Role } from '../../domain/enums';
import { isWithin } from '../../domain/division-code';
import { newId } from '../../db/ids';
import { checkPasswordPolicy, clearAccountAttempts, hashPassword, revokeSessionsOf } from '../auth';
import { writeAudit } from '../audit';
import { nodeExists } from '../jurisdictions';
import { insertUser, updateUserRow, userById, userIdByUsername, usersInScope } from './repository';

export interface NewUser {
  username: string;
  password: string;
  displayName: string;
  role: Role;
  jurisdictionCode: string;
  canReveal?: boolean;
}

function view(r: { id: string; username: string; display_name: string; role: string; jurisdiction_code: string; can_reveal: number; disabled: number; created_at: string; jurisdiction_name: string | null }) {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role as Role,
    jurisdictionCode: r.jurisdiction_code,
    jurisdictionName: r.jurisdiction_name ?? undefined,
    canReveal: r.can_reveal === 1,
    disabled: r.disabled === 1,
    createdAt: r.created_at,
  };
}

export async function createUser(ctx: Ctx, actor: CurrentUser, input: NewUser) {
  if (!isWithin(input.jurisdictionCode, actor.jurisdictionCode)) throw new AppError('outside_scope', {}, 'jurisdictionCode');
  checkPasswordPolicy(input.password, 'password');
  if (!(await nodeExists(ctx.db, input.jurisdictionCode))) throw new AppError('unknown_code', { field: 'jurisdictionCode', value: input.jurisdictionCode }, 'jurisdictionCode');
  const taken = await userIdByUsername(ctx.db, input.username);
  if (taken) throw new AppError('conflict', { what: { zh: '用户名', en: 'Username' } }, 'username');
  const id = newId();
  const passwordHash = await hashPassword(input.password);
  await ctx.db.transaction().execute(async (trx) => {
    await insertUser(trx, {
      id,
      username: input.username,
      password_hash: passwordHash,
      display_name: input.displayName,
      role: input.role,
      jurisdiction_code: input.jurisdictionCode,
      can_reveal: input.canReveal ? 1 : 0,
      disabled: 0,
      failed_logins: 0,
      locked_until: null,
      must_change_password: 1,
      created_at: new Date().toISOString(),
    });
    await writeAudit(trx, actor, [{ action: 'create', entity: 'user', entityId: id, jurisdictionCode: input.jurisdictionCode, detail: { role: input.role } }]);
  });
  return getUser(ctx, actor, id);
}

export async function getUser(ctx: Ctx, actor: CurrentUser, id: string) {
  const row = await userById(ctx.db, id);
  if (!row || !isWithin(row.jurisdiction_code, actor.jurisdictionCode)) throw new AppError('not_found');
  return view(row);
}

export async function listUsers(ctx: Ctx, actor: CurrentUser, f: { q?: string; role?: Role; page: number; pageSize: number }) {
  const rows = await usersInScope(ctx.db, actor.jurisdictionCode, f);
  return { total: rows.length, items: rows.slice((f.page - 1) * f.pageSize, f.page * f.pageSize).map(view) };
}

export async function updateUser(ctx: Ctx, actor: CurrentUser, id: string, patch: { disabled?: boolean; canReveal?: boolean; displayName?: string; password?: string }) {
  const target = await getUser(ctx, actor, id);
  if (id === actor.id && patch.disabled) throw new AppError('forbidden');
  if (patch.password !== undefined) checkPasswordPolicy(patch.password, 'password');
  const set: Record<string, unknown> = {};
  if (patch.disabled !== undefined) set.disabled = patch.disabled ? 1 : 0;
  if (patch.canReveal !== undefined) set.can_reveal = patch.canReveal ? 1 : 0;
  if (patch.displayName !== undefined) set.display_name = patch.displayName;
  // A password reset by someone else is theirs to know only until the user changes it.
  if (patch.password !== undefined) Object.assign(set, { password_hash: await hashPassword(patch.password), must_change_password: id === actor.id ? 0 : 1 });
  await ctx.db.transaction().execute(async (trx) => {
    if (Object.keys(set).length) await updateUserRow(trx, id, set);
    if (patch.disabled || patch.password !== undefined) await revokeSessionsOf(trx, id);
    if (patch.password !== undefined) await clearAccountAttempts(trx, target.username);
    await writeAudit(trx, actor, [{ action: 'update', entity: 'user', entityId: id, detail: { fields: Object.keys(patch) } }]);
  });
  ctx.sessions.forgetUser(id);
  return getUser(ctx, actor, id);
}
