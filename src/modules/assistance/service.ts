// 协查: the holder's inbox of what other jurisdictions asked about persons it holds, and its decisions.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { Ctx, CurrentUser } from '../../server/context';
import { AppError } from '../../server/errors';
import { newId } from '../../db/ids';
import { isWithin } from '../../domain/division-code';
import type { IdentityValues } from '../../domain/identity';
import { writeAudit } from '../audit/queries';
import { applyIdentity } from '../persons/upsert';
import { closeObservation } from '../observations/service';
import { joinClusters } from '../cases/queries';
import { decide, requestsFor, selectRequestColumns, type RequestRow } from './requests';
import type { AssistanceDecision, AssistanceFilter, AssistanceView } from './schemas';

type Names = Map<string, string>;

async function namesOf(ctx: Ctx, codes: Iterable<string>): Promise<Names> {
  return new Map([...(await ctx.nodes.get(codes))].map(([code, n]) => [code, n.name]));
}

function values(json: string | null, names: Names): AssistanceView['proposed'] {
  if (!json) return null;
  const v = JSON.parse(json) as Partial<IdentityValues>;
  return {
    ...(v.name !== undefined ? { name: v.name } : {}),
    ...(v.phoneMasked !== undefined ? { phone: v.phoneMasked } : {}),
    ...(v.residence !== undefined ? { residence: { code: v.residence, name: names.get(v.residence) ?? v.residence } } : {}),
  };
}

function codesOf(r: RequestRow): string[] {
  const more = [r.proposed, r.previous].flatMap((j) => (j ? [(JSON.parse(j) as Partial<IdentityValues>).residence ?? ''] : []));
  return [r.residence, r.requester_code, ...more].filter(Boolean);
}

function toView(r: RequestRow, names: Names): AssistanceView {
  const named = (code: string) => ({ code, name: names.get(code) ?? code });
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    person: { id: r.person_id, name: r.person_name, documentType: r.document_type, documentNumber: r.document_masked, phone: r.phone_masked, residence: named(r.residence) },
    requester: { jurisdiction: named(r.requester_code), userName: r.requester_name },
    proposed: values(r.proposed, names),
    previous: values(r.previous, names),
    targetCaseId: r.kind === 'identity' ? null : r.target_id,
    createdAt: r.created_at,
    decidedAt: r.decided_at,
    note: r.note,
  };
}

