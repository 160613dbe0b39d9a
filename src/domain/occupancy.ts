// Beds at observation sites (hotels and isolation sites): how many are free, which
// room a newcomer gets, and when an assignment needs an explicit override.

export interface RoomLoad {
  id: string;
  number: string;
  capacity: number;
  /** People under active observation in the room (not counting the one being assigned). */
  occupants: number;
  active: boolean;
}

export function freeBeds(capacity: number, occupants: number): number {
  return Math.max(0, capacity - occupants);
}

/** Room numbers in the order staff read them: "2" before "10", "A2" before "A10". */
export function compareRoomNumbers(a: string, b: string): number {
  return a.localeCompare(b, 'zh-CN', { numeric: true });
}

/**
 * A site's beds: the capacity of its active rooms once any room is defined (in service
 * or not), else the room count declared on the unit (one bed a room).
 */
export function siteCapacity(rooms: { defined: number; activeCapacity: number }, declaredRooms: number | null): number {
  return rooms.defined === 0 ? declaredRooms ?? 0 : rooms.activeCapacity;
}

/** The first active room, by number, with a free bed; `exceptId` (the room a person is moving out of) is skipped. */
export function firstRoomWithFreeBed(rooms: RoomLoad[], exceptId?: string | null): RoomLoad | undefined {
  return [...rooms]
    .sort((a, b) => compareRoomNumbers(a.number, b.number))
    .find((r) => r.active && r.id !== exceptId && freeBeds(r.capacity, r.occupants) > 0);
}

export interface SiteLoad {
  rooms: RoomLoad[];
  declaredRooms: number | null;
  /** Active observations at the site without a room (not counting the one being assigned). */
  unassigned: number;
}

export interface AssignmentRequest {
  roomId?: string;
  /** The room the person is in now, when moving. */
  currentRoomId?: string | null;
  override: boolean;
}

export type Assignment =
  | { ok: true; roomId: string | null; overCapacity: boolean }
  | { ok: false; problem: 'unknown_room' | 'full' };

/**
 * Where a person goes at a site. A named room must be active at the site; otherwise the
 * first room with a free bed; a site with no rooms defined takes people up to its declared
 * count, without a room. A full room or site refuses unless overridden; an override puts
 * the person in the named room, or the least crowded other one.
 */
export function chooseRoom(site: SiteLoad, req: AssignmentRequest): Assignment {
  if (req.roomId) {
    const room = site.rooms.find((r) => r.id === req.roomId && r.active);
    if (!room) return { ok: false, problem: 'unknown_room' };
    const full = freeBeds(room.capacity, room.occupants) === 0;
    if (full && !req.override) return { ok: false, problem: 'full' };
    return { ok: true, roomId: room.id, overCapacity: full };
  }
  if (site.rooms.length === 0) {
    const full = freeBeds(site.declaredRooms ?? 0, site.unassigned) === 0;
    if (full && !req.override) return { ok: false, problem: 'full' };
    return { ok: true, roomId: null, overCapacity: full };
  }
  const free = firstRoomWithFreeBed(site.rooms, req.currentRoomId);
  if (free) return { ok: true, roomId: free.id, overCapacity: false };
  if (!req.override) return { ok: false, problem: 'full' };
  const leastCrowded = site.rooms
    .filter((r) => r.active && r.id !== req.currentRoomId)
    .sort((a, b) => b.capacity - b.occupants - (a.capacity - a.occupants) || compareRoomNumbers(a.number, b.number))[0];
  if (leastCrowded) return { ok: true, roomId: leastCrowded.id, overCapacity: true };
  // No active room at all: a newcomer stays at the site without one; a move has nowhere to go.
  return req.currentRoomId ? { ok: false, problem: 'full' } : { ok: true, roomId: null, overCapacity: true };
}
