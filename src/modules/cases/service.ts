// Cases: reporting, reading, changes with their history, the waiting list (应收尽收) and the day's figures.
import type { Ctx, CurrentUser } from '../../server/context';
import { AppError } from '../../server/errors';
import { checkClientRequest, recordClientRequest } from '../../db/client-requests';
import { newId } from '../../db/ids';
import { dailyFigures, planChange, waitingMinutes, type CaseState, type ChangeProblem } from '../../domain/cases';
import type { CaseEventKind, CaseStatus } from '../../domain/enums';
import { CASE_STATUS_LABELS } from '../../domain/labels';
import { canReveal } from '../../domain/permissions';
import { dayRange, reportDay } from '../../domain/time';
import { writeAudit } from '../audit';
import { checkDocument, personRow, resolvePersons, settleIdentities } from '../persons';
import * as q from './repository/cases';
import { joinClusters } from './repository/clusters';
import { checkFacts, countingJurisdiction, notFuture, problemError, residenceNode, scopeOf } from './facts';
import { recordCase, type RecordOutcome } from './record';
import { caseCodes, namesOf, toCaseView, toEventView } from './view';
import type { CaseDetail, CaseFilter, CasePatch, NewCase, WaitingQuery } from './schemas';

async function loadScoped(ctx: Ctx, user: CurrentUser, id: string): Promise<q.CaseRow> {
  const row = await q.caseInScope(ctx.db, id, user.jurisdictionCode);
  if (!row) throw new AppError('not_found');
  return row;
}

/** A case the caller may see, by id: any other id is unknown to them (for the field named). */
async function visibleCase(ctx: Ctx, user: CurrentUser, id: string, field: string) {
  const row = await q.caseRefInScope(ctx.db, id, user.jurisdictionCode);
  if (!row) throw new AppError('unknown_code', { field, value: id }, field);
  return row;
}

async function detailOf(ctx: Ctx, row: q.CaseRow, now: Date, reveal = false): Promise<CaseDetail> {
  const [events, counts, names] = await Promise.all([q.eventsOf(ctx.db, row.id), q.countsOf(ctx.db, row.id), namesOf(ctx, caseCodes(row))]);
  return { ...toCaseView(ctx, row, names, now, reveal), events: events.map(toEventView), counts };
}

/** The answer to a report that found a case already on record (a retry, or a second report); a case out of scope is unknown. */
export async function existingCase(ctx: Ctx, user: CurrentUser, found: { id: string; jurisdiction_code: string }, now: Date): Promise<CaseDetail> {
  return getCase(ctx, user, found.id, false, now);
}

export async function reportCase(ctx: Ctx, user: CurrentUser, input: NewCase, now = new Date()): Promise<CaseDetail & { outcome: RecordOutcome }> {
  await checkClientRequest(ctx.db, 'cases', input.clientId, input);
  const seen = await q.caseByClientId(ctx.db, input.clientId);
  if (seen) return { ...(await existingCase(ctx, user, seen, now)), outcome: 'retried' };

  const doc = checkDocument(input.person.documentType, input.person.documentNumber, reportDay(now, ctx.config.timeZone));
  const jurisdictionCode = await countingJurisdiction(ctx, user, input.jurisdictionCode, 'jurisdictionCode');
  if (input.communityCode) await residenceNode(ctx, input.communityCode, 'communityCode');
  if (input.origin === 'imported' && input.originCode && !(await ctx.nodes.get([input.originCode])).has(input.originCode)) {
    throw new AppError('unknown_code', { field: 'originCode', value: input.originCode }, 'originCode');
  }
  if (input.sourceCaseId) await visibleCase(ctx, user, input.sourceCaseId, 'sourceCaseId');
  const facts = checkFacts(ctx, input, now);

  const at = now.toISOString();
  // Without a community a known person keeps the residence on record; a new one takes the case's jurisdiction.
  const person = personRow(ctx.crypto, doc, input.person.name, input.person.phone, input.communityCode ?? jurisdictionCode, at);
  const result = await ctx.writes.run(async (trx) => {
    const [resolved] = await resolvePersons(trx, user, [{ row: person, statesResidence: !!input.communityCode }]);
    await writeAudit(trx, user, [{ action: 'upsert', entity: 'person', entityId: resolved.personId, jurisdictionCode: person.jurisdiction_code }]);
    const recorded = await recordCase(trx, user, {
      clientId: input.clientId, personId: resolved.personId, origin: input.origin, originCode: input.originCode ?? null, foundBy: input.foundBy,
      jurisdictionCode, communityCode: input.communityCode ?? null, sourceCaseId: input.sourceCaseId ?? null, sourceContactId: null, stated: resolved.stated, facts,
    }, at);
    if (recorded.outcome === 'created') await settleIdentities(trx, user, [resolved], { entity: 'case', ids: [recorded.id] }, at);
    return recordClientRequest(trx, 'cases', input.clientId, input, recorded);
  });
  ctx.changes.publish({ kind: result.outcome === 'created' ? 'case_reported' : 'case_updated', codes: [jurisdictionCode, input.communityCode] });
  return { ...(await existingCase(ctx, user, result, now)), outcome: result.outcome };
}

