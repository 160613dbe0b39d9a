import type { Ctx, CurrentUser } from '../../server/context';
import { AppError } from '../../server/errors';
import { checkClientRequest, recordClientRequest } from '../../db/client-requests';
import { newId } from '../../db/ids';
import { isWithin } from '../../domain/division-code';
import { triage, visitedHighRiskArea } from '../../domain/triage';
import { canReceive, holderOf, planRoute, stageAfterReceipt, type HandoffState } from '../../domain/handoff';
import { countyOf } from '../../domain/division-code';
import { reportDay } from '../../domain/time';
import { canReveal } from '../../domain/permissions';
import { writeAudit } from '../audit';
import { countArrival } from '../dashboard';
import { checkDocument, personRow, resolvePersons, settleIdentities } from '../persons';
import { openObservation, type OpenObservation } from '../observations';
import type { ArrivalFilter, NewArrival } from './schemas';
import {
  type ArrivalRow,
  advanceStage, arrivalIdByClientId, arrivalInScope, eventsOf, insertArrival, insertArrivalEvent, siteInDistrict,
} from './repository/arrivals';
import { arrivalPage } from './repository/filters';
import { namesFor, registrationEntry, toView } from './view';

const unknown = (field: string, value: string) => new AppError('unknown_code', { field, value }, field);

/** Checks everything a registration refers to; throws an error naming the first bad field. */
async function resolveReferences(ctx: Ctx, user: CurrentUser, input: NewArrival) {
  const entryPoint = await ctx.reference.entryPoint(input.entryPointId);
  if (!entryPoint) throw unknown('entryPointId', input.entryPointId);
  const codes = [input.originCode, input.destination.code, ...input.visited.map((v) => v.code)];
  if (input.employerUnitId) codes.push(input.employerUnitId);
  const nodes = await ctx.nodes.get(codes);
  if (!nodes.has(input.originCode)) throw unknown('originCode', input.originCode);
  input.visited.forEach((v, i) => {
    if (!nodes.has(v.code)) throw unknown(`visited[${i}].code`, v.code);
    if (v.from > v.to) throw new AppError('validation', { field: `visited[${i}].to`, problem: { zh: '不能早于开始日期', en: 'must not be before from' } }, `visited[${i}].to`);
  });
  const destination = nodes.get(input.destination.code);
  if (!destination || !isWithin(destination.code, ctx.config.region)) throw unknown('destination.code', input.destination.code);
  if (destination.level !== 'community' && destination.level !== 'unit') throw new AppError('destination_level', {}, 'destination.code');
  if (!isWithin(destination.code, user.jurisdictionCode)) throw new AppError('outside_scope', {}, 'destination.code');
  let employer: { code: string; hotelCode: string | null } | null = null;
  if (input.employerUnitId) {
    const unit = nodes.get(input.employerUnitId);
    if (!unit || unit.level !== 'unit') throw unknown('employerUnitId', input.employerUnitId);
    employer = { code: unit.code, hotelCode: unit.hotel_code };
  }
  return { entryPoint, destination, employer };
}

