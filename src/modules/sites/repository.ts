import type { ExpressionBuilder, Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Dialect } from '../../db/database';
import { inScope } from '../../db/scope';
import { SITE_KINDS } from '../../domain/enums';

// A bed is taken by an active observation whose responsible unit is the site; with a
// room, the room must be at that site. A person handed on to their community (7+3) or
// released leaves the count without anything else to record.

function siteNodes(db: Kysely<DB>) {
  return db
    .selectFrom('jurisdictions')
    .where('jurisdictions.level', '=', 'unit')
    .where('jurisdictions.kind', 'in', SITE_KINDS);
}

function occupiedAt(eb: ExpressionBuilder<DB, 'jurisdictions'>) {
  return eb.selectFrom('observations') // unscoped: occupancy counts of a site
    .select((e) => e.fn.countAll<number>().as('n'))
    .whereRef('observations.unit_code', '=', 'jurisdictions.code')
    .where('observations.status', '=', 'active');
}

function selectSites(db: Kysely<DB>) {
  return siteNodes(db).select((eb) => [
    'jurisdictions.code', 'jurisdictions.name', 'jurisdictions.kind', 'jurisdictions.rooms', 'jurisdictions.active',
    eb.selectFrom('rooms').select((e) => e.fn.countAll<number>().as('n')).whereRef('rooms.site_code', '=', 'jurisdictions.code').as('defined_rooms'),
    eb.selectFrom('rooms').select((e) => e.fn.sum<number>('rooms.capacity').as('n'))
      .whereRef('rooms.site_code', '=', 'jurisdictions.code').where('rooms.active', '=', 1).as('active_capacity'),
    occupiedAt(eb).as('occupied'),
  ]);
}

export type SiteRow = Awaited<ReturnType<ReturnType<typeof selectSites>['executeTakeFirstOrThrow']>>;

export function sitesWithin(db: Kysely<DB>, scopeCode: string): Promise<SiteRow[]> {
  return selectSites(db)
    .where((eb) => inScope(eb, ['jurisdictions.code'], scopeCode))
    .where('jurisdictions.active', '=', 1)
    .orderBy('jurisdictions.code')
    .execute();
}

export function siteByCode(db: Kysely<DB>, code: string): Promise<SiteRow | undefined> {
  return selectSites(db).where('jurisdictions.code', '=', code).executeTakeFirst();
}

/** An active site, locked against concurrent assignments on PostgreSQL (SQLite has one writer anyway). */
export function lockActiveSite(db: Kysely<DB>, dialect: Dialect, code: string) {
  let query = siteNodes(db)
    .select(['jurisdictions.code', 'jurisdictions.name', 'jurisdictions.rooms'])
    .where('jurisdictions.code', '=', code)
    .where('jurisdictions.active', '=', 1);
  if (dialect === 'postgres') query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Rooms with their occupants; `exceptObservationId` (the person being placed) is not counted. */
function selectRooms(db: Kysely<DB>, exceptObservationId?: string) {
  return db.selectFrom('rooms').select((eb) => {
    let occupants = eb.selectFrom('observations') // unscoped: occupancy counts of a room
      .select((e) => e.fn.countAll<number>().as('n'))
      .whereRef('observations.room_id', '=', 'rooms.id')
      .whereRef('observations.unit_code', '=', 'rooms.site_code')
      .where('observations.status', '=', 'active');
    if (exceptObservationId) occupants = occupants.where('observations.id', '<>', exceptObservationId);
    return ['rooms.id', 'rooms.site_code', 'rooms.number', 'rooms.capacity', 'rooms.active', occupants.as('occupants')];
  });
}

export type RoomRow = Awaited<ReturnType<ReturnType<typeof selectRooms>['executeTakeFirstOrThrow']>>;

export function roomsAt(db: Kysely<DB>, siteCode: string, exceptObservationId?: string): Promise<RoomRow[]> {
  return selectRooms(db, exceptObservationId).where('rooms.site_code', '=', siteCode).execute();
}

export function roomById(db: Kysely<DB>, id: string): Promise<RoomRow | undefined> {
  return selectRooms(db).where('rooms.id', '=', id).executeTakeFirst();
}

/** People at the site without a room, but for `exceptObservationId`. */
export async function unassignedAt(db: Kysely<DB>, siteCode: string, exceptObservationId: string): Promise<number> {
  const row = await db.selectFrom('observations') // unscoped: occupancy counts of a site
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('observations.unit_code', '=', siteCode)
    .where('observations.status', '=', 'active')
    .where('observations.room_id', 'is', null)
    .where('observations.id', '<>', exceptObservationId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Inserts rooms, skipping numbers the site already has; returns the numbers inserted. */
export async function insertRooms(db: Kysely<DB>, rows: { id: string; site_code: string; number: string; capacity: number; created_at: string }[]): Promise<Set<string>> {
  const inserted = await db.insertInto('rooms')
    .values(rows.map((r) => ({ ...r, active: 1 })))
    .onConflict((oc) => oc.columns(['site_code', 'number']).doNothing())
    .returning('number')
    .execute();
  return new Set(inserted.map((r) => r.number));
}

export async function updateRoom(db: Kysely<DB>, id: string, set: Partial<{ capacity: number; active: number }>): Promise<void> {
  if (Object.keys(set).length) await db.updateTable('rooms').set(set).where('id', '=', id).execute();
}

export function observationInScope(db: Kysely<DB>, id: string, scopeCode: string) {
  return db.selectFrom('observations')
    .select(['observations.id', 'observations.unit_code', 'observations.room_id', 'observations.status'])
    .where('observations.id', '=', id)
    .where((eb) => inScope(eb, ['observations.unit_code'], scopeCode))
    .executeTakeFirst();
}

export function observationById(db: Kysely<DB>, id: string) {
  return db.selectFrom('observations') // unscoped: by id, checked by the caller against the site in scope
    .select(['observations.id', 'observations.unit_code', 'observations.room_id', 'observations.status'])
    .where('observations.id', '=', id)
    .executeTakeFirst();
}

export async function setObservationRoom(db: Kysely<DB>, observationId: string, roomId: string | null): Promise<void> {
  await db.updateTable('observations').set({ room_id: roomId }).where('id', '=', observationId).execute();
}
