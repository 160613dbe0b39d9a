import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { validationError } from '../../server/errors';

/** An observation opened by hand names its reason by one of the policies (观察期规则), whose days it then follows. */
export async function requirePolicyReason(db: Kysely<DB>, reason: string, field = 'reason'): Promise<void> {
  const policy = await db.selectFrom('observation_policies').select('reason').where('reason', '=', reason).executeTakeFirst();
  if (!policy) throw validationError(field, { zh: '不是已设定的观察事由（见观察期规则）', en: 'is not one of the observation policy reasons' });
}