export async function listRequests(ctx: Ctx, user: CurrentUser, f: AssistanceFilter) {
  let base = requestsFor(ctx.db, user.jurisdictionCode);
  base = (f.status ?? 'open') === 'open' ? base.where('assistance_requests.status', '=', 'open') : base.where('assistance_requests.status', '<>', 'open');
  if (f.kind) base = base.where('assistance_requests.kind', '=', f.kind);
  const [rows, count] = await Promise.all([
    selectRequestColumns(base).orderBy('assistance_requests.created_at', f.status === 'decided' ? 'desc' : 'asc').orderBy('assistance_requests.id')
      .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const names = await namesOf(ctx, rows.flatMap(codesOf));
  await writeAudit(ctx.db, user, [{ action: 'list', entity: 'assistance', jurisdictionCode: user.jurisdictionCode, detail: { status: f.status ?? 'open', returned: rows.length } }]);
  return { total: Number(count.n), page: f.page, pageSize: f.pageSize, items: rows.map((r) => toView(r, names)) };
}

async function loadScoped(ctx: Ctx, user: CurrentUser, id: string): Promise<RequestRow> {
  const row = await selectRequestColumns(requestsFor(ctx.db, user.jurisdictionCode)).where('assistance_requests.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found');
  return row;
}

const WRONG_DECISION = { zh: '该类协查不能这样处理', en: 'does not apply to this kind of request' };
const LINKED_REASON = '经协查确认为在管病例';

/** Decides an open request in the holder's jurisdiction: accept identity values, link a report to the open case, or reject. */
export async function decideRequest(ctx: Ctx, user: CurrentUser, id: string, input: AssistanceDecision, now = new Date()): Promise<AssistanceView> {
  const r = await loadScoped(ctx, user, id);
  if (r.status !== 'open') throw new AppError('assistance_decided');
  const fits = input.decision === 'reject' || (input.decision === 'accept' ? r.kind === 'identity' : r.kind !== 'identity');
  if (!fits) throw new AppError('validation', { field: 'decision', problem: WRONG_DECISION }, 'decision');
  const at = now.toISOString();
  const note = input.note?.trim() || null;
  const codes = await ctx.writes.run(async (trx) => {
    let previous: string | undefined;
    let touched: (string | null)[] = [r.holder_code];
    if (input.decision === 'accept') {
      if (!isWithin(r.residence, user.jurisdictionCode)) throw new AppError('not_found');
      previous = JSON.stringify(await applyIdentity(trx, ctx.crypto, r.person_id, JSON.parse(r.proposed ?? '{}') as Partial<IdentityValues>, at));
    }
    if (input.decision === 'link') touched = await link(trx, ctx, user, r, at);
    const status = input.decision === 'accept' ? 'accepted' : input.decision === 'link' ? 'linked' : 'rejected';
    if (!(await decide(trx, r.id, { status, decided_by: user.id, decided_at: at, note, ...(previous ? { previous } : {}) }))) throw new AppError('assistance_decided');
    await writeAudit(trx, user, [
      { action: input.decision, entity: 'assistance', entityId: r.id, jurisdictionCode: r.holder_code, detail: { kind: r.kind, personId: r.person_id } },
      ...(input.decision === 'accept' ? [{ action: 'update', entity: 'person', entityId: r.person_id, jurisdictionCode: r.holder_code, detail: { changeId: r.id } }] : []),
    ]);
    return touched;
  });
  if (input.decision === 'link') {
    ctx.changes.publish({ kind: 'case_updated', codes });
    if (r.kind === 'contact') ctx.changes.publish({ kind: 'observation_ended', codes });
  }
  const decided = await loadScoped(ctx, user, id);
  return toView(decided, await namesOf(ctx, codesOf(decided)));
}

/**
 * The report is about the holder's open case: the asker's case is closed as linked to it (its
 * figures count once, with the holder) and the clusters join; a contact's control ends, the
 * person being a case already. Returns the codes whose views changed.
 */
async function link(trx: Transaction<DB>, ctx: Ctx, user: CurrentUser, r: RequestRow, at: string): Promise<(string | null)[]> {
  const target = await trx.selectFrom('cases').select(['id', 'cluster_id', 'jurisdiction_code', 'status']) // unscoped: the holder's case named by a request in scope; checked with isWithin below
    .where('id', '=', r.target_id!).where('held_elsewhere', '=', 0).executeTakeFirst();
  if (!target || !isWithin(target.jurisdiction_code, user.jurisdictionCode)) throw new AppError('not_found');
  if (r.kind === 'case') {
    const asked = await trx.selectFrom('cases').selectAll().where('id', '=', r.source_id).executeTakeFirstOrThrow(); // unscoped: the asker's case named by the request being decided
    await trx.updateTable('cases').set({ status: 'linked', status_since: at, linked_case_id: target.id, ended_at: at, updated_at: at }).where('id', '=', asked.id).execute();
    const [first, second] = [newId(), newId()].sort();
    await trx.insertInto('case_events').values([
      { id: first, case_id: asked.id, client_id: null, kind: 'linked', from_value: asked.status, to_value: 'linked', detail: JSON.stringify({ requestId: r.id }), actor_id: user.id, actor_name: user.displayName, at },
      {
        id: second, case_id: target.id, client_id: null, kind: 'attached', from_value: null, to_value: asked.classification,
        detail: JSON.stringify({ reportingUnit: asked.reporting_unit, reportedAt: asked.reported_at, foundBy: asked.found_by, jurisdictionCode: asked.jurisdiction_code, requestId: r.id }),
        actor_id: user.id, actor_name: user.displayName, at,
      },
    ]).execute();
    await joinClusters(trx, [target.cluster_id, asked.cluster_id]);
    return [target.jurisdiction_code, asked.jurisdiction_code, asked.community_code];
  }
  const contact = await trx.selectFrom('contacts').select(['id', 'observation_id', 'case_code', 'community_code', 'unit_code']).where('id', '=', r.source_id).executeTakeFirstOrThrow(); // unscoped: the asker's contact named by the request being decided
  await trx.updateTable('contacts').set({ positive_case_id: target.id }).where('id', '=', contact.id).where('positive_case_id', 'is', null).execute();
  const o = contact.observation_id
    ? await trx.selectFrom('observations').select(['id', 'unit_code']).where('id', '=', contact.observation_id).executeTakeFirst() // unscoped: the observation of that contact, ended as transferred
    : undefined;
  if (o) await closeObservation(trx, ctx, user, o, 'transferred', LINKED_REASON, at);
  return [target.jurisdiction_code, contact.case_code, contact.community_code, contact.unit_code];
}
