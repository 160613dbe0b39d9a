import type { Ctx, CurrentUser } from '../../server/context';
import { AppError, validationError } from '../../server/errors';
import { checkClientRequest, recordClientRequest } from '../../db/client-requests';
import { newId } from '../../db/ids';
import { isWithin } from '../../domain/division-code';
import type { CareGroup, CareNeed, CareTaskStatus } from '../../domain/enums';
import { closeTask, isTaskOverdue, normaliseFlags, type TaskAction } from '../../domain/care';
import { can } from '../../domain/permissions';
import { writeAudit } from '../audit';
import type { CareFlagFilter, CareFlagsInput, CareTaskFilter, NewCareTask } from './schemas';
import * as q from './repository';

type PersonColumns = { person_id: string; person_name: string; document_masked: string; phone_masked: string | null; jurisdiction_code: string };

async function namesOf(ctx: Ctx, rows: { jurisdiction_code: string }[]): Promise<Map<string, string>> {
  const nodes = await ctx.nodes.get(rows.map((r) => r.jurisdiction_code));
  return new Map([...nodes].map(([code, n]) => [code, n.name]));
}

function personRef(r: PersonColumns, names: Map<string, string>) {
  return {
    id: r.person_id,
    name: r.person_name,
    documentNumber: r.document_masked,
    phone: r.phone_masked,
    jurisdiction: { code: r.jurisdiction_code, name: names.get(r.jurisdiction_code) ?? r.jurisdiction_code },
  };
}

function toFlag(r: q.FlagRow, names: Map<string, string>) {
  return {
    person: personRef(r, names),
    groups: JSON.parse(r.groups) as CareGroup[],
    needs: JSON.parse(r.needs) as CareNeed[],
    note: r.note,
    openTasks: Number(r.open_tasks ?? 0),
    overdueTasks: Number(r.overdue_tasks ?? 0),
    updatedAt: r.updated_at,
  };
}

function toTask(r: q.TaskRow, names: Map<string, string>, now: Date) {
  const user = (id: string | null, name: string | null) => (id ? { id, displayName: name ?? '' } : null);
  return {
    id: r.id,
    clientId: r.client_id,
    person: personRef(r, names),
    title: r.title,
    need: r.need,
    assignee: user(r.assignee_id, r.assignee_name),
    dueAt: r.due_at,
    status: r.status,
    overdue: isTaskOverdue({ status: r.status, dueAt: r.due_at }, now),
    createdBy: { id: r.created_by, displayName: r.creator_name },
    createdAt: r.created_at,
    closedAt: r.closed_at,
    closedBy: user(r.closed_by, r.closer_name),
    closeNote: r.close_note,
  };
}

function scopeOf(user: CurrentUser, within: string | undefined): string {
  const scope = within ?? user.jurisdictionCode;
  if (!isWithin(scope, user.jurisdictionCode)) throw new AppError('outside_scope', {}, 'within');
  return scope;
}

async function requirePerson(ctx: Ctx, user: CurrentUser, personId: string) {
  const person = await q.personInScope(ctx.db, personId, user.jurisdictionCode);
  if (!person) throw new AppError('not_found');
  return person;
}

/** Sets a person's special-group flags and needs; empty groups and needs clear them. */
export async function setCareFlags(ctx: Ctx, user: CurrentUser, personId: string, input: CareFlagsInput, now = new Date()) {
  const person = await requirePerson(ctx, user, personId);
  const flags = normaliseFlags(input.groups, input.needs);
  await ctx.writes.run(async (trx) => {
    if (flags) {
      await q.upsertFlags(trx, {
        person_id: person.id, jurisdiction_code: person.jurisdiction_code, groups: JSON.stringify(flags.groups), needs: JSON.stringify(flags.needs),
        note: input.note?.trim() || null, updated_by: user.id, updated_at: now.toISOString(),
      });
    } else {
      await q.deleteFlags(trx, person.id);
    }
    await writeAudit(trx, user, [{
      action: flags ? 'set' : 'clear',
      entity: 'care_flag',
      entityId: person.id,
      jurisdictionCode: person.jurisdiction_code,
      detail: { groups: flags?.groups.length ?? 0, needs: flags?.needs.length ?? 0 },
    }]);
  });
  const row = await q.flagOf(ctx.db, person.id, user.jurisdictionCode, now.toISOString());
  if (row) return toFlag(row, await namesOf(ctx, [row]));
  return null;
}

export async function listCareFlags(ctx: Ctx, user: CurrentUser, f: CareFlagFilter, now = new Date()) {
  const scope = scopeOf(user, f.within);
  const { rows, total } = await q.listFlags(ctx.db, { scope, group: f.group, need: f.need, limit: f.pageSize, offset: (f.page - 1) * f.pageSize }, now.toISOString());
  await writeAudit(ctx.db, user, [{ action: 'list', entity: 'care_flag', jurisdictionCode: scope, detail: { group: f.group ?? null, need: f.need ?? null, returned: rows.length } }]);
  const names = await namesOf(ctx, rows);
  return { total, page: f.page, pageSize: f.pageSize, items: rows.map((r) => toFlag(r, names)) };
}