export async function registerArrival(ctx: Ctx, user: CurrentUser, input: NewArrival, now = new Date()) {
  const seen = await arrivalIdByClientId(ctx.db, input.clientId);
  if (seen) {
    await checkClientRequest(ctx.db, 'arrivals', input.clientId, input);
    return { created: false, arrival: (await findByClientId(ctx, user, input.clientId, now))! };
  }

  const today = reportDay(now, ctx.config.timeZone);
  const doc = checkDocument(input.person.documentType, input.person.documentNumber, today);
  const { entryPoint, destination, employer } = await resolveReferences(ctx, user, input);
  const decision = triage(
    {
      temperature: input.temperature,
      symptoms: input.symptoms,
      healthCodeColor: input.healthCode.color,
      visitedHighRiskArea: visitedHighRiskArea(input.visited, await ctx.reference.highRiskCodes(), reportDay(input.arrivedAt, ctx.config.timeZone), ctx.config.triage),
      employerHasHotel: !!employer?.hotelCode,
    },
    ctx.config.triage,
  );
  const district = countyOf(destination.code);
  const centralised = decision.disposition === 'centralised_isolation' || decision.disposition === 'centralised_observation';
  const siteCode = centralised && district
    ? await siteInDistrict(ctx.db, district, decision.disposition === 'centralised_isolation' ? 'isolation_site' : 'hotel')
    : null;
  const route = planRoute(decision.disposition, {
    destination: { code: destination.code, level: destination.level, parentCode: destination.parent_code },
    employer,
    siteCode,
  });

  const at = now.toISOString();
  const arrivalId = newId();
  const values = {
    id: arrivalId,
    client_id: input.clientId,
    entry_point_id: input.entryPointId,
    transport_mode: input.transport.mode,
    transport_number: input.transport.number ?? null,
    arrived_at: new Date(input.arrivedAt).toISOString(),
    origin_code: input.originCode,
    visited: JSON.stringify(input.visited),
    contact_with_affected: input.contactWithAffected ? 1 : 0,
    contact_note: input.contactNote ?? null,
    health_code_color: input.healthCode.color,
    health_code_raw: input.healthCode.raw ?? null,
    temperature: input.temperature,
    abnormal_temperature: decision.abnormalTemperature ? 1 : 0,
    symptoms: JSON.stringify(input.symptoms),
    dest_code: destination.code,
    dest_address: input.destination.address,
    dest_compound: input.destination.compound ?? null,
    employer_code: employer?.code ?? null,
    disposition: decision.disposition,
    reasons: JSON.stringify(decision.reasons),
    route_first: route.first,
    route_second: route.second,
    stage: 'registered' as const,
    holder_code: route.first,
    stage_since: at,
    registered_by: user.id,
    registered_at: at,
  };
  const person = personRow(ctx.crypto, doc, input.person.name, input.person.phone, destination.code, at);
  const personId = await ctx.writes.run(async (trx) => {
    await recordClientRequest(trx, 'arrivals', input.clientId, input, arrivalId);
    const [resolved] = await resolvePersons(trx, user, [{ row: person, statesResidence: true }]);
    // A concurrent retry with the same clientId won the race: keep its result only.
    if (!(await insertArrival(trx, { ...values, person_id: resolved.personId, ...resolved.stated }))) throw new DuplicateClientId();
    await countArrival(trx, values, ctx.config.timeZone);
    await settleIdentities(trx, user, [resolved], { entity: 'arrival', ids: [arrivalId] }, at);
    await writeAudit(trx, user, [
      { action: 'create', entity: 'arrival', entityId: arrivalId, jurisdictionCode: destination.code, detail: { disposition: decision.disposition } },
      { action: 'upsert', entity: 'person', entityId: resolved.personId, jurisdictionCode: destination.code },
    ]);
    return resolved.personId;
  }).catch((e) => {
    if (e instanceof DuplicateClientId) return null;
    throw e;
  });
  if (personId === null) return { created: false, arrival: (await findByClientId(ctx, user, input.clientId, now))! };
  ctx.changes.publish({ kind: 'arrival_registered', codes: [destination.code, route.first, route.second, employer?.code] });
  // What the desk gave is what it sees: the person's own values when it holds them, else its own record's.
  const row: ArrivalRow = {
    ...values,
    person_id: personId,
    person_name: person.name,
    document_type: person.document_type,
    document_masked: person.document_masked,
    document_enc: person.document_enc,
    phone_masked: person.phone_masked,
    phone_enc: person.phone_enc,
    demographics_enc: person.demographics_enc,
    birth_year: person.birth_year,
    stated_name: null,
    stated_phone_enc: null,
    stated_phone_masked: null,
    entry_point_name: entryPoint.name,
    registered_by_name: user.displayName,
  };
  return { created: true, arrival: toView(ctx, row, await namesFor(ctx, [row]), now) };
}

class DuplicateClientId extends Error {}

async function findByClientId(ctx: Ctx, user: CurrentUser, clientId: string, now: Date) {
  const row = await arrivalInScope(ctx.db, { clientId }, user.jurisdictionCode);
  if (!row) {
    const exists = await arrivalIdByClientId(ctx.db, clientId);
    // The clientId was used for an arrival this caller cannot see: never reveal it, never reuse it.
    if (exists) throw new AppError('conflict', { what: { zh: 'clientId', en: 'clientId' } }, 'clientId');
    return null;
  }
  return toView(ctx, row, await namesFor(ctx, [row]), now);
}

