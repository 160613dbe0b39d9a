import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { inScope } from '../../db/scope';
import type { EntryPointKind, JurisdictionLevel } from '../../domain/enums';

export type NodeRow = Omit<DB['jurisdictions'], 'created_at'> & { has_children: unknown };

function selectNodes(db: Kysely<DB>) {
  return db.selectFrom('jurisdictions').select((eb) => [
    'jurisdictions.code', 'jurisdictions.name', 'jurisdictions.level', 'jurisdictions.kind', 'jurisdictions.parent_code',
    'jurisdictions.rooms', 'jurisdictions.hotel_code', 'jurisdictions.active',
    eb.exists(eb.selectFrom('jurisdictions as child').select('child.code').whereRef('child.parent_code', '=', 'jurisdictions.code')).as('has_children'),
  ]);
}

export function nodeByCode(db: Kysely<DB>, code: string): Promise<NodeRow | undefined> {
  return selectNodes(db).where('jurisdictions.code', '=', code).executeTakeFirst();
}

/** Unit codes sort after digit codes bytewise, so ordering by code lists divisions first. */
export function activeChildren(db: Kysely<DB>, parentCode: string): Promise<NodeRow[]> {
  return selectNodes(db)
    .where('jurisdictions.parent_code', '=', parentCode)
    .where('jurisdictions.active', '=', 1)
    .orderBy('jurisdictions.code')
    .execute();
}

function likeEscaped(text: string): string {
  return text.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c);
}

export interface NodeSearch {
  q: string;
  within?: string;
  levels?: JurisdictionLevel[];
  limit: number;
}

/** Active nodes whose name contains `q`: names starting with it first, then shorter names. */
export function searchNodes(db: Kysely<DB>, s: NodeSearch): Promise<NodeRow[]> {
  const escaped = likeEscaped(s.q);
  let query = selectNodes(db)
    .where(sql<boolean>`lower(jurisdictions.name) like ${'%' + escaped + '%'} escape '\\'`)
    .where('jurisdictions.active', '=', 1);
  if (s.within) query = query.where((eb) => inScope(eb, ['jurisdictions.code'], s.within!));
  if (s.levels?.length) query = query.where('jurisdictions.level', 'in', s.levels);
  return query
    .orderBy(sql`case when lower(jurisdictions.name) like ${escaped + '%'} escape '\\' then 0 else 1 end`)
    .orderBy(sql`length(jurisdictions.name)`)
    .orderBy('jurisdictions.code')
    .limit(s.limit)
    .execute();
}

/** Units below `parentCode` (not the parent itself), optionally of one kind. */
export function unitsWithin(db: Kysely<DB>, f: { parentCode: string; kind?: string; includeInactive: boolean }): Promise<NodeRow[]> {
  let query = selectNodes(db)
    .where('jurisdictions.level', '=', 'unit')
    .where((eb) => inScope(eb, ['jurisdictions.code'], f.parentCode))
    .where('jurisdictions.code', '<>', f.parentCode);
  if (f.kind) query = query.where('jurisdictions.kind', '=', f.kind);
  if (!f.includeInactive) query = query.where('jurisdictions.active', '=', 1);
  return query.orderBy('jurisdictions.code').execute();
}

export async function namesByCodes(db: Kysely<DB>, codes: Iterable<string>): Promise<Map<string, { name: string; level: string }>> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('jurisdictions').select(['code', 'name', 'level']).where('code', 'in', unique).execute();
  return new Map(rows.map((r) => [r.code, { name: r.name, level: r.level }]));
}

export async function siblingNamed(db: Kysely<DB>, parentCode: string, name: string, exceptCode?: string): Promise<boolean> {
  let query = db.selectFrom('jurisdictions').select('code').where('parent_code', '=', parentCode).where('name', '=', name);
  if (exceptCode) query = query.where('code', '<>', exceptCode);
  return !!(await query.executeTakeFirst());
}

export async function childUnitCodes(db: Kysely<DB>, parentCode: string): Promise<string[]> {
  const rows = await db.selectFrom('jurisdictions').select('code').where('parent_code', '=', parentCode).where('level', '=', 'unit').execute();
  return rows.map((r) => r.code);
}

export interface UnitValues {
  code: string;
  name: string;
  kind: string;
  parentCode: string;
  rooms: number | null;
  hotelCode: string | null;
}

/** Inserts the unit unless its code was taken meanwhile; true when inserted. */
export async function insertUnit(db: Kysely<DB>, u: UnitValues, now: string): Promise<boolean> {
  const rows = await db.insertInto('jurisdictions').values({
    code: u.code, name: u.name, level: 'unit', kind: u.kind, parent_code: u.parentCode,
    rooms: u.rooms, hotel_code: u.hotelCode, active: 1, created_at: now,
  }).onConflict((oc) => oc.column('code').doNothing()).returning('code').execute();
  return rows.length === 1;
}

export type UnitChanges = Partial<{ name: string; rooms: number | null; hotel_code: string | null; active: number }>;

export async function updateUnit(db: Kysely<DB>, code: string, set: UnitChanges): Promise<void> {
  if (Object.keys(set).length) await db.updateTable('jurisdictions').set(set).where('code', '=', code).execute();
}

export type EntryPointRow = { id: string; name: string; kind: string; jurisdiction_code: string; jurisdiction_name: string; active: number };

function selectEntryPoints(db: Kysely<DB>) {
  return db
    .selectFrom('entry_points')
    .innerJoin('jurisdictions', 'jurisdictions.code', 'entry_points.jurisdiction_code')
    .select(['entry_points.id', 'entry_points.name', 'entry_points.kind', 'entry_points.jurisdiction_code', 'jurisdictions.name as jurisdiction_name', 'entry_points.active']);
}

export function listEntryPoints(db: Kysely<DB>, includeInactive: boolean): Promise<EntryPointRow[]> {
  let query = selectEntryPoints(db);
  if (!includeInactive) query = query.where('entry_points.active', '=', 1);
  return query.orderBy('entry_points.jurisdiction_code').orderBy('entry_points.name').execute();
}

export function entryPointById(db: Kysely<DB>, id: string): Promise<EntryPointRow | undefined> {
  return selectEntryPoints(db).where('entry_points.id', '=', id).executeTakeFirst();
}

export async function entryPointNamed(db: Kysely<DB>, name: string, exceptId?: string): Promise<boolean> {
  let query = db.selectFrom('entry_points').select('id').where('name', '=', name);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return !!(await query.executeTakeFirst());
}

export async function insertEntryPoint(db: Kysely<DB>, e: { id: string; name: string; kind: EntryPointKind; jurisdictionCode: string }, now: string): Promise<void> {
  await db.insertInto('entry_points').values({ id: e.id, name: e.name, kind: e.kind, jurisdiction_code: e.jurisdictionCode, active: 1, created_at: now }).execute();
}

export type EntryPointChanges = Partial<{ name: string; kind: EntryPointKind; jurisdiction_code: string; active: number }>;

export async function updateEntryPoint(db: Kysely<DB>, id: string, set: EntryPointChanges): Promise<void> {
  if (Object.keys(set).length) await db.updateTable('entry_points').set(set).where('id', '=', id).execute();
}

/** Whether a node of the tree has this code. */
export async function nodeExists(db: Kysely<DB>, code: string): Promise<boolean> {
  return !!(await db.selectFrom('jurisdictions').select('code').where('code', '=', code).executeTakeFirst());
}
