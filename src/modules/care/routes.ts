import type { FastifyInstance } from 'fastify';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { currentUser, requirePermission } from '../../server/guard';
import {
  CancelTask, CareFlagFilter, CareFlagList, CareFlagView, CareFlagsInput, CareTaskFilter, CareTaskList, CareTaskView, CompleteTask, NewCareTask,
} from './schemas';
import { closeCareTask, createCareTask, listCareFlags, listCareTasks, setCareFlags } from './service';
import { IdParams } from '../../server/schemas';

export async function careRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = app.ctx;
  const read = requirePermission('care:read');
  const manage = requirePermission('care:manage');

  app.put('/persons/:id/care-flags', {
    onRequest: manage,
    schema: {
      operationId: 'setCareFlags',
      tags: ['care'],
      summary: '标记特殊人群及需求 / Set a person’s special-group flags and needs (老弱病残孕)',
      description: 'Replaces the flags; empty groups and needs clear them (204). Audited.',
      params: IdParams,
      body: CareFlagsInput,
      response: { 200: CareFlagView, 204: Type.Null({ description: 'flags cleared' }) },
    },
  }, async (req, reply) => {
    const flag = await setCareFlags(ctx, currentUser(req), req.params.id, req.body);
    return flag ? reply.send(flag) : reply.status(204).send(null);
  });

  app.get('/care/flags', {
    onRequest: read,
    schema: { operationId: 'listCareFlags', tags: ['care'], summary: '特殊人群名单 / Flagged persons in a subtree (masked)', querystring: CareFlagFilter, response: { 200: CareFlagList } },
  }, async (req) => listCareFlags(ctx, currentUser(req), req.query));

  app.post('/care/tasks', {
    onRequest: manage,
    schema: {
      operationId: 'createCareTask',
      tags: ['care'],
      summary: '新建关爱任务 / Create a care task (e.g. a medicine delivery)',
      description: 'Idempotent per clientId: a retry returns the first task (200) and creates nothing.',
      body: NewCareTask,
      response: { 200: CareTaskView, 201: CareTaskView },
    },
  }, async (req, reply) => {
    const { created, task } = await createCareTask(ctx, currentUser(req), req.body);
    return reply.status(created ? 201 : 200).send(task);
  });

  app.get('/care/tasks', {
    onRequest: read,
    schema: { operationId: 'listCareTasks', tags: ['care'], summary: '关爱任务 / Care tasks, soonest due first', querystring: CareTaskFilter, response: { 200: CareTaskList } },
  }, async (req) => listCareTasks(ctx, currentUser(req), req.query));

  app.post('/care/tasks/:id/complete', {
    onRequest: manage,
    // The note is optional, and so is the body that carries it.
    preValidation: async (req) => { req.body ??= {}; },
    schema: { operationId: 'completeCareTask', tags: ['care'], summary: '完成关爱任务 / Complete a care task', params: IdParams, body: CompleteTask, response: { 200: CareTaskView } },
  }, async (req) => closeCareTask(ctx, currentUser(req), req.params.id, 'complete', req.body.note));

  app.post('/care/tasks/:id/cancel', {
    onRequest: manage,
    schema: { operationId: 'cancelCareTask', tags: ['care'], summary: '取消关爱任务 / Cancel a care task', params: IdParams, body: CancelTask, response: { 200: CareTaskView } },
  }, async (req) => closeCareTask(ctx, currentUser(req), req.params.id, 'cancel', req.body.reason));
}
