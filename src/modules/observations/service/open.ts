// Opening observations: inside an arrival's receipt or a contact's control, and by hand.
import type { Transaction } from 'kysely';
import type { DB, StatedIdentity } from '../../../db/schema';
import type { Ctx, CurrentUser } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { checkClientRequest, recordClientRequest } from '../../../db/client-requests';
import { newId } from '../../../db/ids';
import { isWithin } from '../../../domain/division-code';
import { planObservation } from '../../../domain/observation';
import { reportDay } from '../../../domain/time';
import { observationStartRollups } from '../../../domain/rollups';
import { isSiteKind } from '../../../domain/enums';
import { NOT_STATED } from '../../../domain/identity';
import { writeAudit } from '../../audit';
import { countObservation } from '../../dashboard';
import { checkDocument, personRow, resolvePersons, settleIdentities } from '../../persons';
import { assignRoom } from '../../sites';
import { insertObservations, observationIdByClientId } from '../repository/observations';
import { policyFor } from '../repository/policies';
import type { NewObservation } from '../schemas';
import { getObservation } from './lifecycle';
import { requirePolicyReason } from './policies';


export interface OpenObservation {
  personId: string;
  arrivalId: string | null;
  clientId: string | null;
  reason: string;
  /** The unit that receives the person: a community, or a hotel or isolation site. */
  unitCode: string;
  /** The name and phone the opener's record keeps (see src/domain/identity.ts). */
  stated?: StatedIdentity;
  /**
   * When the reason for observation began (the arrival, the last exposure): the period counts from
   * its day, whenever a unit received the person. Checks are due from `startAt`.
   */
  reasonSince?: string;
  /** The community the person lives in, where a combined policy hands them on. */
  communityCode: string | null;
  startAt: string;
  /** For a site: the room to take (else the first with a free bed), and an audited override when the site is full. */
  room?: { roomId?: string; override?: { reason: string } };
}

/** Opens an observation inside the caller's transaction (an arrival's final receipt, or a manual opening). */
export async function openObservation(trx: Transaction<DB>, ctx: Ctx, user: CurrentUser, o: OpenObservation): Promise<string> {
  return (await openObservations(trx, ctx, user, [o]))[0];
}

const BATCH = 200;

/** Opens many observations in a few statements (a list of contacts); returns their ids in order. */
export async function openObservations(trx: Transaction<DB>, ctx: Ctx, user: CurrentUser, list: OpenObservation[]): Promise<string[]> {
  const policies = new Map<string, Awaited<ReturnType<typeof policyFor>>>();
  for (const reason of new Set(list.map((o) => o.reason))) policies.set(reason, await policyFor(trx, reason));
  const units = await ctx.nodes.get([...new Set(list.map((o) => o.unitCode))]);
  const createdAt = new Date().toISOString();
  const rows = list.map((o) => {
    const policy = policies.get(o.reason)!;
    const unit = units.get(o.unitCode);
    const centralised = !!unit && isSiteKind(unit.kind);
    const days = centralised
      ? { centralisedDays: policy.centralised_days || policy.home_days, homeDays: policy.centralised_days ? policy.home_days : 0 }
      : { centralisedDays: 0, homeDays: policy.centralised_days + policy.home_days };
    const since = o.reasonSince && o.reasonSince < o.startAt ? o.reasonSince : o.startAt;
    const plan = planObservation(since, { code: policy.reason, ...days }, ctx.config.timeZone);
    return {
      id: newId(),
      client_id: o.clientId,
      person_id: o.personId,
      arrival_id: o.arrivalId,
      reason: o.reason,
      centralised_days: days.centralisedDays,
      home_days: days.homeDays,
      kind: centralised ? 'centralised' as const : 'home' as const,
      unit_code: o.unitCode,
      community_code: o.communityCode,
      pending_unit_code: null,
      room_id: null,
      status: 'active' as const,
      start_at: o.startAt,
      start_day: plan.startDay,
      handoff_day: plan.handoffDay,
      end_day: plan.endDay,
      ended_at: null,
      end_reason: null,
      opened_by: user.id,
      created_at: createdAt,
      ...(o.stated ?? NOT_STATED),
    };
  });
  for (let i = 0; i < rows.length; i += BATCH) {
    const chunk = rows.slice(i, i + BATCH);
    await insertObservations(trx, chunk);
    await writeAudit(trx, user, chunk.map((r) => ({ action: 'create', entity: 'observation', entityId: r.id, jurisdictionCode: r.unit_code, detail: { reason: r.reason } })));
  }
  await countObservation(trx, rows.flatMap((r) => observationStartRollups(r, ctx.config.timeZone)));
  for (const [i, r] of rows.entries()) {
    if (r.kind === 'centralised') await assignRoom(trx, ctx, user, { observationId: r.id, siteCode: r.unit_code, ...list[i].room });
  }
  return rows.map((r) => r.id);
}

/** Opens observation by hand for a person found by community checks (排查). Idempotent per clientId. */
export async function openByHand(ctx: Ctx, user: CurrentUser, input: NewObservation, now = new Date()) {
  await checkClientRequest(ctx.db, 'observations', input.clientId, input);
  await requirePolicyReason(ctx.db, input.reason);
  const existing = await observationIdByClientId(ctx.db, input.clientId);
  if (existing) return { created: false, observation: await getObservation(ctx, user, existing.id, now) };
  const doc = checkDocument(input.person.documentType, input.person.documentNumber, reportDay(now, ctx.config.timeZone));
  const nodes = await ctx.nodes.get([input.communityCode, ...(input.siteCode ? [input.siteCode] : [])]);
  const community = nodes.get(input.communityCode);
  if (!community || (community.level !== 'community' && community.level !== 'unit')) {
    throw new AppError('unknown_code', { field: 'communityCode', value: input.communityCode }, 'communityCode');
  }
  if (input.siteCode && !isSiteKind(nodes.get(input.siteCode)?.kind ?? '')) {
    throw new AppError('unknown_code', { field: 'siteCode', value: input.siteCode }, 'siteCode');
  }
  const unitCode = input.siteCode ?? input.communityCode;
  // The opener takes responsibility: the unit must be theirs, and a site only its holder fills.
  if (!isWithin(unitCode, user.jurisdictionCode)) throw new AppError('outside_scope', {}, input.siteCode ? 'siteCode' : 'communityCode');
  const at = now.toISOString();
  const person = personRow(ctx.crypto, doc, input.person.name, input.person.phone, input.communityCode, at);
  const id = await ctx.writes.run(async (trx) => {
    const [resolved] = await resolvePersons(trx, user, [{ row: person, statesResidence: true }]);
    const startAt = input.startAt ? new Date(input.startAt).toISOString() : at;
    const observationId = await openObservation(trx, ctx, user, {
      personId: resolved.personId, arrivalId: null, clientId: input.clientId, reason: input.reason, unitCode, communityCode: input.communityCode,
      startAt, stated: resolved.stated, room: { roomId: input.roomId, override: input.override },
    });
    await settleIdentities(trx, user, [resolved], { entity: 'observation', ids: [observationId] }, at);
    await writeAudit(trx, user, [{ action: 'upsert', entity: 'person', entityId: resolved.personId, jurisdictionCode: input.communityCode }]);
    return recordClientRequest(trx, 'observations', input.clientId, input, observationId);
  });
  ctx.changes.publish({ kind: 'observation_opened', codes: [unitCode, input.communityCode] });
  return { created: true, observation: await getObservation(ctx, user, id, now) };
}
