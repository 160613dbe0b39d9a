import type { FastifyInstance } from 'fastify';
import { Type, type Static, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { currentUser, requirePermission } from '../../server/guard';
import { MAX_GEOJSON_BYTES } from '../../domain/geojson';
import { BoundaryDetail, BoundaryInput, BoundaryList, BoundaryListQuery, BoundarySummary, CodeParams } from './schemas';
import { boundaryJson, deleteBoundary, listBoundaries, uploadBoundary } from './service';

export async function boundaryRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.ctx;
  const manage = requirePermission('boundaries:manage');
  const read = requirePermission('dashboard:read');
  const tags = ['boundaries'];

  app.get('/boundaries', {
    onRequest: read,
    schema: {
      operationId: 'listBoundaries',
      tags,
      summary: '已上传的边界地图 / Uploaded boundary maps in a subtree',
      description: 'Nodes in the subtree (default the caller’s jurisdiction) that have an uploaded map, so that the dashboard knows which maps to fetch.',
      querystring: BoundaryListQuery,
      response: { 200: BoundaryList },
    },
  }, async (req) => listBoundaries(ctx, currentUser(req), req.query));

  app.get('/boundaries/:code', {
    onRequest: read,
    schema: {
      operationId: 'getBoundary',
      tags,
      summary: '边界地图及审图号 / A node’s uploaded boundary map with its review number',
      description: 'The features are the node’s children. 404 when there is none, or when the node lies outside the caller’s jurisdiction.',
      params: CodeParams,
      response: { 200: BoundaryDetail },
    },
  }, async (req, reply) => {
    // Already-serialised JSON text (see boundaryJson): Fastify sends a string with a JSON type as it is.
    const body: unknown = await boundaryJson(ctx, currentUser(req), req.params.code);
    return reply.type('application/json; charset=utf-8').send(body as Static<typeof BoundaryDetail>);
  });

  app.put('/boundaries/:code', {
    onRequest: manage,
    // The GeoJSON may be up to MAX_GEOJSON_BYTES; a little more for the review number and the wrapping.
    bodyLimit: MAX_GEOJSON_BYTES + 64 * 1024,
    schema: {
      operationId: 'uploadBoundary',
      tags,
      summary: '上传边界地图 / Upload the reviewed boundary map of a node',
      description: 'Replaces the schematic map of the node (and any earlier upload). Invalid files are refused with the field named (e.g. geojson.features[3].properties.code) and nothing is stored. Audited.',
      params: CodeParams,
      body: BoundaryInput,
      response: { 200: BoundarySummary, 201: BoundarySummary },
    },
  }, async (req, reply) => {
    const { created, boundary } = await uploadBoundary(ctx, currentUser(req), req.params.code, req.body);
    return reply.status(created ? 201 : 200).send(boundary);
  });

  app.delete('/boundaries/:code', {
    onRequest: manage,
    schema: {
      operationId: 'deleteBoundary',
      tags,
      summary: '删除边界地图 / Delete an uploaded map (back to the schematic map)',
      description: 'Audited.',
      params: CodeParams,
      response: { 204: Type.Null({ description: 'deleted' }) },
    },
  }, async (req, reply) => {
    await deleteBoundary(ctx, currentUser(req), req.params.code);
    return reply.status(204).send(null);
  });
}
