// Who may change region-wide settings, who reads which audit records (and that reading them is on
// record), and exports: audited at their start, their own permission, a row cap, a first line naming
// who made the file and when, formula-safe cells.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases';
import { startTestApp, type TestApp } from '../support/app';
import { BAKUO_COMMUNITY, buildArrival, entryPointId } from '../support/factories';
import { exportArrivals } from '../../src/modules/arrivals/export';
import { writeAudit } from '../../src/modules/audit/repository';
import type { CurrentUser } from '../../src/server/context';

type User = { token: string; id: string; username: string };

describe.each(DIALECTS)('region-wide settings, the audit log and exports on %s', (dialect) => {
  let t: TestApp;
  let countyAdmin: User;
  let otherCountyAdmin: User;
  let districtCommand: User;
  let regionCommand: User;
  let community: User;
  let entryPoint: string;

  const auditRows = (where: { action: string; entity: string; userId?: string }) => {
    let q = t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', where.action).where('entity', '=', where.entity);
    if (where.userId) q = q.where('user_id', '=', where.userId);
    return q.orderBy('id').execute();
  };

  /** The user as the server sees them on a request. */
  const asCurrent = async (id: string): Promise<CurrentUser> => {
    const u = await t.ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return { id: u.id, username: u.username, displayName: u.display_name, role: u.role, jurisdictionCode: u.jurisdiction_code, canReveal: !!u.can_reveal, source: '127.0.0.1' };
  };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    countyAdmin = await t.userWithRole('admin', '540102'); // 城关区
    otherCountyAdmin = await t.userWithRole('admin', '540121'); // 林周县
    districtCommand = await t.userWithRole('command', '540102');
    regionCommand = await t.userWithRole('command', '54');
    community = await t.userWithRole('community', BAKUO_COMMUNITY);
    entryPoint = await entryPointId(t.ctx);
    for (let i = 0; i < 3; i++) {
      const res = await t.call(t.adminToken, { method: 'POST', url: '/api/arrivals', payload: buildArrival(entryPoint, { temperature: 38.2 }) });
      expect(res.statusCode, res.body).toBe(201);
    }
  });
  afterAll(async () => { await t?.close(); });

  describe('region-wide settings', () => {
    it('refuses a county admin the observation periods of the whole region, and changes nothing', async () => {
      const before = (await t.call(t.adminToken, { method: 'GET', url: '/api/observations/policies' })).json<{ reason: string; centralisedDays: number; homeDays: number }[]>();
      const policy = before[0];
      const res = await t.call(countyAdmin.token, {
        method: 'PUT', url: `/api/observations/policies/${policy.reason}`, payload: { centralisedDays: 1, homeDays: 0 },
      });
      expect([res.statusCode, res.json().code]).toEqual([403, 'region_root_only']);
      expect(res.json().message).toContain('全区');
      const en = await t.call(countyAdmin.token, {
        method: 'PUT', url: `/api/observations/policies/${policy.reason}`, payload: { centralisedDays: 1, homeDays: 0 }, headers: { 'accept-language': 'en' },
      });
      expect(en.json().message).toMatch(/whole region \(54\)/);
      expect((await t.call(t.adminToken, { method: 'GET', url: '/api/observations/policies' })).json()).toEqual(before);
      expect(await auditRows({ action: 'update', entity: 'observation_policy', userId: countyAdmin.id })).toHaveLength(0);
      // The region's administrator still may.
      const ok = await t.call(t.adminToken, {
        method: 'PUT', url: `/api/observations/policies/${policy.reason}`, payload: { centralisedDays: policy.centralisedDays, homeDays: policy.homeDays },
      });
      expect(ok.statusCode).toBe(200);
    });

    it('refuses a district command user the national situation on every screen, JSON or CSV, and stores nothing', async () => {
      const asOf = new Date(Date.now() - 86_400_000).toISOString();
      const json = await t.call(districtCommand.token, {
        method: 'POST', url: '/api/situation', payload: { clientId: randomUUID(), asOf, provinces: [{ code: '51', confirmedNew: 3 }] },
      });
      expect([json.statusCode, json.json().code]).toEqual([403, 'region_root_only']);
      const csv = await t.call(districtCommand.token, {
        method: 'POST', url: `/api/situation/import?clientId=${randomUUID()}&asOf=${encodeURIComponent(asOf)}`,
        payload: '省份,新增确诊\n四川,3\n', headers: { 'content-type': 'text/csv; charset=utf-8' },
      });
      expect([csv.statusCode, csv.json().code]).toEqual([403, 'region_root_only']);
      expect((await t.call(t.adminToken, { method: 'GET', url: '/api/situation' })).json().report).toBeNull();
      expect(await t.ctx.db.selectFrom('situation_reports').selectAll().execute()).toHaveLength(0);
      // The region's command centre still may.
      const ok = await t.call(regionCommand.token, {
        method: 'POST', url: '/api/situation', payload: { clientId: randomUUID(), asOf, provinces: [{ code: '51', confirmedNew: 3 }] },
      });
      expect(ok.statusCode, ok.body).toBe(201);
    });
  });

  describe('the audit log', () => {
    it('shows a county admin the records of accounts in its own jurisdiction only', async () => {
      for (const token of [countyAdmin.token, otherCountyAdmin.token, t.adminToken]) {
        expect((await t.call(token, { method: 'GET', url: '/api/arrivals' })).statusCode).toBe(200);
      }
      const seen = async (token: string) =>
        new Set(((await t.call(token, { method: 'GET', url: '/api/audit?action=list&entity=arrival&pageSize=500' })).json().items as { username: string }[]).map((i) => i.username));
      const county = await seen(countyAdmin.token);
      expect(county.has(countyAdmin.username)).toBe(true);
      expect(county.has(otherCountyAdmin.username)).toBe(false);
      expect(county.has('admin')).toBe(false);
      const other = await seen(otherCountyAdmin.token);
      expect(other.has(otherCountyAdmin.username)).toBe(true);
      expect(other.has(countyAdmin.username)).toBe(false);
      // The region's root sees every account's records.
      const region = await seen(t.adminToken);
      expect([...region]).toEqual(expect.arrayContaining([countyAdmin.username, otherCountyAdmin.username, 'admin']));
    });

    it('leaves records of anonymous requests (failed logins) to the region’s root', async () => {
      await writeAudit(t.ctx.db, null, [{ action: 'login_failed', entity: 'user', entityId: countyAdmin.id, outcome: 'failed' }], '198.51.100.7');
      const anonymous = async (token: string) =>
        ((await t.call(token, { method: 'GET', url: `/api/audit?entity=user&entityId=${countyAdmin.id}&pageSize=500` })).json().items as { userId: string | null }[])
          .filter((i) => i.userId === null);
      expect((await anonymous(t.adminToken)).length).toBeGreaterThan(0);
      expect(await anonymous(countyAdmin.token)).toEqual([]);
    });

    it('audits every reading of the audit log, with its filters', async () => {
      const before = (await auditRows({ action: 'read', entity: 'audit_log', userId: countyAdmin.id })).length;
      expect((await t.call(countyAdmin.token, { method: 'GET', url: '/api/audit?entity=arrival&pageSize=10' })).statusCode).toBe(200);
      const reads = await auditRows({ action: 'read', entity: 'audit_log', userId: countyAdmin.id });
      expect(reads).toHaveLength(before + 1);
      const last = reads[reads.length - 1];
      expect(last).toMatchObject({ username: countyAdmin.username, jurisdiction_code: '540102', outcome: 'ok' });
      expect(JSON.parse(last.detail!).filters).toMatchObject({ entity: 'arrival', pageSize: 10 });
      // Readings are themselves within the reader's scope: the region sees the county's reading.
      const region = (await t.call(t.adminToken, { method: 'GET', url: `/api/audit?action=read&entity=audit_log&username=${countyAdmin.username}` })).json();
      expect(region.total).toBe(before + 1);
    });
  });

  describe('exports', () => {
    it('are their own permission: a community worker who may list arrivals may not export them', async () => {
      expect((await t.call(community.token, { method: 'GET', url: '/api/arrivals' })).statusCode).toBe(200);
      const res = await t.call(community.token, { method: 'GET', url: '/api/arrivals/export?format=csv' });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('forbidden');
      expect((await t.call(regionCommand.token, { method: 'GET', url: '/api/arrivals/export?format=csv' })).statusCode).toBe(200);
    });

    it('are audited at their start with the filter values, before a single row is read, so an aborted one is on record', async () => {
      const admin = await asCurrent((await t.ctx.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id);
      const before = (await auditRows({ action: 'export', entity: 'arrival', userId: admin.id })).length;
      const file = await exportArrivals(t.ctx, admin, { abnormal: true, destCode: '540102', q: '扎西' }, 'xlsx', 'zh');
      // Nothing of the file has been read: the client went away at once.
      const exports = await auditRows({ action: 'export', entity: 'arrival', userId: admin.id });
      file.destroy();
      expect(exports).toHaveLength(before + 1);
      const record = exports[exports.length - 1];
      expect(record.outcome).toBe('ok');
      const detail = JSON.parse(record.detail!);
      expect(detail).toMatchObject({ format: 'xlsx', rows: 3, filters: { abnormal: true, destCode: '540102' } });
      // The searched name is kept only as its keyed hash.
      expect(detail.filters.q).toBeUndefined();
      expect(typeof detail.filters.qHash).toBe('string');
      expect(record.detail).not.toContain('扎西');
    });

    it('are refused above the row cap, and the refusal is audited', async () => {
      const cap = t.ctx.config.exportMaxRows;
      t.ctx.config.exportMaxRows = 2;
      try {
        const res = await t.call(regionCommand.token, { method: 'GET', url: '/api/arrivals/export?format=csv&abnormal=true' });
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('export_too_large');
        expect(res.json().message).toContain('2');
        const refused = (await auditRows({ action: 'export', entity: 'arrival', userId: regionCommand.id })).filter((r) => r.outcome === 'denied');
        expect(refused).toHaveLength(1);
        expect(JSON.parse(refused[0].detail!)).toMatchObject({ rows: 3, maxRows: 2, filters: { abnormal: true } });
      } finally {
        t.ctx.config.exportMaxRows = cap;
      }
    });

    it('name who exported the file and when on its first line', async () => {
      const csv = await t.call(regionCommand.token, { method: 'GET', url: '/api/arrivals/export?format=csv' });
      const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
      expect(lines[0]).toMatch(new RegExp(`^导出人：${regionCommand.username}（${regionCommand.username}）；导出时间：\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} \\(Asia/Shanghai\\)$`));
      expect(lines[1]).toMatch(/^登记时间,姓名/);
      const en = await t.call(regionCommand.token, { method: 'GET', url: '/api/arrivals/export?format=csv', headers: { 'accept-language': 'en' } });
      expect(en.body.replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(new RegExp(`^Exported by ${regionCommand.username} \\(${regionCommand.username}\\) at `));
    });

    it('escape cells that begin with a TAB or a CR as they do = + - @', async () => {
      // Values from before input was cleaned, or from another system: written straight into the database.
      const arrival = await t.ctx.db.selectFrom('arrivals').select('id').executeTakeFirstOrThrow();
      await t.ctx.db.updateTable('arrivals').set({ transport_number: '\t=1+2' }).where('id', '=', arrival.id).execute();
      await t.ctx.db.updateTable('entry_points').set({ name: '\r@SUM(1)' }).where('id', '=', entryPoint).execute();
      const csv = (await t.call(t.adminToken, { method: 'GET', url: '/api/arrivals/export?format=csv' })).body;
      expect(csv).toContain(",'\t=1+2,");
      expect(csv).toContain(`,"'\r@SUM(1)",`);
      expect(csv).not.toMatch(/,\t=1\+2,/);
    });
  });
});
