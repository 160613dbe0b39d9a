// The SQL of merging persons and undoing it.
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import type { Dialect } from '../../../db/database';
import { combineLists, withoutAdded } from '../../../domain/duplicates';
import { OPEN_CASE_STATUSES } from '../../../domain/enums';
import { personInScope } from './persons';

/**
 * Every table whose rows belong to a person by an id of their own: a merge moves them
 * all. Rows below them (hand-off events, checks, alerts) follow their parent. care_flags,
 * one row per person, is combined instead. A new table with a person_id column belongs
 * here (test/persons.int.test.ts checks the schema for it).
 */
export const PERSON_TABLES = ['arrivals', 'observations', 'care_tasks', 'cases', 'contacts', 'assistance_requests'] as const;
export const PERSON_KEYED_TABLES = ['care_flags'] as const;
type PersonTable = (typeof PERSON_TABLES)[number];

/**
 * What a care flag did in a merge: moved whole to a survivor who had none, or added its
 * groups and needs to the survivor's own and was removed (kept here so undo restores it).
 */
export type CareFlagMove =
  | { kind: 'moved' }
  | { kind: 'combined'; added: { groups: string[]; needs: string[] }; removed: DB['care_flags'] };

/** What a merge moved, stored as JSON with the merge so that undo is exact. */
export interface Moved {
  rows: Record<PersonTable, string[]>;
  careFlag: CareFlagMove | null;
}

/** The persons among `ids` inside the scope, locked against concurrent merges on PostgreSQL (SQLite has one writer). */
export function lockPersons(trx: Transaction<DB>, dialect: Dialect, scopeCode: string, ids: string[]) {
  return trx.selectFrom('persons')
    .select(['id', 'merged_into', 'jurisdiction_code'])
    .where('id', 'in', ids)
    .where((eb) => personInScope(eb, scopeCode))
    .orderBy('id')
    .$if(dialect === 'postgres', (q) => q.forUpdate())
    .execute();
}

/** Whether the two persons' case records cannot become one person's: two open cases, or contacts of one exposure. */
export async function caseRecordsClash(trx: Transaction<DB>, survivorId: string, mergedId: string): Promise<boolean> {
  const open = await trx.selectFrom('cases').select('person_id').distinct() // unscoped: merging is region-wide (admin only)
    .where('person_id', 'in', [survivorId, mergedId]).where('status', 'in', OPEN_CASE_STATUSES).execute();
  if (open.length > 1) return true;
  const shared = await trx.selectFrom('contacts as a').innerJoin('contacts as b', 'b.exposure_id', 'a.exposure_id')
    .select('a.id').where('a.person_id', '=', survivorId).where('b.person_id', '=', mergedId).limit(1).execute();
  return shared.length > 0;
}

export async function rowsOf(trx: Transaction<DB>, personId: string): Promise<Moved['rows']> {
  const rows = {} as Moved['rows'];
  for (const table of PERSON_TABLES) {
    rows[table] = (await trx.selectFrom(table).select('id').where('person_id', '=', personId).orderBy('id').execute()).map((r) => r.id);
  }
  return rows;
}

/** How many of the listed rows `personId` holds now. */
export async function countHeld(trx: Transaction<DB>, rows: Moved['rows'], personId: string): Promise<number> {
  let n = 0;
  for (const table of PERSON_TABLES) {
    if (!rows[table].length) continue;
    const row = await trx.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'))
      .where('id', 'in', rows[table]).where('person_id', '=', personId).executeTakeFirstOrThrow();
    n += Number(row.n);
  }
  return n;
}

export async function moveRows(trx: Transaction<DB>, rows: Moved['rows'], from: string, to: string): Promise<void> {
  for (const table of PERSON_TABLES) {
    if (!rows[table].length) continue;
    await trx.updateTable(table).set({ person_id: to }).where('id', 'in', rows[table]).where('person_id', '=', from).execute();
  }
}

function careFlagOf(trx: Transaction<DB>, personId: string) {
  return trx.selectFrom('care_flags').selectAll().where('person_id', '=', personId).executeTakeFirst(); // unscoped: merging is region-wide (admin only)
}

const list = (json: string) => JSON.parse(json) as string[];

/** Gives the survivor the merged person's care flag, or adds its groups and needs to the survivor's own. */
export async function mergeCareFlag(trx: Transaction<DB>, from: string, to: string, by: string, at: string): Promise<CareFlagMove | null> {
  const merged = await careFlagOf(trx, from);
  if (!merged) return null;
  const survivor = await careFlagOf(trx, to);
  if (!survivor) {
    await trx.updateTable('care_flags').set({ person_id: to, updated_by: by, updated_at: at }).where('person_id', '=', from).execute();
    return { kind: 'moved' };
  }
  const groups = combineLists(list(survivor.groups), list(merged.groups));
  const needs = combineLists(list(survivor.needs), list(merged.needs));
  await trx.updateTable('care_flags')
    .set({ groups: JSON.stringify(groups.combined), needs: JSON.stringify(needs.combined), updated_by: by, updated_at: at })
    .where('person_id', '=', to).execute();
  await trx.deleteFrom('care_flags').where('person_id', '=', from).execute();
  return { kind: 'combined', added: { groups: groups.added, needs: needs.added }, removed: merged };
}

/** Reverses mergeCareFlag, keeping whatever was set on the survivor since. */
export async function undoCareFlag(trx: Transaction<DB>, move: CareFlagMove | null, survivorId: string, mergedId: string, by: string, at: string) {
  if (!move) return;
  const survivor = await careFlagOf(trx, survivorId);
  if (move.kind === 'moved') {
    if (survivor) await trx.updateTable('care_flags').set({ person_id: mergedId, updated_by: by, updated_at: at }).where('person_id', '=', survivorId).execute();
    return;
  }
  if (survivor) {
    await trx.updateTable('care_flags')
      .set({
        groups: JSON.stringify(withoutAdded(list(survivor.groups), move.added.groups)),
        needs: JSON.stringify(withoutAdded(list(survivor.needs), move.added.needs)),
        updated_by: by,
        updated_at: at,
      })
      .where('person_id', '=', survivorId).execute();
  }
  await trx.insertInto('care_flags').values(move.removed).execute();
}

/** A stored merge's JSON, with tables added to PERSON_TABLES since then as empty. */
export function parseMoved(json: string): Moved {
  const stored = JSON.parse(json) as { rows: Partial<Moved['rows']>; careFlag: CareFlagMove | null };
  return { rows: Object.fromEntries(PERSON_TABLES.map((t) => [t, stored.rows[t] ?? []])) as Moved['rows'], careFlag: stored.careFlag };
}

export function findMerge(trx: Transaction<DB>, id: string) {
  return trx.selectFrom('person_merges').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Flags the merged person as merged into the survivor, or clears the flag (null) on undo. */
export async function setMergedInto(trx: Transaction<DB>, mergedId: string, survivorId: string | null, at: string): Promise<void> {
  await trx.updateTable('persons').set({ merged_into: survivorId, updated_at: at }).where('id', '=', mergedId).execute();
}

export async function insertMerge(trx: Transaction<DB>, row: DB['person_merges']): Promise<void> {
  await trx.insertInto('person_merges').values(row).execute();
}

export async function markUndone(trx: Transaction<DB>, mergeId: string, userId: string, at: string): Promise<void> {
  await trx.updateTable('person_merges').set({ undone_by: userId, undone_at: at }).where('id', '=', mergeId).execute();
}
