// The scope matrix, generated from the OpenAPI: every GET endpoint with personal data, called by
// every role from a jurisdiction holding the records and from one that does not. Inside, a record
// answers 200 to a role that may read it; outside, no answer names it. An endpoint added without
// a fixture here fails the test, so a new personal endpoint cannot go untested.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases';
import { startTestApp, type TestApp } from '../support/app';
import { BAKUO_COMMUNITY, buildArrival, entryPointId, residentId } from '../support/factories';
import { isWithin } from '../../src/domain/division-code';
import type { Role } from '../../src/domain/enums';

const PERSONAL_TAGS = ['arrivals', 'persons', 'observations', 'alerts', 'cases', 'care', 'assistance'];
/** Settings and figures without personal data, under personal tags. */
const NOT_PERSONAL = ['/api/observations/policies', '/api/cases/daily'];
const HOUR = 3_600_000;

// Each role from inside (holding 城关区's records) and outside (林周县).
const USERS: { role: Role; inside: string; outside: string }[] = [
  { role: 'command', inside: '540102', outside: '540121' },
  { role: 'cdc', inside: '540102', outside: '540121' },
  { role: 'triage_desk', inside: '540102', outside: '540121' },
  { role: 'subdistrict', inside: '540102002', outside: '540121100' },
  { role: 'community', inside: BAKUO_COMMUNITY, outside: '540121100201' },
  { role: 'admin', inside: '5401', outside: '5402' },
];

describe.each(DIALECTS)('scope matrix from the OpenAPI on %s', (dialect) => {
  let t: TestApp;
  const name = '矩阵卓嘎';
  const ids: Record<string, string> = {};
  /** Where each record lies: a caller sees it when one of these codes is inside their jurisdiction. */
  const scopes: Record<string, string[]> = {};

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const call = (token: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => t.call(token, { method, url, payload });
    const desk = (await t.userWithRole('triage_desk', '5401')).token;
    const cdc = (await t.userWithRole('cdc', '540102')).token;
    const community = (await t.userWithRole('community', BAKUO_COMMUNITY)).token;
    const documentNumber = residentId('19850505');
    const a = (await call(desk, 'POST', '/api/arrivals', buildArrival(await entryPointId(t.ctx), { person: { documentType: 'resident_id', documentNumber, name, phone: '13712345678' } }))).json();
    for (const token of [(await t.userWithRole('subdistrict', '540102002')).token, community]) await call(token, 'POST', `/api/arrivals/${a.id}/receive`, {});
    const o = (await call(community, 'GET', '/api/observations?status=active')).json().items.find((x: any) => x.arrivalId === a.id);
    await call(community, 'PUT', `/api/persons/${a.person.id}/care-flags`, { groups: ['elderly'], needs: ['medicine'] });
    const c = (await call(cdc, 'POST', '/api/cases', {
      clientId: randomUUID(), person: { documentType: 'resident_id', documentNumber: residentId('19860606'), name: `${name}病例`, phone: '13712345679' }, communityCode: BAKUO_COMMUNITY,
      classification: 'asymptomatic', origin: 'local', foundBy: 'community_screening', jurisdictionCode: '540102', firstPositiveAt: new Date(Date.now() - 2 * HOUR).toISOString(), reportingUnit: '拉萨市疾控中心',
    })).json();
    const e = (await call(cdc, 'POST', `/api/cases/${c.id}/exposures`, {
      clientId: randomUUID(), setting: 'household', placeCode: BAKUO_COMMUNITY, address: '北京东路12号', from: new Date(Date.now() - 30 * HOUR).toISOString(), to: new Date(Date.now() - 28 * HOUR).toISOString(),
    })).json();
    const contact = (await call(cdc, 'POST', `/api/exposures/${e.id}/contacts`, { person: { documentType: 'resident_id', documentNumber: residentId('19870707'), name: `${name}密接`, phone: '13712345670' }, communityCode: BAKUO_COMMUNITY })).json();
    Object.assign(ids, { arrivals: a.id, persons: a.person.id, observations: o.id, cases: c.id, contacts: contact.id });
    Object.assign(scopes, {
      arrivals: [a.destination.code, a.route.first.code, a.route.second?.code].filter(Boolean),
      persons: [BAKUO_COMMUNITY],
      observations: [BAKUO_COMMUNITY],
      cases: ['540102'],
      contacts: ['540102', BAKUO_COMMUNITY],
    });
  });
  afterAll(async () => { await t?.close(); });

  function endpoints() {
    const spec = t.app.swagger() as { paths: Record<string, Record<string, { tags?: string[]; parameters?: { in: string; name: string; required?: boolean; schema?: { enum?: string[]; anyOf?: { const?: string }[]; default?: unknown } }[] }>> };
    return Object.entries(spec.paths).flatMap(([path, ops]) => {
      const op = ops.get;
      if (!op || !op.tags?.some((tag) => PERSONAL_TAGS.includes(tag)) || NOT_PERSONAL.includes(path)) return [];
      const entity = /^\/api\/([a-z-]+)\/\{id\}/.exec(path)?.[1] ?? null;
      const query = (op.parameters ?? []).filter((p) => p.in === 'query' && p.required && p.schema?.default === undefined)
        .map((p) => `${p.name}=${p.schema?.enum?.[0] ?? p.schema?.anyOf?.[0]?.const ?? ''}`).join('&');
      return [{ path, entity, url: path.replace('{id}', entity ? ids[entity] : '') + (query ? `?${query}` : '') }];
    });
  }

  it('covers every personal endpoint', () => {
    const list = endpoints();
    expect(list.length).toBeGreaterThan(20);
    for (const e of list) if (e.path.includes('{')) expect(e.entity && ids[e.entity], `no fixture for ${e.path}`).toBeTruthy();
  });

  it.each(USERS)('shows $role inside what it holds and outside nothing', async ({ role, inside, outside }) => {
    const insider = (await t.userWithRole(role, inside)).token;
    const outsider = (await t.userWithRole(role, outside)).token;
    const names = [name, `${name}病例`, `${name}密接`];
    const secrets = [...names, ...Object.values(ids)];
    let insideSeen = 0;
    for (const e of endpoints()) {
      const out = await t.call(outsider, { method: 'GET', url: e.url });
      expect([200, 403, 404], `${role} outside ${e.url}: ${out.statusCode}`).toContain(out.statusCode);
      if (e.entity) expect(out.statusCode, `${role} outside ${e.url}`).not.toBe(200);
      for (const s of secrets) expect(out.body.includes(s), `${role} outside ${e.url} names ${s}`).toBe(false);

      const res = await t.call(insider, { method: 'GET', url: e.url });
      if (res.statusCode === 403) continue;
      if (e.entity) {
        const holds = scopes[e.entity].some((code) => isWithin(code, inside));
        const expected = holds ? [200, ...(e.path.endsWith('/notice') ? [404, 409] : [])] : [404];
        expect(expected, `${role} inside ${e.url}: ${res.statusCode}`).toContain(res.statusCode);
        if (res.statusCode === 200) insideSeen++;
      } else {
        expect(res.statusCode, `${role} inside ${e.url}`).toBe(200);
        if (names.some((n) => res.body.includes(n))) insideSeen++;
      }
    }
    expect(insideSeen, `${role} inside sees its records`).toBeGreaterThan(0);
  });
});
