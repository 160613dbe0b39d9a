// A contact tests positive: a case linked to the source, and the contact's control ended.
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import type { Ctx, CurrentUser } from '../../../server/context';
import { AppError, validationError } from '../../../server/errors';
import { checkClientRequest, recordClientRequest } from '../../../db/client-requests';
import { isWithin } from '../../../domain/division-code';
import { writeAudit } from '../../audit';
import { closeObservation, observationToEnd } from '../../observations';
import { checkFacts } from '../facts';
import { recordCase } from '../record';
import { caseByClientId, caseRef } from '../repository/cases';
import { setPositiveCase } from '../repository/contacts';
import { existingCase } from '../service';
import type { PositiveContact } from '../schemas';
import { contactView, loadContact } from './contacts';

const POSITIVE_REASON = '核酸检测阳性，转为病例管理';

/**
 * Ends the contact's control as transferred, in the transaction that records them as a case. The
 * contact belongs to the caller's case, so the caller ends it wherever it is held; the audit names them.
 */
async function transferControl(trx: Transaction<DB>, ctx: Ctx, user: CurrentUser, observationId: string | null, at: string) {
  if (!observationId) return null;
  const o = await observationToEnd(trx, observationId);
  return o && (await closeObservation(trx, ctx, user, o, 'transferred', POSITIVE_REASON, at)) ? o : null;
}

/** A contact tests positive: a case linked to the source case (and its cluster), found under contact control. */
export async function markPositive(ctx: Ctx, user: CurrentUser, contactId: string, input: PositiveContact, now = new Date()) {
  const contact = await loadContact(ctx, user, contactId);
  await checkClientRequest(ctx.db, 'cases', input.clientId, { contactId, ...input });
  const done = (await caseByClientId(ctx.db, input.clientId))
    ?? (contact.positive_case_id ? await caseRef(ctx.db, contact.positive_case_id) : undefined);
  if (done) {
    // A retry after the case was recorded: make sure the control ended too.
    const ended = await ctx.writes.run((trx) => transferControl(trx, ctx, user, contact.observation_id, now.toISOString()));
    if (ended) ctx.changes.publish({ kind: 'observation_ended', codes: [ended.unit_code, ended.community_code] });
    return { created: false, case: await existingCase(ctx, user, done, now), contact: await contactView(ctx, await loadContact(ctx, user, contactId)) };
  }
  const code = input.jurisdictionCode ?? (isWithin(contact.case_code, user.jurisdictionCode) ? contact.case_code : null);
  if (!code) throw validationError('jurisdictionCode', { zh: '源病例不在本辖区，须填写病例所属辖区', en: 'is required when the source case is not in your jurisdiction' });
  if (!(await ctx.nodes.get([code])).has(code)) throw new AppError('unknown_code', { field: 'jurisdictionCode', value: code }, 'jurisdictionCode');
  if (!isWithin(code, user.jurisdictionCode)) throw new AppError('outside_scope', {}, 'jurisdictionCode');
  const facts = checkFacts(ctx, { ...input, origin: 'local' }, now);
  const at = now.toISOString();
  const result = await ctx.writes.run(async (trx) => {
    const r = await recordClientRequest(trx, 'cases', input.clientId, { contactId, ...input }, await recordCase(trx, user, {
      clientId: input.clientId, personId: contact.person_id, origin: 'local', originCode: null, foundBy: 'contact_control',
      jurisdictionCode: code, communityCode: contact.community_code, sourceCaseId: contact.case_id, sourceContactId: contact.id,
      stated: { stated_name: contact.stated_name, stated_phone_enc: contact.stated_phone_enc, stated_phone_masked: contact.stated_phone_masked }, facts,
    }, at));
    await setPositiveCase(trx, contact.id, r.id);
    await writeAudit(trx, user, [{ action: 'positive', entity: 'contact', entityId: contact.id, jurisdictionCode: contact.community_code ?? contact.unit_code, detail: { caseId: r.id } }]);
    await transferControl(trx, ctx, user, contact.observation_id, at);
    return r;
  });
  ctx.changes.publish({ kind: 'case_reported', codes: [code, contact.case_code, contact.community_code, contact.unit_code] });
  return {
    created: result.outcome === 'created',
    case: await existingCase(ctx, user, result, now),
    contact: await contactView(ctx, await loadContact(ctx, user, contactId)),
  };
}
