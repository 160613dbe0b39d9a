import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { currentUser, requirePermission } from '../../server/guard';
import { AssignedRoomView, NewRooms, RoomMove, RoomPatch, RoomView, SiteParams, SiteQuery, SiteView } from './schemas';
import { addRooms, listRooms, listSites, moveToRoom, updateRoom } from './service';
import { IdParams } from '../../server/schemas';

export async function siteRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.ctx;
  const read = requirePermission('sites:read');
  const manage = requirePermission('sites:manage');

  app.get('/sites', {
    onRequest: read,
    schema: {
      operationId: 'listSites',
      tags: ['sites'],
      summary: '留观酒店与隔离点床位 / Observation sites with beds, occupied and free',
      querystring: SiteQuery,
      response: { 200: Type.Array(SiteView) },
    },
  }, async (req) => listSites(ctx, currentUser(req), req.query));

  app.get('/sites/:code/rooms', {
    onRequest: read,
    schema: {
      operationId: 'listRooms',
      tags: ['sites'],
      summary: '房间及入住情况 / Rooms of a site with occupants and free beds',
      params: SiteParams,
      response: { 200: Type.Array(RoomView) },
    },
  }, async (req) => listRooms(ctx, currentUser(req), req.params.code));

  app.post('/sites/:code/rooms', {
    onRequest: manage,
    schema: {
      operationId: 'createRoom',
      tags: ['sites'],
      summary: '批量录入房间 / Add rooms to a site',
      description: 'All or nothing: a number the site already has, or one given twice, answers 409 naming the line.',
      params: SiteParams,
      body: NewRooms,
      response: { 201: Type.Array(RoomView) },
    },
  }, async (req, reply) => reply.status(201).send(await addRooms(ctx, currentUser(req), req.params.code, req.body)));

  app.patch('/rooms/:id', {
    onRequest: manage,
    schema: {
      operationId: 'updateRoom',
      tags: ['sites'],
      summary: '修改房间床位或停用 / Change a room’s beds or take it out of service',
      params: IdParams,
      body: RoomPatch,
      response: { 200: RoomView },
    },
  }, async (req) => updateRoom(ctx, currentUser(req), req.params.id, req.body));

  app.post('/observations/:id/room', {
    onRequest: manage,
    schema: {
      operationId: 'assignRoom',
      tags: ['sites', 'observations'],
      summary: '调换房间 / Move a person to another room at their site',
      description: 'A full room or site answers 409 site_full unless an override with a reason is given; overrides are audited.',
      params: IdParams,
      body: RoomMove,
      response: { 200: AssignedRoomView },
    },
  }, async (req) => moveToRoom(ctx, currentUser(req), req.params.id, req.body));
}
