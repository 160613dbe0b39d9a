// Cases: reporting (one open case per person: a second report attaches to the first), reading,
// changes with their history, the waiting list (应收尽收) and the day's figures.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { NodeRow } from '../../db/reference/node-cache';
import type { Ctx, CurrentUser } from '../../server/context';
import { AppError, validationError } from '../../server/errors';
import { checkClientRequest, recordClientRequest } from '../../db/client-requests';
import { newId } from '../../db/ids';
import { isWithin } from '../../domain/division-code';
import { dailyFigures, planChange, reportProblem, waitingMinutes, type CaseState, type ChangeProblem } from '../../domain/cases';
import { CLOCK_TOLERANCE_MS } from '../../domain/observation';
import type { CaseEventKind, CaseFoundBy, CaseOrigin, CaseStatus } from '../../domain/enums';
import { CASE_STATUS_LABELS } from '../../domain/labels';
import { canReveal } from '../../domain/permissions';
import { dayRange, reportDay } from '../../domain/time';
import { writeAudit } from '../audit/queries';
import { shownName } from '../../db/scope';
import { checkDocument } from '../arrivals/documents';
import { personRow, resolvePersons, settleIdentities } from '../persons/upsert';
import { raiseRequests } from '../assistance/requests';
import type { StatedIdentity } from '../../db/schema';
import * as q from './queries';
import { caseCodes, namesOf, toCaseView, toEventView } from './view';
import type { CaseDetail, CaseFilter, CasePatch, NewCase, WaitingQuery } from './schemas';


const PROBLEMS = {
  clinical_type_required: { zh: '确诊病例须填写临床分型', en: 'is required for a confirmed case' },
  clinical_type_needs_confirmed: { zh: '只适用于确诊病例', en: 'applies to confirmed cases only' },
  origin_required: { zh: '输入病例须填写来源地', en: 'is required for an imported case' },
  onset_needs_confirmed: { zh: '无症状感染者没有发病日期', en: 'applies to confirmed cases only (an asymptomatic infection has no onset)' },
  positive_after_report: { zh: '不能晚于报告时间', en: 'must not be after the report' },
  onset_after_report: { zh: '不能晚于报告（变更）当天', en: 'must not be after the day it is reported' },
  before_status: { zh: '不能早于当前状态的开始时间', en: 'must not be before the current status began' },
  future: { zh: '不能晚于当前时间', en: 'must not be in the future' },
} as const;

export function problemError(field: string, problem: keyof typeof PROBLEMS): AppError {
  return validationError(field, PROBLEMS[problem]);
}

/** The subtree a listing covers: the caller's own, or one inside it. */
export function scopeOf(user: CurrentUser, within: string | undefined): string {
  const scope = within ?? user.jurisdictionCode;
  if (!isWithin(scope, user.jurisdictionCode)) throw new AppError('outside_scope', {}, 'within');
  return scope;
}

function notFuture(at: string | undefined, field: string, now: Date): string {
  if (!at) return now.toISOString();
  if (Date.parse(at) > now.getTime() + CLOCK_TOLERANCE_MS) throw problemError(field, 'future');
  return new Date(at).toISOString();
}

/** Whether a node is where a person can live: a community or management unit inside the region. */
export function isResidence(ctx: Ctx, node: NodeRow | undefined): boolean {
  return !!node && isWithin(node.code, ctx.config.region) && (node.level === 'community' || node.level === 'unit');
}

export async function residenceNode(ctx: Ctx, code: string, field: string) {
  const node = (await ctx.nodes.get([code])).get(code);
  if (!isResidence(ctx, node)) throw new AppError('unknown_code', { field, value: code }, field);
  return node!;
}

/** The jurisdiction a case counts for: known, in the region and inside the caller's. */
async function countingJurisdiction(ctx: Ctx, user: CurrentUser, code: string, field: string): Promise<string> {
  if (!(await ctx.nodes.get([code])).has(code) || !isWithin(code, ctx.config.region)) throw new AppError('unknown_code', { field, value: code }, field);
  if (!isWithin(code, user.jurisdictionCode)) throw new AppError('outside_scope', {}, field);
  return code;
}

