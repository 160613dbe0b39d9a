// A user changes their own password: the current one proves it is them (and is counted like a
// login attempt), the new one meets the policy, and every other session of theirs ends.
import type { Ctx, CurrentUser } from '../../server/context';
import { AppError, validationError } from '../../server/errors';
import { LOGIN_THROTTLE, isShutOut } from '../../domain/login-throttle';
import { passwordProblem } from '../../domain/password-policy';
import { writeAudit } from '../audit';
import { hashPassword, verifyPassword } from './passwords';
import { passwordHashOf, setOwnPassword } from '../users';
import { clearAttempts, countAttempt, revokeSessionsOf } from './repository';
import { tokenHash } from './service';

/** Throws the policy's refusal naming `field` when the password may not be set. */
export function checkPasswordPolicy(password: string, field: string): void {
  const problem = passwordProblem(password);
  if (problem) throw validationError(field, problem);
}

export async function changeOwnPassword(ctx: Ctx, user: CurrentUser, token: string, input: { currentPassword: string; newPassword: string }, now = new Date()): Promise<void> {
  if (user.screenTokenId) throw new AppError('screen_token_scope');
  const source = user.source ?? '';
  const attempts = await countAttempt(ctx.db, user.username, source, now);
  if (isShutOut(attempts)) throw new AppError('account_locked', { minutes: String(LOGIN_THROTTLE.lockMinutes) });
  const row = await passwordHashOf(ctx.db, user.id);
  if (!(await verifyPassword(input.currentPassword, row.password_hash))) {
    await writeAudit(ctx.db, user, [{ action: 'password_change', entity: 'user', entityId: user.id, detail: { failures: attempts }, outcome: 'failed' }]);
    throw validationError('currentPassword', { zh: '与当前密码不符', en: 'does not match the current password' });
  }
  checkPasswordPolicy(input.newPassword, 'newPassword');
  if (input.newPassword === input.currentPassword) {
    throw validationError('newPassword', { zh: '不能与当前密码相同', en: 'must differ from the current password' });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await clearAttempts(trx, user.username, source, now);
    await setOwnPassword(trx, user.id, passwordHash);
    await revokeSessionsOf(trx, user.id, tokenHash(token));
    await writeAudit(trx, user, [{ action: 'password_change', entity: 'user', entityId: user.id }]);
  });
  ctx.sessions.forgetUser(user.id);
}
