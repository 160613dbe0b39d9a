import type { Transaction } from 'kysely';
import { inScope, shownName } from '../../db/scope';
import type { DB, StatedIdentity } from '../../db/schema';
import type { Ctx, CurrentUser } from '../../server/context';
import { AppError, type Lang } from '../../server/errors';
import { checkClientRequest, recordClientRequest, recordClientRequests } from '../../db/client-requests';
import { newId } from '../../db/ids';
import { isWithin } from '../../domain/division-code';
import { isSiteKind } from '../../domain/enums';
import { CLOCK_TOLERANCE_MS, latestCheckMarks, missingSlots, planObservation, releaseBlockers, requiredSlots, slotOf, slotWindow, type ReleaseBlocker } from '../../domain/observation';
import { isAbnormalTemperature } from '../../domain/triage';
import { dayRange, reportDay } from '../../domain/time';
import { writeAudit } from '../audit/queries';
import { countObservation, countRelease, moveObservation } from '../dashboard/rollups';
import { observationEndRollups, observationStartRollups } from '../../domain/rollups';
import {
  checksOf, markChecks, missingInSlot, observationRows, openAlertCounts, policyFor, scopedObservations, selectObservationColumns, type ObservationRow,
} from './queries';
import type { CheckBatch, NewObservation, ObservationFilter, ObservationView } from './schemas';
import { checkDocument } from '../arrivals/documents';
import { personRow, resolvePersons, settleIdentities } from '../persons/upsert';
import { NOT_STATED } from '../../domain/identity';
import { assignRoom } from '../sites/service';
import { requirePolicyReason } from './policy-reason';


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
    await trx.insertInto('observations').values(chunk).execute();
    await writeAudit(trx, user, chunk.map((r) => ({ action: 'create', entity: 'observation', entityId: r.id, jurisdictionCode: r.unit_code, detail: { reason: r.reason } })));
  }
  await countObservation(trx, rows.flatMap((r) => observationStartRollups(r, ctx.config.timeZone)));
  for (const [i, r] of rows.entries()) {
    if (r.kind === 'centralised') await assignRoom(trx, ctx, user, { observationId: r.id, siteCode: r.unit_code, ...list[i].room });
  }
  return rows.map((r) => r.id);
}

async function toViews(ctx: Ctx, rows: ObservationRow[], now: Date): Promise<ObservationView[]> {
  const ids = rows.map((r) => r.id);
  const [checks, alerts, names] = await Promise.all([
    checksOf(ctx.db, ids),
    openAlertCounts(ctx.db, ids),
    ctx.nodes.get(rows.flatMap((r) => [r.unit_code, r.community_code, r.pending_unit_code].filter((c): c is string => !!c))),
  ]);
  const byObservation = new Map<string, { day: string; slot: number }[]>();
  for (const c of checks) {
    const list = byObservation.get(c.observation_id) ?? [];
    list.push({ day: c.report_day, slot: c.slot });
    byObservation.set(c.observation_id, list);
  }
  const tz = ctx.config.timeZone;
  const today = reportDay(now, tz);
  const named = (code: string | null) => (code ? { code, name: names.get(code)?.name ?? code } : null);
  return rows.map((r) => {
    const taken = byObservation.get(r.id) ?? [];
    const until = r.ended_at && r.ended_at < now.toISOString() ? r.ended_at : now.toISOString();
    const missing = missingSlots(requiredSlots(r.start_at, until, ctx.config.checks, tz), taken).length;
    const openAlerts = alerts.get(r.id) ?? 0;
    return {
      id: r.id,
      person: { id: r.person_id, name: r.person_name, documentNumber: r.document_masked, phone: r.phone_masked },
      arrivalId: r.arrival_id,
      reason: r.reason,
      kind: r.kind as 'home' | 'centralised',
      unit: named(r.unit_code)!,
      community: named(r.community_code),
      pendingUnit: named(r.pending_unit_code),
      status: r.status,
      startAt: r.start_at,
      startDay: r.start_day,
      handoffDay: r.handoff_day,
      endDay: r.end_day,
      endedAt: r.ended_at,
      endReason: r.end_reason,
      todaySlots: taken.filter((t) => t.day === today).map((t) => t.slot).sort(),
      missing,
      openAlerts,
      releaseBlockers: r.status === 'active' ? releaseBlockers({ endDay: r.end_day, today, missing, openAlerts }) : [],
    };
  });
}

