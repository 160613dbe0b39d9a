// Input the platform must refuse or normalise (issue 10, points 11 and 12), on both databases.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS } from '../support/databases';
import { startTestApp, type TestApp } from '../support/app';
import { BAKUO_COMMUNITY, buildArrival, entryPointId, residentId, buildCase } from '../support/factories';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

describe.each(DIALECTS)('input rules on %s', (dialect) => {
  let t: TestApp;
  let desk: string;
  let cdc: string;
  let community: string;
  let entry: string;
  type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';
  const call = (token: string, method: Method, url: string, payload?: object, lang = 'zh-CN') =>
    t.call(token, { method, url, payload, headers: { 'accept-language': lang } });
  const expect400 = (res: { statusCode: number; body: string; json(): any }, field: string) => {
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ field });
    expect(res.json().message).toContain(field);
  };

  const person = (overrides: Record<string, unknown> = {}) => ({ documentType: 'resident_id', documentNumber: residentId('19900101'), name: '扎西', phone: '13912345678', ...overrides });
  const observationBody = (overrides: Record<string, unknown> = {}) => ({
    clientId: randomUUID(),
    person: person({ name: '排查人员' }),
    reason: 'community_check',
    communityCode: BAKUO_COMMUNITY,
    startAt: iso(Date.now() - DAY),
    ...overrides,
  });

  beforeAll(async () => {
    t = await startTestApp(dialect);
    desk = (await t.userWithRole('triage_desk', '5401')).token;
    cdc = (await t.userWithRole('cdc', '5401')).token;
    community = (await t.userWithRole('community', BAKUO_COMMUNITY)).token;
    entry = await entryPointId(t.ctx);
  });
  afterAll(async () => { await t?.close(); });

  describe('bodies are taken as sent', () => {
    it('does not coerce types in a body: name 123 and contactWithAffected 0 are refused, naming the field', async () => {
      expect400(await call(desk, 'POST', '/api/arrivals', buildArrival(entry, { person: person({ name: 123 }) })), 'person.name');
      expect400(await call(desk, 'POST', '/api/arrivals', buildArrival(entry, { contactWithAffected: 0 })), 'contactWithAffected');
      expect400(await call(desk, 'POST', '/api/arrivals', buildArrival(entry, { temperature: '36.5' })), 'temperature');
      expect400(await call(t.adminToken, 'POST', '/api/users', { username: 'typed_user', password: 'password-typed', displayName: 123, role: 'command', jurisdictionCode: '5401' }), 'displayName');
      expect(await t.ctx.db.selectFrom('users').select('id').where('username', '=', 'typed_user').executeTakeFirst()).toBeUndefined();
    });

    it('still reads numbers and booleans from the querystring', async () => {
      const res = await call(t.adminToken, 'GET', '/api/users?page=1&pageSize=5');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().items.length).toBeLessThanOrEqual(5);
    });

    it('refuses an unknown field instead of dropping it: PATCH a user with role answers 400 and changes nothing', async () => {
      const user = await t.userWithRole('community', BAKUO_COMMUNITY);
      const res = await call(t.adminToken, 'PATCH', `/api/users/${user.id}`, { role: 'admin' });
      expect400(res, 'role');
      const en = await call(t.adminToken, 'PATCH', `/api/users/${user.id}`, { displayName: '新名字', role: 'admin' }, 'en');
      expect(en.json()).toMatchObject({ code: 'validation', field: 'role', message: 'Field "role" is not a known field' });
      const stored = await t.ctx.db.selectFrom('users').select(['role', 'display_name']).where('id', '=', user.id).executeTakeFirstOrThrow();
      expect(stored.role).toBe('community');
      expect(stored.display_name).not.toBe('新名字');
    });

    it('names an unknown field inside a nested object', async () => {
      expect400(await call(desk, 'POST', '/api/arrivals', buildArrival(entry, { person: person({ religion: 'x' }) })), 'person.religion');
    });
  });

  describe('strings are normalised before they are validated', () => {
    it('refuses a name of spaces or of an ideographic space as empty', async () => {
      for (const name of ['   ', '\u3000', '\u200B\u3000 ', '\u202E']) {
        expect400(await call(desk, 'POST', '/api/arrivals', buildArrival(entry, { person: person({ name }) })), 'person.name');
      }
      expect400(await call(t.adminToken, 'POST', '/api/users', { username: 'blank_user', password: 'password-blank', displayName: '\u3000', role: 'command', jurisdictionCode: '5401' }), 'displayName');
    });

    it('stores names in NFC without invisible or control characters, trimmed', async () => {
      const res = await call(desk, 'POST', '/api/arrivals', buildArrival(entry, { person: person({ name: '\u3000 Jose\u0301\u200B\u0007 ' }) }));
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().person.name).toBe('Jos\u00E9');
      const stored = await t.ctx.db.selectFrom('persons').select('name').where('id', '=', res.json().person.id).executeTakeFirstOrThrow();
      expect(stored.name).toBe('Jos\u00E9');
    });
  });

  describe('the observation reason is a policy reason', () => {
    it('refuses free text and an oversized reason, naming the field; accepts a policy reason', async () => {
      const free = await call(community, 'POST', '/api/observations', observationBody({ reason: '家里有事' }));
      expect400(free, 'reason');
      const unknown = await call(community, 'POST', '/api/observations', observationBody({ reason: 'no_such_policy' }));
      expect400(unknown, 'reason');
      const huge = await call(community, 'POST', '/api/observations', observationBody({ reason: 'x'.repeat(9 * 1024 * 1024) }));
      expect400(huge, 'reason');
      const ok = await call(community, 'POST', '/api/observations', observationBody({ reason: 'home_observation' }));
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json().reason).toBe('home_observation');
    });
  });

  describe('a clientId reused with a different body is a conflict', () => {
    const reuse = async (token: string, url: string, first: Record<string, unknown>, changed: Record<string, unknown>, created = 201) => {
      const a = await call(token, 'POST', url, first);
      expect(a.statusCode, a.body).toBe(created);
      const retry = await call(token, 'POST', url, first);
      expect(retry.statusCode, retry.body).toBe(200);
      const other = await call(token, 'POST', url, { ...first, ...changed });
      expect(other.statusCode, other.body).toBe(409);
      expect(other.json()).toMatchObject({ code: 'client_id_reused', field: 'clientId' });
      return { first: a.json(), retry: retry.json() };
    };

    it('for an arrival', async () => {
      const body = buildArrival(entry);
      const { first, retry } = await reuse(desk, '/api/arrivals', body, { person: person({ name: '另一个人' }), temperature: 39 });
      expect(retry.id).toBe(first.id);
      expect(await t.ctx.db.selectFrom('arrivals').select('id').where('client_id', '=', body.clientId).execute()).toHaveLength(1);
    });

    it('for a case report and an exposure', async () => {
      const body = buildCase();
      const { first } = await reuse(cdc, '/api/cases', body, { classification: 'confirmed', clinicalType: 'mild' });
      const exposure = { clientId: randomUUID(), setting: 'household', placeCode: BAKUO_COMMUNITY, address: '北京东路12号', from: iso(Date.now() - 30 * HOUR), to: iso(Date.now() - 28 * HOUR) };
      await reuse(cdc, `/api/cases/${first.id}/exposures`, exposure, { address: '别处' });
    });

    it('for an observation opened by hand and a care task', async () => {
      const body = observationBody();
      const { first } = await reuse(community, '/api/observations', body, { startAt: iso(Date.now() - 2 * DAY) });
      const task = { clientId: randomUUID(), personId: first.person.id, title: '送药', need: 'medicine', dueAt: iso(Date.now() + DAY) };
      await reuse(community, '/api/care/tasks', task, { title: '送菜' });
    });

    it('for a reading in a batch, naming the reading', async () => {
      const o = (await call(community, 'POST', '/api/observations', observationBody())).json();
      const reading = { clientId: randomUUID(), observationId: o.id, takenAt: iso(Date.now() - HOUR), temperature: 36.6, symptoms: [] };
      expect((await call(community, 'POST', '/api/observations/checks', { checks: [reading] })).json()).toMatchObject({ saved: 1 });
      expect((await call(community, 'POST', '/api/observations/checks', { checks: [reading] })).json()).toMatchObject({ saved: 0, duplicates: 1 });
      const changed = await call(community, 'POST', '/api/observations/checks', { checks: [{ ...reading, clientId: randomUUID() }, { ...reading, temperature: 38.9 }] });
      expect(changed.statusCode, changed.body).toBe(409);
      expect(changed.json()).toMatchObject({ code: 'client_id_reused', field: 'checks[1].clientId' });
      expect(await t.ctx.db.selectFrom('observation_checks').select('temperature').where('observation_id', '=', o.id).execute()).toEqual([{ temperature: 36.6 }]);
    });

    it('also when the two arrive at once', async () => {
      const body = buildArrival(entry);
      const results = await Promise.all([
        call(desk, 'POST', '/api/arrivals', body),
        call(desk, 'POST', '/api/arrivals', { ...body, temperature: 38.5 }),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      expect(await t.ctx.db.selectFrom('arrivals').select('id').where('client_id', '=', body.clientId).execute()).toHaveLength(1);
    });
  });

  it('answers twenty concurrent creations of one username with one 201 and nineteen 409', async () => {
    const payload = { username: 'racer', password: 'Racer-password-1', displayName: '并发', role: 'command', jurisdictionCode: '5401' };
    const results = await Promise.all(Array.from({ length: 20 }, () => call(t.adminToken, 'POST', '/api/users', payload)));
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(19);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json()).toMatchObject({ code: 'conflict', field: 'username' });
  });

  describe('dates are plausible', () => {
    it('refuses firstPositiveAt 0001-01-01 with 400 and stores nothing', async () => {
      const body = buildCase({ firstPositiveAt: '0001-01-01T00:00:00Z' });
      expect400(await call(cdc, 'POST', '/api/cases', body), 'firstPositiveAt');
      expect(await t.ctx.db.selectFrom('cases').select('id').where('client_id', '=', body.clientId).execute()).toEqual([]);
    });

    it('refuses an observation that starts in 1900', async () => {
      const body = observationBody({ startAt: '1900-01-01T00:00:00Z' });
      expect400(await call(community, 'POST', '/api/observations', body), 'startAt');
      expect400(await call(community, 'POST', '/api/observations', observationBody({ startAt: iso(Date.now() - 400 * DAY) })), 'startAt');
      expect(await t.ctx.db.selectFrom('observations').select('id').where('client_id', '=', body.clientId).execute()).toEqual([]);
    });

    it('refuses year 9999 and leap seconds with 400, never 500 or a stored record', async () => {
      const cases: [string, Record<string, unknown>, string][] = [
        ['/api/arrivals', buildArrival(entry, { arrivedAt: '9999-12-31T23:59:59Z' }), 'arrivedAt'],
        ['/api/arrivals', buildArrival(entry, { arrivedAt: '2016-12-31T23:59:60Z' }), 'arrivedAt'],
        ['/api/arrivals', buildArrival(entry, { visited: [{ code: '5101', from: '0001-01-01', to: '2022-01-01' }] }), 'visited[0].from'],
        ['/api/cases', buildCase({ firstPositiveAt: '9999-12-31T00:00:00Z' }), 'firstPositiveAt'],
        ['/api/cases', buildCase({ firstPositiveAt: '2016-12-31T23:59:60Z' }), 'firstPositiveAt'],
        ['/api/cases', buildCase({ onsetDate: '9999-01-01' }), 'onsetDate'],
        ['/api/observations', observationBody({ startAt: '2016-12-31T23:59:60Z' }), 'startAt'],
      ];
      for (const [url, body, field] of cases) {
        const token = url === '/api/arrivals' ? desk : url === '/api/cases' ? cdc : community;
        expect400(await call(token, 'POST', url, body), field);
      }
      const en = await call(cdc, 'POST', '/api/cases', buildCase({ firstPositiveAt: '9999-12-31T00:00:00Z' }), 'en');
      expect(en.json().message).toMatch(/^Field "firstPositiveAt" must not be after \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      const early = await call(cdc, 'POST', '/api/cases', buildCase({ firstPositiveAt: '2019-11-30T00:00:00Z' }));
      expect(early.json().message).toBe('字段“firstPositiveAt”不能早于 2019-12-01 00:00');
      const task = { personId: 'x', title: '送药', need: 'medicine', dueAt: '9999-01-01T00:00:00Z' };
      expect400(await call(community, 'POST', '/api/care/tasks', task), 'dueAt');
    });

    it('bounds dates in queries too', async () => {
      expect400(await call(cdc, 'GET', '/api/cases?from=0001-01-01'), 'from');
      expect400(await call(cdc, 'GET', '/api/cases?to=9999-12-31'), 'to');
      expect400(await call(t.adminToken, 'GET', '/api/audit?from=2016-12-31T23:59:60Z'), 'from');
    });

    it('follows the configured earliest date and future tolerance', async () => {
      const strict = await startTestApp(dialect, { dates: { earliestDate: '2022-01-01', futureToleranceHours: 0, observationStartMaxDays: 30, planHorizonDays: 366 } });
      try {
        const token = (await strict.userWithRole('cdc', '5401')).token;
        const post = (body: object) => strict.call(token, { method: 'POST', url: '/api/cases', payload: body });
        expect400(await post(buildCase({ firstPositiveAt: '2021-12-31T00:00:00Z' })), 'firstPositiveAt');
        expect400(await post(buildCase({ firstPositiveAt: iso(Date.now() + 10 * 60_000) })), 'firstPositiveAt');
        expect((await post(buildCase({ firstPositiveAt: '2022-01-02T00:00:00Z' }))).statusCode).toBe(201);
      } finally {
        await strict.close();
      }
    });
  });

  it('renders a stored case with an out-of-range date in every list and record', async () => {
    const created = (await call(cdc, 'POST', '/api/cases', buildCase())).json();
    // As saved by the code before these rules.
    await sql`update cases set first_positive_at = ${'0001-01-01T00:00:00.000Z'} where id = ${created.id}`.execute(t.ctx.db);
    const region = (await t.userWithRole('command', '54')).token;
    for (const token of [region, cdc]) {
      const list = await call(token, 'GET', '/api/cases?pageSize=500');
      expect(list.statusCode, list.body).toBe(200);
      const item = list.json().items.find((c: { id: string }) => c.id === created.id);
      expect(item.firstPositiveAt).toMatch(/^0001-01-01T00:00:00/);
    }
    for (const url of [`/api/cases/${created.id}`, `/api/cases/${created.id}/chain`, '/api/cases/waiting', '/api/cases/daily', '/api/clusters', `/api/persons/${created.person.id}`]) {
      const res = await call(region, 'GET', url);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    }
  });
});