async function loadScoped(ctx: Ctx, user: CurrentUser, id: string) {
  const row = await arrivalInScope(ctx.db, { id }, user.jurisdictionCode);
  if (!row) throw new AppError('not_found');
  return row;
}

async function withTimeline(ctx: Ctx, row: Awaited<ReturnType<typeof loadScoped>>, now: Date, reveal: boolean) {
  const events = await eventsOf(ctx.db, row.id);
  const names = await namesFor(ctx, [row], events.flatMap((e) => (e.unit_code ? [e.unit_code] : [])));
  return {
    ...toView(ctx, row, names, now, reveal),
    timeline: [
      registrationEntry(row),
      ...events.map((e) => ({
        stage: e.stage,
        unit: e.unit_code ? { code: e.unit_code, name: names.get(e.unit_code) ?? e.unit_code } : null,
        actorName: e.actor_name,
        at: e.at,
      })),
    ],
  };
}

export async function getArrival(ctx: Ctx, user: CurrentUser, id: string, reveal: boolean, now = new Date()) {
  if (reveal && !canReveal(user, 'arrivals:read')) throw new AppError('forbidden');
  const row = await loadScoped(ctx, user, id);
  await writeAudit(ctx.db, user, [
    { action: reveal ? 'reveal' : 'view', entity: 'arrival', entityId: id, jurisdictionCode: row.dest_code, ...(reveal ? { detail: { fields: ['documentNumber', 'phone'] } } : {}) },
  ]);
  return withTimeline(ctx, row, now, reveal);
}

export async function listArrivals(ctx: Ctx, user: CurrentUser, f: ArrivalFilter, now = new Date()) {
  const { rows, total } = await arrivalPage(ctx, ctx.db, user, f, now);
  const names = await namesFor(ctx, rows);
  await writeAudit(ctx.db, user, [{ action: 'list', entity: 'arrival', jurisdictionCode: user.jurisdictionCode, detail: { filters: Object.keys(f), returned: rows.length } }]);
  return { total, page: f.page, pageSize: f.pageSize, items: rows.map((r) => toView(ctx, r, names, now)) };
}

export async function receiveArrival(ctx: Ctx, user: CurrentUser, id: string, room: OpenObservation['room'] = {}, now = new Date()) {
  const row = await loadScoped(ctx, user, id);
  const state: HandoffState = { stage: row.stage, first: row.route_first, second: row.route_second };
  if (!canReceive(user, state)) {
    // A retried receipt by the unit that already acknowledged it answers with the current state.
    const events = await eventsOf(ctx.db, id);
    if (events.some((e) => e.unit_code === user.jurisdictionCode)) return withTimeline(ctx, row, now, false);
    throw new AppError(holderOf(state) === null ? 'conflict' : 'not_holder', { what: { zh: '接收记录', en: 'Receipt' } });
  }
  const next = stageAfterReceipt(state)!;
  const holder = holderOf({ ...state, stage: next });
  const unit = holderOf(state)!;
  const at = now.toISOString();
  await ctx.writes.run(async (trx) => {
    if (!(await advanceStage(trx, id, state.stage, { stage: next, holder_code: holder, stage_since: at }))) throw new AppError('not_holder');
    await insertArrivalEvent(trx, {
      id: newId(), arrival_id: id, stage: next, unit_code: unit, actor_id: user.id, actor_name: user.displayName, at,
    });
    await writeAudit(trx, user, [{ action: 'receive', entity: 'arrival', entityId: id, jurisdictionCode: unit, detail: { stage: next } }]);
    if (next === 'observation_started') {
      // The period counts from the arrival, however long the hand-offs took; checks are due from the receipt.
      await openObservation(trx, ctx, user, {
        personId: row.person_id, arrivalId: id, clientId: null, reason: row.disposition, unitCode: unit, communityCode: row.dest_code, startAt: at, room,
        reasonSince: row.arrived_at,
        stated: { stated_name: row.stated_name, stated_phone_enc: row.stated_phone_enc, stated_phone_masked: row.stated_phone_masked },
      });
    }
  });
  ctx.changes.publish({ kind: 'arrival_received', codes: [row.dest_code, row.route_first, row.route_second] });
  return withTimeline(ctx, await loadScoped(ctx, user, id), now, false);
}