export async function listObservations(ctx: Ctx, user: CurrentUser, f: ObservationFilter, now = new Date()) {
  const unit = f.unit ?? user.jurisdictionCode;
  if (!isWithin(unit, user.jurisdictionCode)) throw new AppError('outside_scope', {}, 'unit');
  let q = scopedObservations(observationRows(ctx.db), unit) as ReturnType<typeof observationRows>;
  if (f.status) q = q.where('observations.status', '=', f.status);
  if (f.due === 'today') q = q.where('observations.end_day', '<=', reportDay(now, ctx.config.timeZone));
  if (f.q) q = q.where((eb) => eb(shownName(eb, 'observations', user.jurisdictionCode), 'like', `${f.q!.replace(/[%_]/g, '')}%`));
  const [rows, count] = await Promise.all([
    selectObservationColumns(q, user.jurisdictionCode).orderBy('observations.end_day').orderBy('person_name').orderBy('observations.id')
      .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  await writeAudit(ctx.db, user, [{ action: 'list', entity: 'observation', jurisdictionCode: unit, detail: { returned: rows.length } }]);
  return { total: Number(count.n), page: f.page, pageSize: f.pageSize, items: await toViews(ctx, rows, now) };
}

async function loadScoped(ctx: Ctx, user: CurrentUser, id: string): Promise<ObservationRow> {
  const row = await scopedObservations(selectObservationColumns(observationRows(ctx.db), user.jurisdictionCode), user.jurisdictionCode)
    .where('observations.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found');
  return row;
}

export async function getObservation(ctx: Ctx, user: CurrentUser, id: string, now = new Date()) {
  const row = await loadScoped(ctx, user, id);
  await writeAudit(ctx.db, user, [{ action: 'view', entity: 'observation', entityId: id, jurisdictionCode: row.unit_code }]);
  return (await toViews(ctx, [row], now))[0];
}

/** Saves a unit's readings in one transaction; a retried reading (same clientId) is not saved twice. */
export async function saveChecks(ctx: Ctx, user: CurrentUser, batch: CheckBatch, now = new Date()) {
  const ids = [...new Set(batch.checks.map((c) => c.observationId))];
  const rows = await scopedObservations(ctx.db.selectFrom('observations').select(['id', 'status', 'unit_code']), user.jurisdictionCode)
    .where('id', 'in', ids)
    .execute();
  const found = new Map(rows.map((r) => [r.id, r]));
  batch.checks.forEach((c, i) => {
    const o = found.get(c.observationId);
    if (!o) throw new AppError('unknown_code', { field: `checks[${i}].observationId`, value: c.observationId }, `checks[${i}].observationId`);
    if (o.status !== 'active') throw new AppError('observation_closed', {}, `checks[${i}].observationId`);
    if (Date.parse(c.takenAt) > now.getTime() + CLOCK_TOLERANCE_MS) {
      throw new AppError('validation', { field: `checks[${i}].takenAt`, problem: { zh: '不能晚于当前时间', en: 'must not be in the future' } }, `checks[${i}].takenAt`);
    }
  });
  const tz = ctx.config.timeZone;
  const at = now.toISOString();
  const saved = await ctx.writes.run(async (trx) => {
    const seen = new Set(
      (await trx.selectFrom('observation_checks').select('client_id').where('client_id', 'in', batch.checks.map((c) => c.clientId)).execute()).map((r) => r.client_id), // unscoped: existence of clientIds only, inside the write
    );
    const fresh = batch.checks.filter((c) => {
      if (seen.has(c.clientId)) return false;
      seen.add(c.clientId);
      return true;
    });
    const checks = fresh.map((c) => {
      const { day, slot } = slotOf(c.takenAt, ctx.config.checks, tz);
      return {
        id: newId(),
        client_id: c.clientId,
        observation_id: c.observationId,
        taken_at: new Date(c.takenAt).toISOString(),
        report_day: day,
        slot,
        temperature: c.temperature,
        symptoms: JSON.stringify(c.symptoms),
        abnormal: isAbnormalTemperature(c.temperature, ctx.config.triage) || c.symptoms.length > 0 ? 1 : 0,
        entered_by: user.id,
        created_at: at,
      };
    });
    await recordClientRequests(trx, 'observation_checks', batch.checks, checks, (i) => `checks[${i}].clientId`);
    for (let i = 0; i < checks.length; i += 200) await trx.insertInto('observation_checks').values(checks.slice(i, i + 200)).execute();
    await markChecks(trx, latestCheckMarks(checks));
    const alerts = checks.filter((c) => c.abnormal === 1).map((c) => ({
      id: newId(), observation_id: c.observation_id, check_id: c.id, unit_code: found.get(c.observation_id)!.unit_code,
      status: 'open' as const, opened_at: at, resolution: null, outcome: null, closed_at: null, closed_by: null,
    }));
    if (alerts.length) await trx.insertInto('alerts').values(alerts).execute();
    await writeAudit(trx, user, [
      { action: 'create', entity: 'observation_check', jurisdictionCode: user.jurisdictionCode, detail: { saved: checks.length, retried: batch.checks.length - checks.length, alerts: alerts.length } },
    ]);
    return { saved: checks.length, duplicates: batch.checks.length - checks.length, alerts: alerts.map((a) => ({ id: a.id, observationId: a.observation_id })) };
  });
  if (saved.saved) ctx.changes.publish({ kind: 'checks_saved', codes: rows.map((r) => r.unit_code) });
  return saved;
}

/** Ends an active observation inside the caller's transaction; false when it had ended already. */
export async function closeObservation(
  trx: Transaction<DB>, ctx: Ctx, user: CurrentUser, row: { id: string; unit_code: string }, status: 'released' | 'transferred' | 'ended', reason: string | null, at: string,
): Promise<boolean> {
  const r = await trx.updateTable('observations')
    .set({ status, ended_at: at, end_reason: reason })
    .where('id', '=', row.id).where('status', '=', 'active').executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return false;
  const ended = { unit_code: row.unit_code, ended_at: at };
  await countObservation(trx, observationEndRollups(ended, ctx.config.timeZone));
  if (status === 'released') await countRelease(trx, ended, ctx.config.timeZone);
  await writeAudit(trx, user, [{ action: status === 'released' ? 'release' : 'end', entity: 'observation', entityId: row.id, jurisdictionCode: row.unit_code, detail: { status } }]);
  return true;
}

async function endWith(ctx: Ctx, user: CurrentUser, row: ObservationRow, status: 'released' | 'transferred' | 'ended', reason: string | null, now: Date) {
  await ctx.writes.run(async (trx) => {
    if (!(await closeObservation(trx, ctx, user, row, status, reason, now.toISOString()))) throw new AppError('observation_closed');
  });
  ctx.changes.publish({ kind: status === 'released' ? 'observation_released' : 'observation_ended', codes: [row.unit_code, row.community_code] });
}

const BLOCKER_TEXT: Record<ReleaseBlocker, { zh: string; en: string }> = {
  not_due: { zh: '观察期未满', en: 'the period has not ended' },
  missing_checks: { zh: '有漏测记录', en: 'checks are missing' },
  open_alerts: { zh: '有未处理的异常', en: 'an alert is still open' },
};

export async function releaseObservation(ctx: Ctx, user: CurrentUser, id: string, now = new Date()) {
  const row = await loadScoped(ctx, user, id);
  if (row.status !== 'active') throw new AppError('observation_closed');
  const [view] = await toViews(ctx, [row], now);
  if (view.releaseBlockers.length) {
    const blockers = view.releaseBlockers as ReleaseBlocker[];
    throw new AppError('not_releasable', {
      blockers: { zh: blockers.map((b) => BLOCKER_TEXT[b].zh).join('、'), en: blockers.map((b) => BLOCKER_TEXT[b].en).join(', ') },
    });
  }
  await endWith(ctx, user, row, 'released', null, now);
  return getObservation(ctx, user, id, now);
}

/** Releases a selection one by one; those that cannot be released yet are reported, not failed. */
export async function releaseMany(ctx: Ctx, user: CurrentUser, ids: string[], lang: Lang) {
  const released: string[] = [];
  const refused: { id: string; code: string; message: string }[] = [];
  for (const id of ids) {
    try {
      await releaseObservation(ctx, user, id);
      released.push(id);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      refused.push({ id, code: err.code, message: err.message_(lang) });
    }
  }
  return { released, refused };
}

export async function endObservation(ctx: Ctx, user: CurrentUser, id: string, status: 'transferred' | 'ended', reason: string, now = new Date()) {
  const row = await loadScoped(ctx, user, id);
  if (row.status !== 'active') throw new AppError('observation_closed');
  await endWith(ctx, user, row, status, reason, now);
  return getObservation(ctx, user, id, now);
}

/** Combined policies (7+3): on the hand-off day the site passes the person to their community. */
export async function handOff(ctx: Ctx, user: CurrentUser, id: string, now = new Date()) {
  const row = await loadScoped(ctx, user, id);
  const today = reportDay(now, ctx.config.timeZone);
  if (row.status !== 'active' || row.kind !== 'centralised' || !row.community_code || !row.handoff_day || row.pending_unit_code) throw new AppError('no_handoff');
  if (today < row.handoff_day) throw new AppError('not_releasable', { blockers: BLOCKER_TEXT.not_due });
  await ctx.writes.run(async (trx) => {
    await trx.updateTable('observations').set({ pending_unit_code: row.community_code }).where('id', '=', id).execute();
    await writeAudit(trx, user, [{ action: 'hand_off', entity: 'observation', entityId: id, jurisdictionCode: row.unit_code, detail: { to: row.community_code } }]);
  });
  ctx.changes.publish({ kind: 'handoff_sent', codes: [row.unit_code, row.community_code] });
  return getObservation(ctx, user, id, now);
}

export async function receiveHandoff(ctx: Ctx, user: CurrentUser, id: string, now = new Date()) {
  const row = await loadScoped(ctx, user, id);
  if (row.status !== 'active' || !row.pending_unit_code || (user.role !== 'admin' && row.pending_unit_code !== user.jurisdictionCode)) throw new AppError('no_handoff');
  await ctx.writes.run(async (trx) => {
    const r = await trx.updateTable('observations')
      .set({ unit_code: row.pending_unit_code!, pending_unit_code: null, kind: 'home', room_id: null })
      .where('id', '=', id).where('status', '=', 'active').where('unit_code', '=', row.unit_code).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('no_handoff');
    await moveObservation(trx, row, row.pending_unit_code!, ctx.config.timeZone);
    // What the unit held moves with the person: the contact (seen where their control is held) and the alerts.
    await trx.updateTable('contacts').set({ unit_code: row.pending_unit_code! }).where('observation_id', '=', id).execute();
    await trx.updateTable('alerts').set({ unit_code: row.pending_unit_code! }).where('observation_id', '=', id).execute();
    await writeAudit(trx, user, [{ action: 'receive', entity: 'observation', entityId: id, jurisdictionCode: row.pending_unit_code }]);
  });
  ctx.changes.publish({ kind: 'handoff_received', codes: [row.unit_code, row.pending_unit_code, row.community_code] });
  return getObservation(ctx, user, id, now);
}

export async function listAlerts(ctx: Ctx, user: CurrentUser, f: { status?: 'open' | 'closed'; unit?: string; page: number; pageSize: number }) {
  const unit = f.unit ?? user.jurisdictionCode;
  if (!isWithin(unit, user.jurisdictionCode)) throw new AppError('outside_scope', {}, 'unit');
  let q = ctx.db.selectFrom('alerts')
    .innerJoin('observations', 'observations.id', 'alerts.observation_id')
    .innerJoin('persons', 'persons.id', 'observations.person_id')
    .innerJoin('observation_checks', 'observation_checks.id', 'alerts.check_id')
    .where((eb) => inScope(eb, ['alerts.unit_code'], unit));
  if (f.status) q = q.where('alerts.status', '=', f.status);
  const [rows, count] = await Promise.all([
    q.selectAll('alerts').select((eb) => [
      'persons.id as person_id', shownName(eb, 'observations', user.jurisdictionCode).as('person_name'),
      'observation_checks.temperature', 'observation_checks.symptoms', 'observation_checks.taken_at',
    ])
      .orderBy('alerts.opened_at', 'desc').orderBy('alerts.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const names = await ctx.nodes.get(rows.map((r) => r.unit_code));
  await writeAudit(ctx.db, user, [{ action: 'list', entity: 'alert', jurisdictionCode: unit, detail: { returned: rows.length } }]);
  return {
    total: Number(count.n),
    items: rows.map((r) => ({
      id: r.id,
      observationId: r.observation_id,
      person: { id: r.person_id, name: r.person_name },
      unit: { code: r.unit_code, name: names.get(r.unit_code)?.name ?? r.unit_code },
      status: r.status as 'open' | 'closed',
      temperature: r.temperature,
      symptoms: JSON.parse(r.symptoms) as string[],
      takenAt: r.taken_at,
      openedAt: r.opened_at,
      resolution: r.resolution as 'referred' | 'rechecked' | null,
      outcome: r.outcome,
      closedAt: r.closed_at,
    })),
  };
}

export async function closeAlert(ctx: Ctx, user: CurrentUser, id: string, resolution: 'referred' | 'rechecked', outcome: string, now = new Date()) {
  const alert = await ctx.db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst(); // unscoped: by id, then refused unless its unit is in scope (isWithin below)
  if (!alert || !isWithin(alert.unit_code, user.jurisdictionCode)) throw new AppError('not_found');
  if (alert.status !== 'open') throw new AppError('conflict', { what: { zh: '处理结果', en: 'A resolution' } });
  await ctx.writes.run(async (trx) => {
    await trx.updateTable('alerts').set({ status: 'closed', resolution, outcome, closed_at: now.toISOString(), closed_by: user.id }).where('id', '=', id).execute();
    await writeAudit(trx, user, [{ action: 'close', entity: 'alert', entityId: id, jurisdictionCode: alert.unit_code, detail: { resolution } }]);
  });
  ctx.changes.publish({ kind: 'alert_closed', codes: [alert.unit_code] });
  return { id, status: 'closed' as const, resolution, outcome };
}

/** The command view: for each of the day's slots whose deadline has passed, how many have no check, and who. */
export async function missingChecks(ctx: Ctx, user: CurrentUser, f: { unit?: string; day?: string; limit: number }, now = new Date()) {
  const unit = f.unit ?? user.jurisdictionCode;
  if (!isWithin(unit, user.jurisdictionCode)) throw new AppError('outside_scope', {}, 'unit');
  const tz = ctx.config.timeZone;
  const day = f.day ?? reportDay(now, tz);
  const slots = ctx.config.checks.slotEnds
    .map((_, slot) => ({ slot, ...slotWindow(day, slot, ctx.config.checks, tz) }))
    .filter((s) => s.deadline <= now.toISOString());
  if (slots.length === 0) return { day, slots: [] };

  const dayFrom = dayRange(day, tz).from;
  const base = ctx.db.selectFrom('observations')
    .where((eb) => inScope(eb, ['observations.unit_code'], unit))
    .where((eb) => eb.or([eb('observations.status', '=', 'active'), eb('observations.ended_at', '>', dayFrom)]));
  const counts = await base
    .select((eb) => slots.map((s) => eb.fn.sum<number>(eb.case().when(missingInSlot(eb, day, s)).then(1).else(0).end()).as(`slot${s.slot}`)))
    .executeTakeFirstOrThrow() as Record<string, number | null>;
  const result = [];
  for (const s of slots) {
    const items = await base.where((eb) => missingInSlot(eb, day, s))
      .innerJoin('persons', 'persons.id', 'observations.person_id') // unscoped: joined to observations of a unit in scope (base)
      .select((eb) => ['observations.id', 'observations.unit_code', shownName(eb, 'observations', user.jurisdictionCode).as('name')])
      .limit(f.limit).execute();
    result.push({
      slot: s.slot,
      deadline: s.deadline,
      missing: Number(counts[`slot${s.slot}`] ?? 0),
      items: items.map((i) => ({ observationId: i.id, unitCode: i.unit_code, name: i.name })),
    });
  }
  await writeAudit(ctx.db, user, [{ action: 'list', entity: 'missing_check', jurisdictionCode: unit, detail: { day } }]);
  return { day, slots: result };
}

/** Opens observation by hand for a person found by community checks (排查). Idempotent per clientId. */
export async function openByHand(ctx: Ctx, user: CurrentUser, input: NewObservation, now = new Date()) {
  await checkClientRequest(ctx.db, 'observations', input.clientId, input);
  await requirePolicyReason(ctx.db, input.reason);
  const existing = await ctx.db.selectFrom('observations').select('id').where('client_id', '=', input.clientId).executeTakeFirst(); // unscoped: existence of a clientId only; answered through the scoped getObservation
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

export async function listPolicies(ctx: Ctx) {
  const rows = await ctx.db.selectFrom('observation_policies').selectAll().orderBy('reason').execute();
  return rows.map((r) => ({ reason: r.reason, centralisedDays: r.centralised_days, homeDays: r.home_days, updatedAt: r.updated_at }));
}

export async function setPolicy(ctx: Ctx, user: CurrentUser, reason: string, days: { centralisedDays: number; homeDays: number }) {
  if (days.centralisedDays + days.homeDays === 0) {
    throw new AppError('validation', { field: 'homeDays', problem: { zh: '观察期不能为0天', en: 'the period must be at least one day' } }, 'homeDays');
  }
  const at = new Date().toISOString();
  await ctx.writes.run(async (trx) => {
    await trx.insertInto('observation_policies')
      .values({ reason, centralised_days: days.centralisedDays, home_days: days.homeDays, updated_at: at })
      .onConflict((oc) => oc.column('reason').doUpdateSet({ centralised_days: days.centralisedDays, home_days: days.homeDays, updated_at: at }))
      .execute();
    await writeAudit(trx, user, [{ action: 'update', entity: 'observation_policy', entityId: reason, detail: days }]);
  });
  return (await listPolicies(ctx)).find((p) => p.reason === reason)!;
}
