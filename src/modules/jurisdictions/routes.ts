import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { currentUser, requirePermission } from '../../server/guard';
import {
  CodeParams, EntryPointPatch, EntryPointView, JurisdictionList, JurisdictionQuery, NewEntryPoint, NewUnit, NodeDetail, NodeView,
  PlacedNode, UnitPatch, UnitQuery,
} from './schemas';
import {
  createEntryPoint, createUnit, getJurisdiction, listEntryPoints, listJurisdictions, listUnits, updateEntryPoint, updateUnit,
} from './service';

export async function jurisdictionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.ctx;
  const manage = requirePermission('reference:manage');
  // Reference data: any logged-in user may read it. A hook, so that 401 comes before query validation.
  const loggedIn = async (req: FastifyRequest) => { currentUser(req); };

  app.get('/jurisdictions', {
    onRequest: loggedIn,
    schema: {
      operationId: 'listJurisdictions',
      tags: ['jurisdictions'],
      summary: '辖区树与搜索 / Jurisdiction tree and search',
      description: 'With q: nodes whose name contains q (prefix matches first), each with its path. Otherwise the children of parent, or without parent the configured region root.',
      querystring: JurisdictionQuery,
      response: { 200: JurisdictionList },
    },
  }, async (req) => listJurisdictions(ctx, req.query));

  app.get('/jurisdictions/:code', {
    onRequest: loggedIn,
    schema: { operationId: 'getJurisdiction', tags: ['jurisdictions'], summary: '辖区详情及上级路径 / A node with its path from the province', params: CodeParams, response: { 200: NodeDetail } },
  }, async (req) => getJurisdiction(ctx, req.params.code));

  app.get('/entry-points', {
    onRequest: loggedIn,
    schema: {
      operationId: 'listEntryPoints',
      tags: ['entry-points'],
      summary: '入境口岸与分流点 / Entry points and triage points',
      querystring: Type.Object({ includeInactive: Type.Boolean({ default: false }) }),
      response: { 200: Type.Array(EntryPointView) },
    },
  }, async (req) => listEntryPoints(ctx, req.query.includeInactive));

  app.post('/entry-points', {
    onRequest: manage,
    schema: { operationId: 'createEntryPoint', tags: ['entry-points'], summary: '新增口岸 / Add an entry point', body: NewEntryPoint, response: { 201: EntryPointView } },
  }, async (req, reply) => reply.status(201).send(await createEntryPoint(ctx, currentUser(req), req.body)));

  app.patch('/entry-points/:id', {
    onRequest: manage,
    schema: {
      operationId: 'updateEntryPoint',
      tags: ['entry-points'],
      summary: '修改或停用口岸 / Change or deactivate an entry point',
      params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
      body: EntryPointPatch,
      response: { 200: EntryPointView },
    },
  }, async (req) => updateEntryPoint(ctx, currentUser(req), req.params.id, req.body));

  app.get('/units', {
    onRequest: loggedIn,
    schema: { operationId: 'listUnits', tags: ['units'], summary: '管理单位 / Management units in a subtree', querystring: UnitQuery, response: { 200: Type.Array(PlacedNode) } },
  }, async (req) => listUnits(ctx, currentUser(req), req.query));

  app.post('/units', {
    onRequest: manage,
    schema: {
      operationId: 'createUnit',
      tags: ['units'],
      summary: '新增管理单位 / Add a management unit',
      description: 'The code is generated: the parent code + U + 3 digits.',
      body: NewUnit,
      response: { 201: NodeView },
    },
  }, async (req, reply) => reply.status(201).send(await createUnit(ctx, currentUser(req), req.body)));

  app.patch('/units/:code', {
    onRequest: manage,
    schema: { operationId: 'updateUnit', tags: ['units'], summary: '修改或停用管理单位 / Change or deactivate a unit', params: CodeParams, body: UnitPatch, response: { 200: NodeView } },
  }, async (req) => updateUnit(ctx, currentUser(req), req.params.code, req.body));
}
