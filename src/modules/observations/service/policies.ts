// Observation policies (观察期规则): the days each reason is observed for.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import type { Ctx, CurrentUser } from '../../../server/context';
import { AppError, validationError } from '../../../server/errors';
import { writeAudit } from '../../audit';
import { policyExists, policyRows, savePolicy } from '../repository/policies';

/** An observation opened by hand names its reason by one of the policies (观察期规则), whose days it then follows. */
export async function requirePolicyReason(db: Kysely<DB>, reason: string, field = 'reason'): Promise<void> {
  if (!(await policyExists(db, reason))) throw validationError(field, { zh: '不是已设定的观察事由（见观察期规则）', en: 'is not one of the observation policy reasons' });
}

export async function listPolicies(ctx: Ctx) {
  const rows = await policyRows(ctx.db);
  return rows.map((r) => ({ reason: r.reason, centralisedDays: r.centralised_days, homeDays: r.home_days, updatedAt: r.updated_at }));
}

export async function setPolicy(ctx: Ctx, user: CurrentUser, reason: string, days: { centralisedDays: number; homeDays: number }) {
  if (days.centralisedDays + days.homeDays === 0) {
    throw new AppError('validation', { field: 'homeDays', problem: { zh: '观察期不能为0天', en: 'the period must be at least one day' } }, 'homeDays');
  }
  const at = new Date().toISOString();
  await ctx.writes.run(async (trx) => {
    await savePolicy(trx, reason, days, at);
    await writeAudit(trx, user, [{ action: 'update', entity: 'observation_policy', entityId: reason, detail: days }]);
  });
  return (await listPolicies(ctx)).find((p) => p.reason === reason)!;
}