export async function getCase(ctx: Ctx, user: CurrentUser, id: string, reveal: boolean, now = new Date()): Promise<CaseDetail> {
  if (reveal && !canReveal(user, 'cases:read')) throw new AppError('forbidden');
  const row = await loadScoped(ctx, user, id);
  await writeAudit(ctx.db, user, [{
    action: reveal ? 'reveal' : 'view', entity: 'case', entityId: id, jurisdictionCode: row.jurisdiction_code,
    ...(reveal ? { detail: { fields: ['documentNumber', 'phone'] } } : {}),
  }]);
  return detailOf(ctx, row, now, reveal);
}

export async function listCases(ctx: Ctx, user: CurrentUser, f: CaseFilter, now = new Date()) {
  const scope = scopeOf(user, f.within);
  const tz = ctx.config.timeZone;
  const { rows, total } = await q.casePage(ctx.db, scope, {
    ...f, from: f.from ? dayRange(f.from, tz).from : undefined, to: f.to ? dayRange(f.to, tz).to : undefined,
  });
  const names = await namesOf(ctx, rows.flatMap(caseCodes));
  await writeAudit(ctx.db, user, [{ action: 'list', entity: 'case', jurisdictionCode: scope, detail: { filters: Object.keys(f), returned: rows.length } }]);
  return { total, page: f.page, pageSize: f.pageSize, items: rows.map((r) => toCaseView(ctx, r, names, now)) };
}

function changeError(p: ChangeProblem, status: CaseStatus): AppError {
  switch (p.code) {
    case 'case_closed': return new AppError('case_closed', { status: CASE_STATUS_LABELS[status] });
    case 'reclassification': return new AppError('reclassification', {}, 'classification');
    case 'case_transition': return new AppError('case_transition', { from: CASE_STATUS_LABELS[p.from], to: CASE_STATUS_LABELS[p.to] }, 'status');
    case 'validation': return problemError(p.field, p.problem);
  }
}

