import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { Ctx, CurrentUser } from '../../server/context';
import { AppError } from '../../server/errors';
import { newId } from '../../db/ids';
import { isWithin } from '../../domain/division-code';
import type { SiteKind } from '../../domain/enums';
import { chooseRoom, compareRoomNumbers, freeBeds, siteCapacity, type RoomLoad } from '../../domain/occupancy';
import { writeAudit } from '../audit';
import type { NewRooms, RoomMove, RoomPatch, SiteQuery } from './schemas';
import * as q from './repository';

function toSite(r: q.SiteRow) {
  const capacity = siteCapacity({ defined: Number(r.defined_rooms ?? 0), activeCapacity: Number(r.active_capacity ?? 0) }, r.rooms);
  const occupied = Number(r.occupied ?? 0);
  return {
    code: r.code,
    name: r.name,
    kind: r.kind as SiteKind,
    declaredRooms: r.rooms,
    definedRooms: Number(r.defined_rooms ?? 0),
    capacity,
    occupied,
    free: freeBeds(capacity, occupied),
  };
}

function toLoad(r: q.RoomRow): RoomLoad {
  return { id: r.id, number: r.number, capacity: r.capacity, occupants: Number(r.occupants ?? 0), active: r.active === 1 };
}

function toRoom(r: q.RoomRow) {
  const load = toLoad(r);
  return { id: r.id, siteCode: r.site_code, number: r.number, capacity: r.capacity, active: load.active, occupants: load.occupants, free: freeBeds(load.capacity, load.occupants) };
}

/** A site inside the caller's jurisdiction; any other code is not found. */
async function siteInScope(ctx: Ctx, user: CurrentUser, code: string): Promise<q.SiteRow> {
  const site = isWithin(code, user.jurisdictionCode) ? await q.siteByCode(ctx.db, code) : undefined;
  if (!site) throw new AppError('not_found');
  return site;
}

export async function listSites(ctx: Ctx, user: CurrentUser, f: SiteQuery) {
  const within = f.within ?? user.jurisdictionCode;
  if (!isWithin(within, user.jurisdictionCode)) throw new AppError('outside_scope', {}, 'within');
  return (await q.sitesWithin(ctx.db, within)).map(toSite);
}

export async function listRooms(ctx: Ctx, user: CurrentUser, code: string) {
  await siteInScope(ctx, user, code);
  const rooms = await q.roomsAt(ctx.db, code);
  return rooms.sort((a, b) => compareRoomNumbers(a.number, b.number)).map(toRoom);
}

function duplicateRoom(number: string, index: number): AppError {
  return new AppError('conflict', {
    what: { zh: `第 ${index + 1} 行的房间号“${number}”`, en: `Room number "${number}" on line ${index + 1}` },
  }, `rooms[${index}].number`);
}

export async function addRooms(ctx: Ctx, user: CurrentUser, code: string, input: NewRooms) {
  const site = await siteInScope(ctx, user, code);
  const seen = new Set<string>();
  input.rooms.forEach((r, i) => {
    if (seen.has(r.number)) throw duplicateRoom(r.number, i);
    seen.add(r.number);
  });
  const at = new Date().toISOString();
  const rows = input.rooms.map((r) => ({ id: newId(), site_code: site.code, number: r.number, capacity: r.capacity, created_at: at }));
  await ctx.writes.run(async (trx) => {
    const inserted = await q.insertRooms(trx, rows);
    const taken = rows.findIndex((r) => !inserted.has(r.number));
    if (taken !== -1) throw duplicateRoom(rows[taken].number, taken);
    await writeAudit(trx, user, [{ action: 'create', entity: 'room', jurisdictionCode: site.code, detail: { rooms: rows.length, beds: rows.reduce((n, r) => n + r.capacity, 0) } }]);
  });
  const created = new Set(rows.map((r) => r.id));
  return (await q.roomsAt(ctx.db, site.code)).filter((r) => created.has(r.id)).sort((a, b) => compareRoomNumbers(a.number, b.number)).map(toRoom);
}

export async function updateRoom(ctx: Ctx, user: CurrentUser, id: string, patch: RoomPatch) {
  const room = await q.roomById(ctx.db, id);
  if (!room || !isWithin(room.site_code, user.jurisdictionCode)) throw new AppError('not_found');
  await ctx.writes.run(async (trx) => {
    await q.lockActiveSite(trx, ctx.dialect, room.site_code);
    if (patch.active === false) {
      const occupants = Number((await q.roomById(trx, id))!.occupants ?? 0);
      if (occupants > 0) throw new AppError('room_occupied', { number: room.number, occupants: String(occupants) });
    }
    const set: Parameters<typeof q.updateRoom>[2] = {};
    if (patch.capacity !== undefined) set.capacity = patch.capacity;
    if (patch.active !== undefined) set.active = patch.active ? 1 : 0;
    await q.updateRoom(trx, id, set);
    await writeAudit(trx, user, [{ action: 'update', entity: 'room', entityId: id, jurisdictionCode: room.site_code, detail: { ...patch } }]);
  });
  return toRoom((await q.roomById(ctx.db, id))!);
}

