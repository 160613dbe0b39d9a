import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases';
import { startTestApp, type TestApp } from './support/app';
import { buildArrival, entryPointId, residentId } from './support/factories';

describe.each(DIALECTS)('logs on %s', (dialect) => {
  let t: TestApp;
  let logged = '';
  beforeAll(async () => {
    const sink = new Writable({ write(chunk, _enc, done) { logged += chunk.toString(); done(); } });
    t = await startTestApp(dialect, { logLevel: 'debug' }, sink);
  });
  afterAll(async () => { await t?.close(); });

  it('never carry names, phones or document numbers', async () => {
    const doc = residentId('19661010');
    const body = buildArrival(await entryPointId(t.ctx), { person: { documentType: 'resident_id', documentNumber: doc, name: '白玛央宗', phone: '13512340987' } });
    expect((await t.call(t.adminToken, { method: 'POST', url: '/api/arrivals', payload: body })).statusCode).toBe(201);
    await t.call(t.adminToken, { method: 'GET', url: `/api/arrivals?q=${doc}` });
    await t.call(t.adminToken, { method: 'GET', url: `/api/arrivals?q=${encodeURIComponent('白玛')}` });
    await t.call(t.adminToken, { method: 'POST', url: '/api/arrivals', payload: { ...body, clientId: crypto.randomUUID(), temperature: 'x' } });
    expect(logged).toContain('/api/arrivals');
    for (const secret of [doc, '白玛', '13512340987', t.adminToken]) expect(logged).not.toContain(secret);
  });
});
