import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { currentUser, requirePermission } from '../../server/guard';
import { getPerson, listDuplicates, listPersons, revealPerson } from './service';
import { mergePersons, undoMerge } from './merge';
import { DuplicateList, MergeRequest, MergeView, PersonError, PersonFilter, PersonList, PersonRecord } from './schemas';
import { IdParams } from '../../server/schemas';

export async function personRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.ctx;
  const read = requirePermission('arrivals:read');
  const admin = requirePermission('persons:merge');

  app.get('/persons', {
    onRequest: read,
    schema: {
      operationId: 'listPersons',
      tags: ['persons'],
      summary: '查找人员 / Search persons',
      description: 'Within the caller’s jurisdiction; identifiers masked; audited. Persons merged away are left out.',
      querystring: PersonFilter,
      response: { 200: PersonList },
    },
  }, async (req) => listPersons(ctx, currentUser(req), req.query));

  app.get('/persons/duplicates', {
    onRequest: requirePermission('persons:review'),
    schema: {
      operationId: 'listDuplicatePersons',
      tags: ['persons'],
      summary: '疑似重复人员 / Likely duplicate persons',
      description: 'Groups of persons in the caller’s jurisdiction with the same name and birth date, or the same phone. Persons merged away are left out.',
      querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 500, default: 100, description: 'keys per rule' }) }),
      response: { 200: DuplicateList },
    },
  }, async (req) => listDuplicates(ctx, currentUser(req), req.query.limit));

  app.post('/persons/merge', {
    onRequest: admin,
    schema: {
      operationId: 'mergePersons',
      tags: ['persons'],
      summary: '合并人员 / Merge two persons',
      description: 'Moves every arrival, observation, case and contact record of mergedId to survivorId in one transaction and flags mergedId; audited. '
        + 'Afterwards GET /api/persons/{mergedId} answers 404 with code "merged" and survivorId, and new registrations under the merged '
        + 'person’s document go to the survivor. 409 same_person / already_merged, or merge_case_clash when both have an open case or are contacts of one exposure.',
      body: MergeRequest,
      response: { 200: MergeView },
    },
  }, async (req) => mergePersons(ctx, currentUser(req), req.body.survivorId, req.body.mergedId));

  app.post('/persons/merges/:id/undo', {
    onRequest: admin,
    schema: {
      operationId: 'undoPersonMerge',
      tags: ['persons'],
      summary: '撤销合并 / Undo a merge',
      description: 'Moves back exactly the rows the merge moved and clears the flag; audited. Rows registered to the survivor after the merge stay. '
        + '409 merge_undone, or merge_conflict when a moved row has moved on (e.g. the survivor was merged in turn: undo that first).',
      params: IdParams,
      response: { 200: MergeView },
    },
  }, async (req) => undoMerge(ctx, currentUser(req), req.params.id));

  app.get('/persons/:id', {
    onRequest: read,
    schema: {
      operationId: 'getPerson',
      tags: ['persons'],
      summary: '人员档案 / A person’s record',
      description: 'Identity (masked), residence, arrivals with their hand-offs, observations with checks and alerts, persons merged into this one; '
        + 'arrivals and observations inside the caller’s jurisdiction only. Audited. 404 outside the jurisdiction; '
        + '404 with code "merged" and survivorId for a person merged away.',
      params: IdParams,
      response: { 200: PersonRecord, 404: PersonError },
    },
  }, async (req) => getPerson(ctx, currentUser(req), req.params.id));

  app.post('/persons/:id/reveal', {
    onRequest: read,
    schema: {
      operationId: 'revealPerson',
      tags: ['persons'],
      summary: '查看完整证件号与手机号（留痕）/ Reveal identifiers (audited)',
      params: IdParams,
      response: { 200: Type.Object({ documentNumber: Type.String(), phone: Type.Union([Type.String(), Type.Null()]) }) },
    },
  }, async (req) => revealPerson(ctx, currentUser(req), req.params.id));
}
