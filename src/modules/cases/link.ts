// 协查 answered by the holder: a report made elsewhere is about the holder's open case.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { Ctx, CurrentUser } from '../../server/context';
import { AppError } from '../../server/errors';
import { newId } from '../../db/ids';
import { isWithin } from '../../domain/division-code';
import { closeObservation, observationToEnd } from '../observations';
import { caseById, holderCase, insertCaseEvents, setCase } from './repository/cases';
import { joinClusters } from './repository/clusters';
import { contactById, setPositiveCase } from './repository/contacts';

const LINKED_REASON = '经协查确认为在管病例';

/**
 * Links what another jurisdiction reported (its case, or its contact) to the holder's open case,
 * inside the decision's transaction. The asker's case is closed as linked (its figures count once,
 * with the holder) and the clusters join; a contact's control ends, the person being a case
 * already. Returns the codes whose views changed.
 */
export async function linkToHolderCase(
  trx: Transaction<DB>, ctx: Ctx, user: CurrentUser, r: { id: string; kind: string; target_id: string | null; source_id: string }, at: string,
): Promise<(string | null)[]> {
  const target = await holderCase(trx, r.target_id!);
  if (!target || !isWithin(target.jurisdiction_code, user.jurisdictionCode)) throw new AppError('not_found');
  if (r.kind === 'case') {
    const asked = await caseById(trx, r.source_id);
    await setCase(trx, asked.id, { status: 'linked', status_since: at, linked_case_id: target.id, ended_at: at, updated_at: at });
    const [first, second] = [newId(), newId()].sort();
    await insertCaseEvents(trx, [
      { id: first, case_id: asked.id, client_id: null, kind: 'linked', from_value: asked.status, to_value: 'linked', detail: JSON.stringify({ requestId: r.id }), actor_id: user.id, actor_name: user.displayName, at },
      {
        id: second, case_id: target.id, client_id: null, kind: 'attached', from_value: null, to_value: asked.classification,
        detail: JSON.stringify({ reportingUnit: asked.reporting_unit, reportedAt: asked.reported_at, foundBy: asked.found_by, jurisdictionCode: asked.jurisdiction_code, requestId: r.id }),
        actor_id: user.id, actor_name: user.displayName, at,
      },
    ]);
    await joinClusters(trx, [target.cluster_id, asked.cluster_id]);
    return [target.jurisdiction_code, asked.jurisdiction_code, asked.community_code];
  }
  const contact = await contactById(trx, r.source_id);
  await setPositiveCase(trx, contact.id, target.id);
  const o = contact.observation_id ? await observationToEnd(trx, contact.observation_id) : undefined;
  if (o) await closeObservation(trx, ctx, user, o, 'transferred', LINKED_REASON, at);
  return [target.jurisdiction_code, contact.case_code, contact.community_code, contact.unit_code];
}