export interface RoomAssignment {
  observationId: string;
  /** The site the observation is at: its responsible unit (observations.unit_code). */
  siteCode: string;
  /** A room at the site; default the first room (by number) with a free bed. */
  roomId?: string;
  /** Assign even when full; audited as override_capacity with the reason. */
  override?: { reason: string };
}

export interface AssignedRoom {
  observationId: string;
  siteCode: string;
  roomId: string | null;
  roomNumber: string | null;
  overCapacity: boolean;
}

/**
 * Places a person under observation at a site inside the caller's transaction: at intake,
 * or to move them to another room. Throws site_full (409) when there is no free bed and no
 * override. The caller checks that the site is within the user's jurisdiction.
 */
export async function assignRoom(trx: Transaction<DB>, ctx: Ctx, user: CurrentUser, a: RoomAssignment): Promise<AssignedRoom> {
  const site = await q.lockActiveSite(trx, ctx.dialect, a.siteCode);
  if (!site) throw new AppError('not_a_site', { code: a.siteCode }, 'siteCode');
  // Only whoever holds the site places people in it (a community cannot fill another county's hotel).
  if (!isWithin(site.code, user.jurisdictionCode)) throw new AppError('outside_scope', {}, 'siteCode');
  const observation = await q.observationById(trx, a.observationId);
  if (!observation) throw new AppError('not_found');
  if (observation.status !== 'active') throw new AppError('observation_closed');
  if (observation.unit_code !== site.code) {
    throw new Error(`assignRoom: observation ${observation.id} is the responsibility of ${observation.unit_code}, not of site ${site.code}`);
  }
  const rooms = (await q.roomsAt(trx, site.code, observation.id)).map(toLoad);
  const unassigned = await q.unassignedAt(trx, site.code, observation.id);
  const choice = chooseRoom({ rooms, declaredRooms: site.rooms, unassigned }, { roomId: a.roomId, currentRoomId: observation.room_id, override: !!a.override });

  const named = a.roomId ? rooms.find((r) => r.id === a.roomId) : undefined;
  const capacity = named ? named.capacity : siteCapacity({ defined: rooms.length, activeCapacity: rooms.reduce((n, r) => n + (r.active ? r.capacity : 0), 0) }, site.rooms);
  const occupied = named ? named.occupants : unassigned + rooms.reduce((n, r) => n + r.occupants, 0);
  if (!choice.ok) {
    if (choice.problem === 'unknown_room') throw new AppError('unknown_code', { field: 'roomId', value: a.roomId! }, 'roomId');
    const place = named ? { zh: `房间 ${named.number}`, en: `Room ${named.number}` } : site.name;
    throw new AppError('site_full', { place, capacity: String(capacity), occupied: String(occupied) }, a.roomId ? 'roomId' : undefined);
  }

  const room = rooms.find((r) => r.id === choice.roomId);
  const moved = choice.roomId !== observation.room_id;
  if (moved) await q.setObservationRoom(trx, observation.id, choice.roomId);
  if (moved || choice.overCapacity) {
    await writeAudit(trx, user, [{
      action: choice.overCapacity ? 'override_capacity' : 'assign_room',
      entity: 'observation',
      entityId: observation.id,
      jurisdictionCode: site.code,
      detail: {
        siteCode: site.code,
        roomId: choice.roomId,
        fromRoomId: observation.room_id,
        capacity,
        occupied,
        ...(choice.overCapacity ? { reason: a.override!.reason } : {}),
      },
    }]);
  }
  return { observationId: observation.id, siteCode: site.code, roomId: choice.roomId, roomNumber: room?.number ?? null, overCapacity: choice.overCapacity };
}

/** Moves a person to another room at their site (hotel staff). */
export async function moveToRoom(ctx: Ctx, user: CurrentUser, observationId: string, body: RoomMove): Promise<AssignedRoom> {
  const observation = await q.observationInScope(ctx.db, observationId, user.jurisdictionCode);
  if (!observation) throw new AppError('not_found');
  if (observation.status !== 'active') throw new AppError('observation_closed');
  return ctx.writes.run((trx) => assignRoom(trx, ctx, user, { observationId, siteCode: observation.unit_code, roomId: body.roomId, override: body.override }));
}