export async function updateCase(ctx: Ctx, user: CurrentUser, id: string, patch: CasePatch, now = new Date()): Promise<CaseDetail> {
  const row = await loadScoped(ctx, user, id);
  const at = notFuture(patch.at, 'at', now);
  const state: CaseState = {
    classification: row.classification,
    clinicalType: row.clinical_type,
    status: row.status,
    statusSince: row.status_since,
    onsetDate: row.onset_date,
    controlledAt: row.controlled_at,
  };
  const planned = planChange(state, { classification: patch.classification, clinicalType: patch.clinicalType, status: patch.status, onsetDate: patch.onsetDate, at }, ctx.config.timeZone);
  if (!planned.ok) throw changeError(planned.problem, state.status);
  const { set, events } = planned.plan;
  const drafts: { kind: CaseEventKind; from: string | null; to: string }[] = [...events];

  let source: { id: string; cluster_id: string } | null = null;
  if (patch.sourceCaseId && patch.sourceCaseId !== row.source_case_id) {
    if (patch.sourceCaseId === id) throw new AppError('source_cycle', {}, 'sourceCaseId');
    source = await visibleCase(ctx, user, patch.sourceCaseId, 'sourceCaseId');
    if (await q.sourcesReach(ctx.db, source.id, id)) throw new AppError('source_cycle', {}, 'sourceCaseId');
    drafts.push({ kind: 'source', from: row.source_case_id, to: source.id });
  }
  const facility = patch.facility?.trim();
  if (facility && facility !== row.facility) drafts.push({ kind: 'facility', from: row.facility, to: facility });
  if (!drafts.length) return getCase(ctx, user, id, false, now);

  await ctx.writes.run(async (trx) => {
    const updated = await q.updateCaseRow(trx, id, row.updated_at, {
      ...set, ...(facility ? { facility } : {}), ...(source ? { source_case_id: source.id } : {}), updated_at: now.toISOString(),
    });
    if (!updated) throw new AppError('stale');
    // Events of one change share their time; ids taken in order keep them in the order listed.
    const ids = drafts.map(() => newId()).sort();
    await q.insertCaseEvents(trx, drafts.map((d, i) => ({
      id: ids[i], case_id: id, client_id: null, kind: d.kind, from_value: d.from, to_value: d.to, detail: null, actor_id: user.id, actor_name: user.displayName, at,
    })));
    if (source) await joinClusters(trx, [row.cluster_id, source.cluster_id]);
    await writeAudit(trx, user, [{ action: 'update', entity: 'case', entityId: id, jurisdictionCode: row.jurisdiction_code, detail: { changes: drafts.map((d) => d.kind) } }]);
  });
  ctx.changes.publish({ kind: 'case_updated', codes: [row.jurisdiction_code, row.community_code] });
  return getCase(ctx, user, id, false, now);
}

/** Reported but not yet isolated or admitted, longest waiting first (应收尽收). */
export async function waitingCases(ctx: Ctx, user: CurrentUser, f: WaitingQuery, now = new Date()) {
  const scope = scopeOf(user, f.within);
  const { rows, total, oldest } = await q.waitingPage(ctx.db, scope, f.page, f.pageSize);
  const names = await namesOf(ctx, rows.flatMap(caseCodes));
  await writeAudit(ctx.db, user, [{ action: 'list', entity: 'case_waiting', jurisdictionCode: scope, detail: { returned: rows.length } }]);
  return {
    total,
    oldestWaitingMinutes: oldest ? waitingMinutes(oldest, now) : null,
    page: f.page,
    pageSize: f.pageSize,
    items: rows.map((r) => toCaseView(ctx, r, names, now)),
  };
}

/** The day's new cases per origin, reclassifications apart, and where the open cases stand. */
export async function dailyCaseFigures(ctx: Ctx, user: CurrentUser, f: { day?: string; within?: string }, now = new Date()) {
  const scope = scopeOf(user, f.within);
  const tz = ctx.config.timeZone;
  const day = f.day ?? reportDay(now, tz);
  const { from, to } = dayRange(day, tz);
  const { cases, statuses } = await q.dayCases(ctx.db, scope, from, to);
  const figures = dailyFigures(cases.map((c) => ({
    origin: c.origin, reportedAt: c.reported_at, reportedClassification: c.reported_classification, reclassifiedAt: c.reclassified_at,
  })), day, tz);
  const n = (s: CaseStatus) => Number(statuses.find((r) => r.status === s)?.n ?? 0);
  return {
    day,
    ...figures,
    current: { reported: n('reported'), isolated: n('isolated'), admitted: n('admitted') },
    cumulative: { cured_discharged: n('cured_discharged'), released: n('released'), died: n('died') },
  };
}