async function taskView(ctx: Ctx, user: CurrentUser, id: string, now: Date) {
  const row = await q.taskInScope(ctx.db, id, user.jurisdictionCode);
  if (!row) throw new AppError('not_found');
  return toTask(row, await namesOf(ctx, [row]), now);
}

/** The assignee must be active staff who may do care work and whose jurisdiction holds the person. */
async function checkAssignee(ctx: Ctx, assigneeId: string, personJurisdiction: string): Promise<void> {
  const assignee = await q.userById(ctx.db, assigneeId);
  if (!assignee || assignee.disabled === 1 || !can(assignee.role, 'care:manage') || !isWithin(personJurisdiction, assignee.jurisdiction_code)) {
    throw validationError('assigneeId', { zh: '须为负责该人员所在辖区的在岗社区工作人员', en: "must be active community staff whose jurisdiction holds the person" });
  }
}

/** Creates a care task; a retry with the same clientId returns the first task (created: false). */
export async function createCareTask(ctx: Ctx, user: CurrentUser, input: NewCareTask, now = new Date()) {
  await checkClientRequest(ctx.db, 'care_tasks', input.clientId, input);
  const retried = input.clientId ? await q.taskIdByClientId(ctx.db, input.clientId) : undefined;
  if (retried) return { created: false, task: await taskView(ctx, user, retried, now) };
  const person = await requirePerson(ctx, user, input.personId);
  if (input.assigneeId) await checkAssignee(ctx, input.assigneeId, person.jurisdiction_code);
  const id = newId();
  const inserted = await ctx.writes.run(async (trx) => {
    await recordClientRequest(trx, 'care_tasks', input.clientId, input, id);
    const stored = await q.insertTask(trx, {
      id, client_id: input.clientId ?? null, person_id: person.id, jurisdiction_code: person.jurisdiction_code, title: input.title.trim(), need: input.need,
      assignee_id: input.assigneeId ?? null, due_at: new Date(input.dueAt).toISOString(), created_by: user.id, created_at: now.toISOString(),
    });
    if (stored) {
      await writeAudit(trx, user, [{ action: 'create', entity: 'care_task', entityId: id, jurisdictionCode: person.jurisdiction_code, detail: { assigned: !!input.assigneeId } }]);
    }
    return stored;
  });
  // A concurrent retry with the same clientId won the race: answer with its task.
  const taskId = inserted ? id : (await q.taskIdByClientId(ctx.db, input.clientId!))!;
  return { created: inserted, task: await taskView(ctx, user, taskId, now) };
}

export async function listCareTasks(ctx: Ctx, user: CurrentUser, f: CareTaskFilter, now = new Date()) {
  const scope = scopeOf(user, f.within);
  const { rows, total } = await q.listTasks(ctx.db, {
    scope, status: f.status, overdue: f.overdue, assigneeId: f.mine ? user.id : undefined, personId: f.personId,
    limit: f.pageSize, offset: (f.page - 1) * f.pageSize,
  }, now.toISOString());
  const filters = Object.keys(f).filter((k) => k !== 'page' && k !== 'pageSize');
  await writeAudit(ctx.db, user, [{ action: 'list', entity: 'care_task', jurisdictionCode: scope, detail: { filters, returned: rows.length } }]);
  const names = await namesOf(ctx, rows);
  return { total, page: f.page, pageSize: f.pageSize, items: rows.map((r) => toTask(r, names, now)) };
}

/** Completes (with an optional note) or cancels (with a reason) an open task; repeating the same close is a no-op. */
export async function closeCareTask(ctx: Ctx, user: CurrentUser, id: string, action: TaskAction, note: string | undefined, now = new Date()) {
  const task = await q.taskInScope(ctx.db, id, user.jurisdictionCode);
  if (!task) throw new AppError('not_found');
  const closed = (status: string) => new AppError('care_task_closed', { status: status === 'done' ? { zh: '已完成', en: 'done' } : { zh: '已取消', en: 'cancelled' } });
  const step = closeTask(task.status, action);
  if (!step.ok) throw closed(task.status);
  if (step.changed) {
    await ctx.writes.run(async (trx) => {
      if (await q.closeOpenTask(trx, id, { status: step.status, closed_at: now.toISOString(), closed_by: user.id, close_note: note?.trim() || null })) {
        await writeAudit(trx, user, [{ action, entity: 'care_task', entityId: id, jurisdictionCode: task.jurisdiction_code }]);
        return;
      }
      // Closed meanwhile: the same close is a retry, the other one a conflict.
      const status = (await q.taskInScope(trx, id, user.jurisdictionCode))!.status;
      if (!closeTask(status as CareTaskStatus, action).ok) throw closed(status);
    });
  }
  return taskView(ctx, user, id, now);
}
