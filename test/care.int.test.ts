import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { DIALECTS } from './support/databases';
import { startTestApp, type TestApp } from './support/app';
import { BAKUO_COMMUNITY, JIRI_COMMUNITY, buildArrival, entryPointId, residentId } from './support/factories';

type Flag = { person: { id: string; name: string; documentNumber: string; phone: string | null; jurisdiction: { code: string; name: string } }; groups: string[]; needs: string[]; note: string | null; openTasks: number; overdueTasks: number };
type Task = { id: string; person: { id: string }; title: string; need: string; status: string; overdue: boolean; assignee: { id: string } | null; closedBy: { id: string; displayName: string } | null; closeNote: string | null; closedAt: string | null };
type Staff = { token: string; id: string; username: string };

const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

describe.each(DIALECTS)('community care on %s', (dialect) => {
  let t: TestApp;
  let bakuo: Staff;
  let jiri: Staff;
  let command: Staff;
  let subdistrict: Staff;
  let hotel: Staff;
  let elder: string;
  let mother: string;
  let jiriPerson: string;
  let delivery: Task;
  let late: Task;

  const get = (url: string, token: string) => t.call(token, { method: 'GET', url });
  const post = (url: string, payload: object | undefined, token: string) => t.call(token, { method: 'POST', url, ...(payload ? { payload } : {}) });
  const put = (url: string, payload: object, token: string) => t.call(token, { method: 'PUT', url, payload });
  const flags = async (query: string, token: string) => (await get(`/api/care/flags${query}`, token)).json().items as Flag[];
  const tasks = async (query: string, token: string) => (await get(`/api/care/tasks${query}`, token)).json().items as Task[];
  const audit = async (entity: string, entityId: string) =>
    ((await get(`/api/audit?entity=${entity}&entityId=${entityId}`, t.adminToken)).json().items as { action: string; username: string; detail: Record<string, unknown> | null }[]);

  async function person(name: string, community: string): Promise<string> {
    const desk = await t.userWithRole('triage_desk', '5401');
    const body = buildArrival(await entryPointId(t.ctx), {
      person: { documentType: 'resident_id', documentNumber: residentId('19500101'), name, phone: '13912345678' },
      destination: { code: community, address: '北京东路12号' },
    });
    const res = await t.call(desk.token, { method: 'POST', url: '/api/arrivals', payload: body });
    expect(res.statusCode).toBe(201);
    return res.json().person.id;
  }

  beforeAll(async () => {
    t = await startTestApp(dialect);
    elder = await person('次仁', BAKUO_COMMUNITY);
    mother = await person('卓玛', BAKUO_COMMUNITY);
    jiriPerson = await person('顿珠', JIRI_COMMUNITY);
    bakuo = await t.userWithRole('community', BAKUO_COMMUNITY);
    jiri = await t.userWithRole('community', JIRI_COMMUNITY);
    command = await t.userWithRole('command', '5401');
    subdistrict = await t.userWithRole('subdistrict', '540102002');
    hotel = await t.userWithRole('hotel', '540102');
  });
  afterAll(async () => { await t?.close(); });

  describe('flags', () => {
    it('flags a person with groups and needs, normalised and audited without personal data', async () => {
      const res = await put(`/api/persons/${elder}/care-flags`, { groups: ['chronically_ill', 'elderly', 'elderly'], needs: ['medicine'], note: '高血压，每日服药' }, bakuo.token);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        person: { id: elder, name: '次仁', phone: '139****5678', jurisdiction: { code: BAKUO_COMMUNITY, name: '绕赛社区居委会' } },
        groups: ['elderly', 'chronically_ill'], needs: ['medicine'], note: '高血压，每日服药', openTasks: 0, overdueTasks: 0,
      });
      expect(res.json().person.documentNumber).toMatch(/^540102\*+\d{3}[\dX]$/);
      const entries = await audit('care_flag', elder);
      expect(entries).toEqual([expect.objectContaining({ action: 'set', username: bakuo.username, detail: { groups: 2, needs: 1 } })]);
      expect(JSON.stringify(entries)).not.toMatch(/高血压|次仁|elderly/);

      expect((await put(`/api/persons/${mother}/care-flags`, { groups: ['pregnant'], needs: ['antenatal_care', 'food'] }, command.token)).statusCode).toBe(200);
      expect((await put(`/api/persons/${jiriPerson}/care-flags`, { groups: ['disabled'], needs: ['other'] }, jiri.token)).statusCode).toBe(200);
    });

    it('replaces the flags on a second call', async () => {
      const res = await put(`/api/persons/${elder}/care-flags`, { groups: ['elderly', 'chronically_ill'], needs: ['medicine', 'food'] }, bakuo.token);
      expect(res.json()).toMatchObject({ needs: ['medicine', 'food'], note: null });
      expect((await audit('care_flag', elder)).map((a) => a.action)).toEqual(['set', 'set']);
    });

    it("refuses people outside the caller's jurisdiction, and roles without care duties", async () => {
      expect((await put(`/api/persons/${jiriPerson}/care-flags`, { groups: ['elderly'], needs: [] }, bakuo.token)).statusCode).toBe(404);
      expect((await put('/api/persons/no-such-person/care-flags', { groups: ['elderly'], needs: [] }, bakuo.token)).statusCode).toBe(404);
      expect((await put(`/api/persons/${elder}/care-flags`, { groups: ['elderly'], needs: [] }, hotel.token)).statusCode).toBe(403);
      expect((await put(`/api/persons/${elder}/care-flags`, { groups: ['elderly'], needs: [] }, subdistrict.token)).statusCode).toBe(403);
      expect((await put(`/api/persons/${elder}/care-flags`, { groups: ['old'], needs: [] }, bakuo.token)).json()).toMatchObject({ code: 'validation', field: 'groups[0]' });
    });

    it('lists flagged persons in scope, by group and need', async () => {
      expect((await flags('', bakuo.token)).map((f) => f.person.id).sort()).toEqual([elder, mother].sort());
      expect((await flags('?group=pregnant', bakuo.token)).map((f) => f.person.id)).toEqual([mother]);
      expect((await flags('?need=medicine', bakuo.token)).map((f) => f.person.id)).toEqual([elder]);
      expect((await flags('?group=disabled', bakuo.token))).toEqual([]);
      expect((await flags('', jiri.token)).map((f) => f.person.id)).toEqual([jiriPerson]);
      expect((await flags('?within=540102002', subdistrict.token))).toHaveLength(2);
      const region = (await get('/api/care/flags?within=540102&pageSize=2', command.token)).json();
      expect(region).toMatchObject({ total: 3, page: 1, pageSize: 2 });
      expect(region.items).toHaveLength(2);
      expect((await get('/api/care/flags?within=540102', bakuo.token)).json()).toMatchObject({ code: 'outside_scope', field: 'within' });
      expect((await get('/api/care/flags', hotel.token)).statusCode).toBe(403);
      const lists = (await get('/api/audit?entity=care_flag&action=list', t.adminToken)).json().items as { username: string }[];
      expect(lists.length).toBeGreaterThanOrEqual(7);
    });

    it('clears the flags when groups and needs are empty', async () => {
      const res = await put(`/api/persons/${mother}/care-flags`, { groups: [], needs: [] }, bakuo.token);
      expect(res.statusCode).toBe(204);
      expect((await flags('', bakuo.token)).map((f) => f.person.id)).toEqual([elder]);
      expect((await audit('care_flag', mother)).map((a) => a.action)).toEqual(['clear', 'set']);
    });
  });

  describe('tasks', () => {
    it('creates a task assigned to community staff, idempotent per clientId', async () => {
      const body = { clientId: randomUUID(), personId: elder, title: '送降压药', need: 'medicine', assigneeId: bakuo.id, dueAt: hoursFromNow(2) };
      const res = await post('/api/care/tasks', body, bakuo.token);
      expect(res.statusCode).toBe(201);
      delivery = res.json();
      expect(delivery).toMatchObject({ person: { id: elder }, title: '送降压药', need: 'medicine', status: 'open', overdue: false, assignee: { id: bakuo.id }, closedAt: null });
      const retry = await post('/api/care/tasks', body, bakuo.token);
      expect(retry.statusCode).toBe(200);
      expect(retry.json().id).toBe(delivery.id);
      expect((await audit('care_task', delivery.id)).map((a) => a.action)).toEqual(['create']);
    });

    it('checks the assignee and the person', async () => {
      const base = { personId: elder, title: '送菜', need: 'food', dueAt: hoursFromNow(1) };
      expect((await post('/api/care/tasks', { ...base, assigneeId: jiri.id }, bakuo.token)).json()).toMatchObject({ code: 'validation', field: 'assigneeId' });
      expect((await post('/api/care/tasks', { ...base, assigneeId: hotel.id }, bakuo.token)).json()).toMatchObject({ code: 'validation', field: 'assigneeId' });
      expect((await post('/api/care/tasks', { ...base, personId: jiriPerson }, bakuo.token)).statusCode).toBe(404);
      expect((await post('/api/care/tasks', { ...base, dueAt: 'tomorrow' }, bakuo.token)).json()).toMatchObject({ code: 'validation', field: 'dueAt' });
      expect((await post('/api/care/tasks', base, subdistrict.token)).statusCode).toBe(403);
    });

    it('detects overdue tasks, on the list and on the flag', async () => {
      late = (await post('/api/care/tasks', { personId: elder, title: '协助透析转运', need: 'dialysis', dueAt: hoursFromNow(-1) }, command.token)).json();
      expect(late).toMatchObject({ status: 'open', overdue: true, assignee: null });
      expect((await tasks('?overdue=true', bakuo.token)).map((x) => x.id)).toEqual([late.id]);
      expect((await tasks('?overdue=false', bakuo.token)).map((x) => x.id)).toEqual([delivery.id]);
      expect((await tasks('?status=open', bakuo.token)).map((x) => x.id)).toEqual([late.id, delivery.id]);
      expect((await tasks('?overdue=true&within=5401', command.token)).map((x) => x.id)).toEqual([late.id]);
      expect((await tasks('?mine=true', bakuo.token)).map((x) => x.id)).toEqual([delivery.id]);
      expect((await tasks(`?personId=${elder}`, subdistrict.token))).toHaveLength(2);
      expect((await flags('', bakuo.token))[0]).toMatchObject({ openTasks: 2, overdueTasks: 1 });
    });

    it('keeps tasks inside the jurisdiction', async () => {
      expect(await tasks('', jiri.token)).toEqual([]);
      expect((await post(`/api/care/tasks/${delivery.id}/complete`, {}, jiri.token)).statusCode).toBe(404);
      expect((await post(`/api/care/tasks/${delivery.id}/cancel`, { reason: 'x' }, jiri.token)).statusCode).toBe(404);
      expect((await get('/api/care/tasks?within=540103', bakuo.token)).statusCode).toBe(403);
    });

    it('completes a task with a note, who and when; a retry changes nothing', async () => {
      const res = await post(`/api/care/tasks/${delivery.id}/complete`, { note: '已送达，本人签收' }, bakuo.token);
      expect(res.statusCode).toBe(200);
      const done = res.json<Task>();
      expect(done).toMatchObject({ status: 'done', overdue: false, closeNote: '已送达，本人签收', closedBy: { id: bakuo.id } });
      expect(Date.parse(done.closedAt!)).not.toBeNaN();
      const again = await post(`/api/care/tasks/${delivery.id}/complete`, undefined, bakuo.token);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toMatchObject({ status: 'done', closedAt: done.closedAt, closeNote: '已送达，本人签收' });
      const cancel = await post(`/api/care/tasks/${delivery.id}/cancel`, { reason: '重复' }, bakuo.token);
      expect(cancel.statusCode).toBe(409);
      expect(cancel.json()).toMatchObject({ code: 'care_task_closed', message: '该关爱任务已完成，不能再更改' });
      expect((await audit('care_task', delivery.id)).map((a) => a.action)).toEqual(['complete', 'create']);
    });

    it('cancels a task with a reason, which ends its overdue state', async () => {
      expect((await post(`/api/care/tasks/${late.id}/cancel`, {}, bakuo.token)).json()).toMatchObject({ code: 'validation', field: 'reason' });
      const res = await post(`/api/care/tasks/${late.id}/cancel`, { reason: '家属已自行送医' }, bakuo.token);
      expect(res.json()).toMatchObject({ status: 'cancelled', overdue: false, closeNote: '家属已自行送医', closedBy: { id: bakuo.id } });
      expect((await post(`/api/care/tasks/${late.id}/complete`, {}, bakuo.token)).json()).toMatchObject({ code: 'care_task_closed' });
      expect(await tasks('?overdue=true', bakuo.token)).toEqual([]);
      expect((await tasks('?status=cancelled', command.token)).map((x) => x.id)).toEqual([late.id]);
      expect((await flags('', bakuo.token))[0]).toMatchObject({ openTasks: 0, overdueTasks: 0 });
      expect((await audit('care_task', late.id)).map((a) => a.action)).toEqual(['cancel', 'create']);
      expect((await get('/api/audit?entity=care_task&action=list', t.adminToken)).json().total).toBeGreaterThan(0);
    });
  });

  it('documents the routes in the OpenAPI description', async () => {
    const spec = (await t.call(t.adminToken, { method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of ['/api/persons/{id}/care-flags', '/api/care/flags', '/api/care/tasks', '/api/care/tasks/{id}/complete', '/api/care/tasks/{id}/cancel']) {
      expect(spec.paths, path).toHaveProperty([path]);
    }
  });
});