type Facts = Pick<NewCase, 'classification' | 'clinicalType' | 'firstPositiveAt' | 'onsetDate' | 'reportedAt' | 'reportingUnit' | 'status' | 'facility'>;

export interface CaseRecord {
  clientId: string;
  personId: string;
  origin: CaseOrigin;
  originCode: string | null;
  foundBy: CaseFoundBy;
  jurisdictionCode: string;
  communityCode: string | null;
  sourceCaseId: string | null;
  sourceContactId: string | null;
  /** The name and phone the reporter's record keeps (see src/domain/identity.ts). */
  stated: StatedIdentity;
  facts: Facts & { reportedAt: string; firstPositiveAt: string };
}

/** Checks what a report says of the infection; returns its instants normalised. */
export function checkFacts(ctx: Ctx, f: Facts & { origin: CaseOrigin; originCode?: string }, now: Date) {
  const reportedAt = notFuture(f.reportedAt, 'reportedAt', now);
  const firstPositiveAt = new Date(f.firstPositiveAt).toISOString();
  const problem = reportProblem({ ...f, reportedAt, firstPositiveAt }, ctx.config.timeZone);
  if (problem) throw problemError(problem.field, problem.problem);
  return { ...f, reportedAt, firstPositiveAt };
}

export type RecordOutcome = 'created' | 'retried' | 'attached';

/** The case a report ended in, and how. */
export interface Recorded {
  id: string;
  jurisdiction_code: string;
  outcome: RecordOutcome;
}

/**
 * Stores a case inside the caller's transaction. When the person already holds an open case the
 * caller may see (found by the database's unique index, also under concurrent reports) the report
 * is attached to it as an event instead, once per clientId. When that case is held elsewhere the
 * report stays the caller's own case, kept out of the one-open-case rule, and the holder is asked
 * to link the two (协查); the caller is not told.
 */
export async function recordCase(trx: Transaction<DB>, user: CurrentUser, r: CaseRecord, at: string): Promise<Recorded> {
  const open = await q.openCaseOf(trx, r.personId);
  if (open && isWithin(open.jurisdiction_code, user.jurisdictionCode)) return attach(trx, user, r, open);
  const id = newId();
  const inserted = await q.insertCase(trx, await caseRow(trx, user, r, id, !!open, at));
  if (!inserted) {
    // A concurrent report took the open case first.
    const now = (await q.openCaseOf(trx, r.personId))!;
    if (isWithin(now.jurisdiction_code, user.jurisdictionCode)) return attach(trx, user, r, now);
    await q.insertCase(trx, await caseRow(trx, user, r, id, true, at));
  }
  const f = r.facts;
  const status = f.status ?? 'reported';
  await trx.insertInto('case_events').values({
    id: newId(), case_id: id, client_id: null, kind: 'reported', from_value: null, to_value: f.classification,
    detail: JSON.stringify({ status, reportingUnit: f.reportingUnit.trim(), foundBy: r.foundBy }), actor_id: user.id, actor_name: user.displayName, at: f.reportedAt,
  }).execute();
  await writeAudit(trx, user, [{ action: 'create', entity: 'case', entityId: id, jurisdictionCode: r.jurisdictionCode, detail: { classification: f.classification, status } }]);
  const held = open ?? (inserted ? null : await q.openCaseOf(trx, r.personId));
  if (held) {
    await raiseRequests(trx, user, [{ kind: 'case', personId: r.personId, holderCode: held.jurisdiction_code, sourceEntity: 'case', sourceId: id, targetId: held.id }], at);
  }
  return { id, jurisdiction_code: r.jurisdictionCode, outcome: 'created' };
}

