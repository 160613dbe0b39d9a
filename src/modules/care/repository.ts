import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { inScope } from '../../db/scope';
import type { CareTaskStatus } from '../../domain/enums';

// A person is found for care through their residence; flags and tasks are then held by the
// jurisdiction they were set in, and never move with the person (a move is the holders' to decide).
const PERSON_SCOPE = ['persons.jurisdiction_code'];

const PERSON_COLUMNS = ['persons.name as person_name', 'persons.document_masked', 'persons.phone_masked'] as const;

export function personInScope(db: Kysely<DB>, id: string, scopeCode: string) {
  return db.selectFrom('persons')
    .select(['persons.id', 'persons.jurisdiction_code'])
    .where('persons.id', '=', id)
    .where((eb) => inScope(eb, PERSON_SCOPE, scopeCode))
    .executeTakeFirst();
}

export type FlagValues = Omit<DB['care_flags'], 'created_at'>;

export async function upsertFlags(db: Kysely<DB>, v: FlagValues): Promise<void> {
  await db.insertInto('care_flags')
    .values({ ...v, created_at: v.updated_at })
    .onConflict((oc) => oc.column('person_id').doUpdateSet({ jurisdiction_code: v.jurisdiction_code, groups: v.groups, needs: v.needs, note: v.note, updated_by: v.updated_by, updated_at: v.updated_at }))
    .execute();
}

export async function deleteFlags(db: Kysely<DB>, personId: string): Promise<void> {
  await db.deleteFrom('care_flags').where('person_id', '=', personId).execute();
}

function flagsInScope(db: Kysely<DB>, scopeCode: string) {
  return db.selectFrom('care_flags')
    .innerJoin('persons', 'persons.id', 'care_flags.person_id')
    .where((eb) => inScope(eb, ['care_flags.jurisdiction_code'], scopeCode));
}

function selectFlags(q: ReturnType<typeof flagsInScope>, now: string) {
  return q.select((eb) => {
    const openTasks = eb.selectFrom('care_tasks') // unscoped: a count of the flag's person's tasks; the flag is scoped
      .select((e) => e.fn.countAll<number>().as('n'))
      .whereRef('care_tasks.person_id', '=', 'care_flags.person_id')
      .where('care_tasks.status', '=', 'open');
    return [
      'care_flags.person_id', 'care_flags.jurisdiction_code', 'care_flags.groups', 'care_flags.needs', 'care_flags.note', 'care_flags.updated_at', ...PERSON_COLUMNS,
      openTasks.as('open_tasks'),
      openTasks.where('care_tasks.due_at', '<', now).as('overdue_tasks'),
    ];
  });
}

export type FlagRow = Awaited<ReturnType<ReturnType<typeof selectFlags>['executeTakeFirstOrThrow']>>;

export function flagOf(db: Kysely<DB>, personId: string, scopeCode: string, now: string): Promise<FlagRow | undefined> {
  return selectFlags(flagsInScope(db, scopeCode).where('care_flags.person_id', '=', personId), now).executeTakeFirst();
}

export interface FlagFilter {
  scope: string;
  group?: string;
  need?: string;
  limit: number;
  offset: number;
}

