import { describe, expect, it } from 'vitest';
import { chooseRoom, compareRoomNumbers, firstRoomWithFreeBed, freeBeds, siteCapacity, type RoomLoad } from './occupancy';

const room = (id: string, number: string, capacity: number, occupants: number, active = true): RoomLoad => ({ id, number, capacity, occupants, active });

describe('free beds and capacity', () => {
  it('never counts fewer than zero free beds', () => {
    expect(freeBeds(2, 1)).toBe(1);
    expect(freeBeds(2, 2)).toBe(0);
    expect(freeBeds(2, 3)).toBe(0);
  });

  it('sums active rooms once rooms are defined, else uses the declared room count', () => {
    expect(siteCapacity({ defined: 0, activeCapacity: 0 }, 40)).toBe(40);
    expect(siteCapacity({ defined: 0, activeCapacity: 0 }, null)).toBe(0);
    expect(siteCapacity({ defined: 3, activeCapacity: 5 }, 40)).toBe(5);
    expect(siteCapacity({ defined: 1, activeCapacity: 0 }, 40)).toBe(0);
  });

  it('orders room numbers as people read them', () => {
    expect(['10', '2', 'A10', 'A2', '101'].sort(compareRoomNumbers)).toEqual(['2', '10', '101', 'A2', 'A10']);
  });
});

describe('first room with a free bed', () => {
  const rooms = [room('c', '10', 1, 0), room('a', '2', 2, 2), room('b', '3', 1, 0, false), room('d', '9', 2, 1)];

  it('skips full and inactive rooms, in number order', () => {
    expect(firstRoomWithFreeBed(rooms)?.id).toBe('d');
  });

  it('skips the room a person moves out of', () => {
    expect(firstRoomWithFreeBed(rooms, 'd')?.id).toBe('c');
    expect(firstRoomWithFreeBed([room('a', '1', 1, 1)])).toBeUndefined();
  });
});

describe('choosing a room', () => {
  const site = (rooms: RoomLoad[], declaredRooms: number | null = null, unassigned = 0) => ({ rooms, declaredRooms, unassigned });

  it('takes the first free room without an override', () => {
    expect(chooseRoom(site([room('a', '1', 1, 1), room('b', '2', 2, 1)]), { override: false })).toEqual({ ok: true, roomId: 'b', overCapacity: false });
  });

  it('refuses a full site unless overridden, then fills the least crowded room', () => {
    const full = site([room('a', '1', 2, 3), room('b', '2', 2, 2), room('c', '3', 1, 1)]);
    expect(chooseRoom(full, { override: false })).toEqual({ ok: false, problem: 'full' });
    expect(chooseRoom(full, { override: true })).toEqual({ ok: true, roomId: 'b', overCapacity: true });
  });

  it('checks a named room: it must be active at the site and have a bed unless overridden', () => {
    const s = site([room('a', '1', 1, 1), room('b', '2', 1, 0), room('x', '3', 1, 0, false)]);
    expect(chooseRoom(s, { roomId: 'b', override: false })).toEqual({ ok: true, roomId: 'b', overCapacity: false });
    expect(chooseRoom(s, { roomId: 'a', override: false })).toEqual({ ok: false, problem: 'full' });
    expect(chooseRoom(s, { roomId: 'a', override: true })).toEqual({ ok: true, roomId: 'a', overCapacity: true });
    expect(chooseRoom(s, { roomId: 'x', override: true })).toEqual({ ok: false, problem: 'unknown_room' });
    expect(chooseRoom(s, { roomId: 'elsewhere', override: false })).toEqual({ ok: false, problem: 'unknown_room' });
  });

  it('fills a site without rooms up to its declared count', () => {
    expect(chooseRoom(site([], 3, 2), { override: false })).toEqual({ ok: true, roomId: null, overCapacity: false });
    expect(chooseRoom(site([], 3, 3), { override: false })).toEqual({ ok: false, problem: 'full' });
    expect(chooseRoom(site([], 3, 3), { override: true })).toEqual({ ok: true, roomId: null, overCapacity: true });
  });

  it('moves a person to another room, never back into their own', () => {
    const s = site([room('a', '1', 2, 0), room('b', '2', 1, 1)]);
    expect(chooseRoom(s, { currentRoomId: 'a', override: false })).toEqual({ ok: false, problem: 'full' });
    expect(chooseRoom(s, { currentRoomId: 'a', override: true })).toEqual({ ok: true, roomId: 'b', overCapacity: true });
    expect(chooseRoom(site([room('a', '1', 2, 0)]), { currentRoomId: 'a', override: true })).toEqual({ ok: false, problem: 'full' });
  });

  it('overrides into a site whose rooms are all out of service, without a room', () => {
    expect(chooseRoom(site([room('a', '1', 2, 0, false)]), { override: true })).toEqual({ ok: true, roomId: null, overCapacity: true });
  });
});