async function caseRow(trx: Transaction<DB>, user: CurrentUser, r: CaseRecord, id: string, heldElsewhere: boolean, at: string): Promise<DB['cases']> {
  const source = r.sourceCaseId
    ? await trx.selectFrom('cases').select('cluster_id').where('id', '=', r.sourceCaseId).executeTakeFirstOrThrow() // unscoped: cluster id only; the source checked by visibleCase (reportCase) or the case of a contact loaded in scope (markPositive)
    : null;
  const f = r.facts;
  const status = f.status ?? 'reported';
  return {
    id,
    client_id: r.clientId,
    person_id: r.personId,
    classification: f.classification,
    reported_classification: f.classification,
    clinical_type: f.clinicalType ?? null,
    origin: r.origin,
    origin_code: r.origin === 'imported' ? r.originCode : null,
    found_by: r.foundBy,
    reported_at: f.reportedAt,
    reporting_unit: f.reportingUnit.trim(),
    jurisdiction_code: r.jurisdictionCode,
    community_code: r.communityCode,
    onset_date: f.onsetDate ?? null,
    first_positive_at: f.firstPositiveAt,
    status,
    status_since: f.reportedAt,
    controlled_at: status === 'reported' ? null : f.reportedAt,
    facility: f.facility?.trim() || null,
    ended_at: null,
    reclassified_at: null,
    source_case_id: r.sourceCaseId,
    source_contact_id: r.sourceContactId,
    // A new case starts its own cluster, named by its id, or joins its source's.
    cluster_id: source?.cluster_id ?? id,
    held_elsewhere: heldElsewhere ? 1 : 0,
    linked_case_id: null,
    ...r.stated,
    created_by: user.id,
    created_at: at,
    updated_at: at,
  };
}

async function attach(trx: Transaction<DB>, user: CurrentUser, r: CaseRecord, open: { id: string; client_id: string; jurisdiction_code: string }): Promise<Recorded> {
  if (open.client_id === r.clientId) return { id: open.id, jurisdiction_code: open.jurisdiction_code, outcome: 'retried' };
  const f = r.facts;
  await trx.insertInto('case_events').values({
    id: newId(), case_id: open.id, client_id: r.clientId, kind: 'attached', from_value: null, to_value: f.classification,
    detail: JSON.stringify({ reportingUnit: f.reportingUnit.trim(), reportedAt: f.reportedAt, foundBy: r.foundBy, jurisdictionCode: r.jurisdictionCode }),
    actor_id: user.id, actor_name: user.displayName, at: f.reportedAt,
  }).onConflict((oc) => oc.column('client_id').doNothing()).execute();
  await writeAudit(trx, user, [{ action: 'attach', entity: 'case', entityId: open.id, jurisdictionCode: open.jurisdiction_code, detail: { reportedFor: r.jurisdictionCode } }]);
  return { id: open.id, jurisdiction_code: open.jurisdiction_code, outcome: 'attached' };
}

async function loadScoped(ctx: Ctx, user: CurrentUser, id: string): Promise<q.CaseRow> {
  const row = await q.scopedCases(q.selectCaseColumns(q.caseRows(ctx.db), user.jurisdictionCode), user.jurisdictionCode).where('cases.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found');
  return row;
}

