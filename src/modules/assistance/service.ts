// 协查: the holder's inbox of what other jurisdictions asked about persons it holds, and its decisions.
import type { Ctx, CurrentUser } from '../../server/context';
import { AppError } from '../../server/errors';
import { isWithin } from '../../domain/division-code';
import type { IdentityValues } from '../../domain/identity';
import { writeAudit } from '../audit';
import { applyIdentity } from '../persons';
import { linkToHolderCase } from '../cases';
import { decide, requestInScope, requestPage, type RequestRow } from './repository';
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
  const { rows, total } = await requestPage(ctx.db, user.jurisdictionCode, f);
  const names = await namesOf(ctx, rows.flatMap(codesOf));
  await writeAudit(ctx.db, user, [{ action: 'list', entity: 'assistance', jurisdictionCode: user.jurisdictionCode, detail: { status: f.status ?? 'open', returned: rows.length } }]);
  return { total, page: f.page, pageSize: f.pageSize, items: rows.map((r) => toView(r, names)) };
}

async function loadScoped(ctx: Ctx, user: CurrentUser, id: string): Promise<RequestRow> {
  const row = await requestInScope(ctx.db, user.jurisdictionCode, id);
  if (!row) throw new AppError('not_found');
  return row;
}

const WRONG_DECISION = { zh: '该类协查不能这样处理', en: 'does not apply to this kind of request' };

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
    if (input.decision === 'link') touched = await linkToHolderCase(trx, ctx, user, r, at);
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
