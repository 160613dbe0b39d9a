import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { DIALECTS } from './support/databases';
import { startTestApp, type TestApp } from './support/app';
import { newId } from '../src/db/ids';
import type { CurrentUser } from '../src/server/context';
import { assignRoom, type RoomAssignment } from '../src/modules/sites/service';

type Room = { id: string; number: string; capacity: number; active: boolean; occupants: number; free: number };
type Site = { code: string; name: string; kind: string; declaredRooms: number | null; definedRooms: number; capacity: number; occupied: number; free: number };

describe.each(DIALECTS)('observation sites and rooms on %s', (dialect) => {
  let t: TestApp;
  let admin: CurrentUser;
  let hotel: { token: string };
  let otherHotel: { token: string };
  let hotelSite: string;
  let smallSite: string;
  let rooms: Room[];

  const get = (url: string, token = t.adminToken) => t.call(token, { method: 'GET', url });
  const post = (url: string, payload: object, token = t.adminToken) => t.call(token, { method: 'POST', url, payload });
  const patch = (url: string, payload: object, token = t.adminToken) => t.call(token, { method: 'PATCH', url, payload });
  const site = async (code: string, token = t.adminToken) => ((await get('/api/sites?within=5401', token)).json<Site[]>()).find((s) => s.code === code)!;
  const roomsOf = async (code: string) => (await get(`/api/sites/${code}/rooms`)).json<Room[]>();
  const auditOf = async (entityId: string) =>
    ((await get(`/api/audit?entity=observation&entityId=${entityId}`)).json().items as { action: string; detail: Record<string, unknown> }[]);

  /** A person under active observation at `unitCode`, written directly (the observation API is another module's). */
  async function observe(unitCode: string, roomId: string | null = null): Promise<string> {
    const now = new Date().toISOString();
    const personId = newId();
    await t.ctx.db.insertInto('persons').values({
      id: personId, document_type: 'passport', document_key: randomUUID(), document_enc: 'x', document_masked: 'E1****67', name: '测试',
      phone_enc: null, phone_masked: null, phone_tail: null, demographics_enc: null, birth_year: null, name_birth_key: null, jurisdiction_code: '540102002001', created_at: now, updated_at: now,
    }).execute();
    const id = newId();
    await t.ctx.db.insertInto('observations').values({
      id, client_id: null, person_id: personId, arrival_id: null, reason: 'centralised_observation', centralised_days: 14, home_days: 0, kind: 'centralised',
      unit_code: unitCode, community_code: null, pending_unit_code: null, room_id: roomId, status: 'active', start_at: now, start_day: now.slice(0, 10),
      handoff_day: null, end_day: now.slice(0, 10), ended_at: null, end_reason: null, opened_by: admin.id, created_at: now,
    }).execute();
    return id;
  }

  const assign = (a: Omit<RoomAssignment, 'siteCode'> & { siteCode?: string }) =>
    t.ctx.writes.run((trx) => assignRoom(trx, t.ctx, admin, { siteCode: hotelSite, ...a }));

  async function makeSite(parentCode: string, name: string, kind: 'hotel' | 'isolation_site', declared: number): Promise<string> {
    const res = await post('/api/units', { parentCode, name, kind, rooms: declared });
    expect(res.statusCode).toBe(201);
    return res.json().code;
  }

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const row = await t.ctx.db.selectFrom('users').selectAll().where('username', '=', 'admin').executeTakeFirstOrThrow();
    admin = { id: row.id, username: row.username, displayName: row.display_name, role: row.role, jurisdictionCode: row.jurisdiction_code, canReveal: true };
    hotelSite = await makeSite('540102', '雪域留观酒店', 'hotel', 30);
    smallSite = await makeSite('540102', '城关区隔离点', 'isolation_site', 2);
    hotel = await t.userWithRole('hotel', hotelSite);
    otherHotel = await t.userWithRole('hotel', smallSite);
  });
  afterAll(async () => { await t?.close(); });

  it('adds rooms in bulk as the hotel, listed in number order', async () => {
    const res = await post(`/api/sites/${hotelSite}/rooms`, { rooms: [{ number: '101', capacity: 2 }, { number: '102', capacity: 1 }, { number: '2', capacity: 1 }] }, hotel.token);
    expect(res.statusCode).toBe(201);
    expect((res.json<Room[]>()).map((r) => r.number)).toEqual(['2', '101', '102']);
    rooms = await roomsOf(hotelSite);
    expect(rooms.map((r) => [r.number, r.capacity, r.occupants, r.free, r.active])).toEqual([['2', 1, 0, 1, true], ['101', 2, 0, 2, true], ['102', 1, 0, 1, true]]);
    const audit = (await get('/api/audit?entity=room')).json().items as { action: string; username: string; detail: object }[];
    expect(audit[0]).toMatchObject({ action: 'create', detail: { rooms: 3, beds: 4 } });
  });

  it('refuses a duplicate room number, naming the line, and stores none of the batch', async () => {
    const existing = await post(`/api/sites/${hotelSite}/rooms`, { rooms: [{ number: '103', capacity: 1 }, { number: '101', capacity: 1 }] });
    expect(existing.statusCode).toBe(409);
    expect(existing.json()).toMatchObject({ code: 'conflict', field: 'rooms[1].number' });
    expect(existing.json().message).toContain('第 2 行');
    const twice = await t.call(t.adminToken, { method: 'POST', url: `/api/sites/${hotelSite}/rooms`, payload: { rooms: [{ number: '201', capacity: 1 }, { number: '201', capacity: 2 }] }, headers: { 'accept-language': 'en' } });
    expect(twice.json()).toMatchObject({ code: 'conflict', field: 'rooms[1].number', message: 'Room number "201" on line 2 already exists' });
    expect((await roomsOf(hotelSite)).map((r) => r.number)).toEqual(['2', '101', '102']);
    expect((await post(`/api/sites/${hotelSite}/rooms`, { rooms: [{ number: '\u3000', capacity: 1 }] })).json()).toMatchObject({ code: 'validation', field: 'rooms[0].number' });
  });

  it('counts capacity from rooms, or from the declared room count when none are defined', async () => {
    expect(await site(hotelSite)).toMatchObject({ name: '雪域留观酒店', kind: 'hotel', declaredRooms: 30, definedRooms: 3, capacity: 4, occupied: 0, free: 4 });
    expect(await site(smallSite)).toMatchObject({ kind: 'isolation_site', declaredRooms: 2, definedRooms: 0, capacity: 2, occupied: 0, free: 2 });
  });

  it('assigns the first room with a free bed, then refuses a full site without an override', async () => {
    const placed = [];
    for (let i = 0; i < 4; i++) placed.push(await assign({ observationId: await observe(hotelSite) }));
    expect(placed.map((p) => [p.roomNumber, p.overCapacity])).toEqual([['2', false], ['101', false], ['101', false], ['102', false]]);
    expect(await auditOf(placed[0].observationId)).toEqual([expect.objectContaining({ action: 'assign_room', detail: expect.objectContaining({ roomId: rooms[0].id }) })]);

    const fifth = await observe(hotelSite);
    await expect(assign({ observationId: fifth })).rejects.toMatchObject({ code: 'site_full', status: 409 });
    const stored = await t.ctx.db.selectFrom('observations').select('room_id').where('id', '=', fifth).executeTakeFirstOrThrow();
    expect(stored.room_id).toBeNull();
    expect(await site(hotelSite)).toMatchObject({ capacity: 4, occupied: 5, free: 0 });
    expect((await roomsOf(hotelSite)).map((r) => [r.number, r.occupants, r.free])).toEqual([['2', 1, 0], ['101', 2, 0], ['102', 1, 0]]);
  });

  it('over-fills with an override, audited with the reason and no personal data', async () => {
    const id = (await t.ctx.db.selectFrom('observations').select('id').where('unit_code', '=', hotelSite).where('room_id', 'is', null).executeTakeFirstOrThrow()).id;
    const placed = await assign({ observationId: id, override: { reason: '夜间转运，次日调整' } });
    expect(placed).toMatchObject({ roomNumber: '2', overCapacity: true });
    const [entry] = await auditOf(id);
    expect(entry).toMatchObject({ action: 'override_capacity', detail: { siteCode: hotelSite, roomId: rooms[0].id, reason: '夜间转运，次日调整', capacity: 4, occupied: 4 } });
    expect(JSON.stringify(entry)).not.toContain('测试');
    expect((await roomsOf(hotelSite)).find((r) => r.number === '2')).toMatchObject({ occupants: 2, free: 0 });
  });

  it('fills a site without rooms up to its declared count', async () => {
    const first = await assign({ observationId: await observe(smallSite), siteCode: smallSite });
    await assign({ observationId: await observe(smallSite), siteCode: smallSite });
    expect(first).toMatchObject({ roomId: null, roomNumber: null, overCapacity: false });
    const third = await observe(smallSite);
    await expect(assign({ observationId: third, siteCode: smallSite })).rejects.toMatchObject({ code: 'site_full' });
    expect(await assign({ observationId: third, siteCode: smallSite, override: { reason: '临时加床' } })).toMatchObject({ overCapacity: true });
    expect((await auditOf(third)).map((a) => a.action)).toEqual(['override_capacity']);
    expect(await site(smallSite)).toMatchObject({ capacity: 2, occupied: 3, free: 0 });
  });

  it('refuses a site that is not a site, and an observation held by another unit', async () => {
    await expect(assign({ observationId: await observe(hotelSite), siteCode: '540102002001' })).rejects.toMatchObject({ code: 'not_a_site', field: 'siteCode' });
    await expect(assign({ observationId: await observe(smallSite) })).rejects.toThrow(/not of site/);
  });

  it('frees a bed when a person is released', async () => {
    const before = await site(hotelSite);
    const inRoom102 = await t.ctx.db.selectFrom('observations').select('id').where('room_id', '=', rooms[2].id).executeTakeFirstOrThrow();
    await t.ctx.db.updateTable('observations').set({ status: 'released' }).where('id', '=', inRoom102.id).execute();
    expect(await site(hotelSite)).toMatchObject({ occupied: before.occupied - 1 });
    expect((await roomsOf(hotelSite)).find((r) => r.number === '102')).toMatchObject({ occupants: 0, free: 1 });
  });

  it('moves a person to another room over HTTP, refusing a full room without an override', async () => {
    const inRoom2 = await t.ctx.db.selectFrom('observations').select('id').where('room_id', '=', rooms[0].id).where('status', '=', 'active').orderBy('id').executeTakeFirstOrThrow();
    const full = await post(`/api/observations/${inRoom2.id}/room`, { roomId: rooms[1].id }, hotel.token);
    expect(full.statusCode).toBe(409);
    expect(full.json()).toMatchObject({ code: 'site_full', field: 'roomId' });
    expect(full.json().message).toContain('房间 101');

    const free = await post(`/api/observations/${inRoom2.id}/room`, {}, hotel.token);
    expect(free.statusCode).toBe(200);
    expect(free.json()).toEqual({ observationId: inRoom2.id, siteCode: hotelSite, roomId: rooms[2].id, roomNumber: '102', overCapacity: false });

    const forced = await post(`/api/observations/${inRoom2.id}/room`, { roomId: rooms[1].id, override: { reason: '家庭同住' } }, hotel.token);
    expect(forced.json()).toMatchObject({ roomNumber: '101', overCapacity: true });
    expect((await auditOf(inRoom2.id)).map((a) => a.action).sort()).toEqual(['assign_room', 'assign_room', 'override_capacity']);

    const unknown = await post(`/api/observations/${inRoom2.id}/room`, { roomId: 'no-such-room' }, hotel.token);
    expect(unknown.json()).toMatchObject({ code: 'unknown_code', field: 'roomId' });
    expect((await post(`/api/observations/${inRoom2.id}/room`, { override: { reason: '' } }, hotel.token)).json()).toMatchObject({ code: 'validation', field: 'override.reason' });
  });

  it('refuses to move someone whose observation has ended', async () => {
    const id = await observe(hotelSite);
    await t.ctx.db.updateTable('observations').set({ status: 'transferred' }).where('id', '=', id).execute();
    expect((await post(`/api/observations/${id}/room`, {}, hotel.token)).json()).toMatchObject({ code: 'observation_closed' });
  });

  it('changes a room and refuses to take an occupied room out of service', async () => {
    const bigger = await patch(`/api/rooms/${rooms[2].id}`, { capacity: 3 }, hotel.token);
    expect(bigger.statusCode).toBe(200);
    expect(bigger.json()).toMatchObject({ number: '102', capacity: 3 });
    const occupied = await patch(`/api/rooms/${rooms[1].id}`, { active: false }, hotel.token);
    expect(occupied.statusCode).toBe(409);
    expect(occupied.json()).toMatchObject({ code: 'room_occupied' });
    const empty = (await post(`/api/sites/${hotelSite}/rooms`, { rooms: [{ number: '301', capacity: 2 }] }, hotel.token)).json()[0] as Room;
    const off = await patch(`/api/rooms/${empty.id}`, { active: false }, hotel.token);
    expect(off.json()).toMatchObject({ active: false, occupants: 0 });
    const s = await site(hotelSite);
    expect(s).toMatchObject({ definedRooms: 4, capacity: 1 + 2 + 3 });
    const audit = (await get(`/api/audit?entity=room&entityId=${empty.id}`)).json().items as { action: string; detail: object }[];
    expect(audit).toEqual([expect.objectContaining({ action: 'update', detail: { active: false } })]);
  });

  it('keeps each hotel to its own site', async () => {
    expect((await get(`/api/sites/${hotelSite}/rooms`, otherHotel.token)).statusCode).toBe(404);
    expect((await post(`/api/sites/${hotelSite}/rooms`, { rooms: [{ number: '999', capacity: 1 }] }, otherHotel.token)).statusCode).toBe(404);
    expect((await patch(`/api/rooms/${rooms[0].id}`, { capacity: 5 }, otherHotel.token)).statusCode).toBe(404);
    const someone = await t.ctx.db.selectFrom('observations').select('id').where('unit_code', '=', hotelSite).where('status', '=', 'active').executeTakeFirstOrThrow();
    expect((await post(`/api/observations/${someone.id}/room`, {}, otherHotel.token)).statusCode).toBe(404);

    expect(((await get('/api/sites', otherHotel.token)).json<Site[]>()).map((s) => s.code)).toEqual([smallSite]);
    expect((await get('/api/sites?within=540102', otherHotel.token)).json()).toMatchObject({ code: 'outside_scope', field: 'within' });
    expect((await get(`/api/sites/${hotelSite}/rooms`, hotel.token)).statusCode).toBe(200);
    expect((await get('/api/sites/540102002001/rooms')).statusCode).toBe(404);

    const community = await t.userWithRole('community', '540102002001');
    expect((await post(`/api/sites/${hotelSite}/rooms`, { rooms: [{ number: '999', capacity: 1 }] }, community.token)).statusCode).toBe(403);
    expect((await get('/api/sites', community.token)).json()).toEqual([]);
    const command = await t.userWithRole('command', '5401');
    expect(((await get('/api/sites', command.token)).json<Site[]>()).map((s) => s.code)).toEqual([hotelSite, smallSite]);
  });

  it('never places more people than beds when intakes race', async () => {
    const racedSite = await makeSite('540103', '堆龙隔离点', 'isolation_site', 10);
    await post(`/api/sites/${racedSite}/rooms`, { rooms: [{ number: '1', capacity: 2 }, { number: '2', capacity: 1 }] });
    const ids = await Promise.all(Array.from({ length: 6 }, () => observe(racedSite)));
    const results = await Promise.allSettled(ids.map((observationId) => assign({ observationId, siteCode: racedSite })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r).reason.code)).toEqual(['site_full', 'site_full', 'site_full']);
    expect((await roomsOf(racedSite)).map((r) => r.occupants)).toEqual([2, 1]);
  });

  it('documents the routes in the OpenAPI description', async () => {
    const spec = (await t.call(t.adminToken, { method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of ['/api/sites', '/api/sites/{code}/rooms', '/api/rooms/{id}', '/api/observations/{id}/room']) {
      expect(spec.paths, path).toHaveProperty([path]);
    }
  });
});