/** A case the caller may see, by id: any other id is unknown to them (for the field named). */
async function visibleCase(ctx: Ctx, user: CurrentUser, id: string, field: string) {
  const row = await q.scopedCases(ctx.db.selectFrom('cases').select(['cases.id', 'cases.cluster_id', 'cases.jurisdiction_code']), user.jurisdictionCode)
    .where('cases.id', '=', id).executeTakeFirst();
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
  let base = q.scopedCases(q.caseRows(ctx.db), scope) as ReturnType<typeof q.caseRows>;
  if (f.classification) base = base.where('cases.classification', '=', f.classification);
  if (f.status) base = base.where('cases.status', '=', f.status);
  if (f.origin) base = base.where('cases.origin', '=', f.origin);
  if (f.clusterId) base = base.where('cases.cluster_id', '=', f.clusterId);
  if (f.from) base = base.where('cases.reported_at', '>=', dayRange(f.from, tz).from);
  if (f.to) base = base.where('cases.reported_at', '<', dayRange(f.to, tz).to);
  if (f.q) base = base.where((eb) => eb(shownName(eb, 'cases', scope), 'like', `${f.q!.replace(/[%_]/g, '')}%`));
  const [rows, count] = await Promise.all([
    q.selectCaseColumns(base, scope).orderBy('cases.reported_at', 'desc').orderBy('cases.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const names = await namesOf(ctx, rows.flatMap(caseCodes));
  await writeAudit(ctx.db, user, [{ action: 'list', entity: 'case', jurisdictionCode: scope, detail: { filters: Object.keys(f), returned: rows.length } }]);
  return { total: Number(count.n), page: f.page, pageSize: f.pageSize, items: rows.map((r) => toCaseView(ctx, r, names, now)) };
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
    const updated = await trx.updateTable('cases')
      .set({ ...set, ...(facility ? { facility } : {}), ...(source ? { source_case_id: source.id } : {}), updated_at: now.toISOString() })
      .where('id', '=', id).where('updated_at', '=', row.updated_at)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('stale');
    // Events of one change share their time; ids taken in order keep them in the order listed.
    const ids = drafts.map(() => newId()).sort();
    await trx.insertInto('case_events').values(drafts.map((d, i) => ({
      id: ids[i], case_id: id, client_id: null, kind: d.kind, from_value: d.from, to_value: d.to, detail: null, actor_id: user.id, actor_name: user.displayName, at,
    }))).execute();
    if (source) await q.joinClusters(trx, [row.cluster_id, source.cluster_id]);
    await writeAudit(trx, user, [{ action: 'update', entity: 'case', entityId: id, jurisdictionCode: row.jurisdiction_code, detail: { changes: drafts.map((d) => d.kind) } }]);
  });
  ctx.changes.publish({ kind: 'case_updated', codes: [row.jurisdiction_code, row.community_code] });
  return getCase(ctx, user, id, false, now);
}

/** Reported but not yet isolated or admitted, longest waiting first (应收尽收). */
export async function waitingCases(ctx: Ctx, user: CurrentUser, f: WaitingQuery, now = new Date()) {
  const scope = scopeOf(user, f.within);
  const base = q.scopedCases(q.caseRows(ctx.db), scope).where('cases.status', '=', 'reported') as ReturnType<typeof q.caseRows>;
  const [rows, count] = await Promise.all([
    q.selectCaseColumns(base, scope).orderBy('cases.reported_at').orderBy('cases.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    base.select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('cases.reported_at').as('oldest')]).executeTakeFirstOrThrow(),
  ]);
  const names = await namesOf(ctx, rows.flatMap(caseCodes));
  await writeAudit(ctx.db, user, [{ action: 'list', entity: 'case_waiting', jurisdictionCode: scope, detail: { returned: rows.length } }]);
  const oldest = count.oldest as string | null;
  return {
    total: Number(count.n),
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
  const [cases, statuses] = await Promise.all([
    q.scopedCases(ctx.db.selectFrom('cases').select(['origin', 'reported_at', 'reported_classification', 'reclassified_at']), scope)
      // A report linked to the holder's case counts there, not twice.
      .where('cases.status', '<>', 'linked')
      .where((eb) => eb.or([
        eb.and([eb('cases.reported_at', '>=', from), eb('cases.reported_at', '<', to)]),
        eb.and([eb('cases.reclassified_at', '>=', from), eb('cases.reclassified_at', '<', to)]),
      ]))
      .execute(),
    q.scopedCases(ctx.db.selectFrom('cases').select((eb) => ['cases.status', eb.fn.countAll<number>().as('n')]), scope).groupBy('cases.status').execute(),
  ]);
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