/** Groups and needs are JSON arrays of enum values, so a quoted value matches one element exactly. */
export async function listFlags(db: Kysely<DB>, f: FlagFilter, now: string): Promise<{ rows: FlagRow[]; total: number }> {
  let q = flagsInScope(db, f.scope);
  if (f.group) q = q.where('care_flags.groups', 'like', `%"${f.group}"%`);
  if (f.need) q = q.where('care_flags.needs', 'like', `%"${f.need}"%`);
  const [rows, count] = await Promise.all([
    selectFlags(q, now).orderBy('care_flags.jurisdiction_code').orderBy('persons.name').orderBy('care_flags.person_id').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

function tasksInScope(db: Kysely<DB>, scopeCode: string) {
  return db.selectFrom('care_tasks')
    .innerJoin('persons', 'persons.id', 'care_tasks.person_id')
    .where((eb) => inScope(eb, ['care_tasks.jurisdiction_code'], scopeCode));
}

function selectTasks(q: ReturnType<typeof tasksInScope>) {
  return q
    .innerJoin('users as creator', 'creator.id', 'care_tasks.created_by')
    .leftJoin('users as assignee', 'assignee.id', 'care_tasks.assignee_id')
    .leftJoin('users as closer', 'closer.id', 'care_tasks.closed_by')
    .selectAll('care_tasks')
    .select([...PERSON_COLUMNS, 'creator.display_name as creator_name', 'assignee.display_name as assignee_name', 'closer.display_name as closer_name']);
}

export type TaskRow = Awaited<ReturnType<ReturnType<typeof selectTasks>['executeTakeFirstOrThrow']>>;

export function taskInScope(db: Kysely<DB>, id: string, scopeCode: string): Promise<TaskRow | undefined> {
  return selectTasks(tasksInScope(db, scopeCode).where('care_tasks.id', '=', id)).executeTakeFirst();
}

/** The task a retry refers to, wherever it is: the caller decides what an out-of-scope hit means. */
export async function taskIdByClientId(db: Kysely<DB>, clientId: string): Promise<string | undefined> {
  return (await db.selectFrom('care_tasks').select('id').where('client_id', '=', clientId).executeTakeFirst())?.id; // unscoped: existence of a clientId only; the caller decides on the scoped task
}

export interface TaskFilter {
  scope: string;
  status?: CareTaskStatus;
  /** true: open and due before `now`; false: all others. */
  overdue?: boolean;
  assigneeId?: string;
  personId?: string;
  limit: number;
  offset: number;
}

export async function listTasks(db: Kysely<DB>, f: TaskFilter, now: string): Promise<{ rows: TaskRow[]; total: number }> {
  let q = tasksInScope(db, f.scope);
  if (f.status) q = q.where('care_tasks.status', '=', f.status);
  if (f.overdue === true) q = q.where('care_tasks.status', '=', 'open').where('care_tasks.due_at', '<', now);
  if (f.overdue === false) q = q.where((eb) => eb.or([eb('care_tasks.status', '<>', 'open'), eb('care_tasks.due_at', '>=', now)]));
  if (f.assigneeId) q = q.where('care_tasks.assignee_id', '=', f.assigneeId);
  if (f.personId) q = q.where('care_tasks.person_id', '=', f.personId);
  const [rows, count] = await Promise.all([
    selectTasks(q).orderBy('care_tasks.due_at').orderBy('care_tasks.id').limit(f.limit).offset(f.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export type TaskValues = Pick<
  DB['care_tasks'],
  'id' | 'client_id' | 'person_id' | 'jurisdiction_code' | 'title' | 'need' | 'assignee_id' | 'due_at' | 'created_by' | 'created_at'
>;

/** Inserts an open task unless its client id is taken; true when inserted. */
export async function insertTask(db: Kysely<DB>, v: TaskValues): Promise<boolean> {
  const rows = await db.insertInto('care_tasks')
    .values({ ...v, status: 'open', closed_at: null, closed_by: null, close_note: null })
    .onConflict((oc) => oc.column('client_id').doNothing())
    .returning('id')
    .execute();
  return rows.length === 1;
}

/** Closes an open task; false when it was no longer open. */
export async function closeOpenTask(db: Kysely<DB>, id: string, set: { status: CareTaskStatus; closed_at: string; closed_by: string; close_note: string | null }): Promise<boolean> {
  const r = await db.updateTable('care_tasks').set(set).where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function userById(db: Kysely<DB>, id: string) {
  return db.selectFrom('users').select(['id', 'role', 'jurisdiction_code', 'disabled']).where('id', '=', id).executeTakeFirst();
}
