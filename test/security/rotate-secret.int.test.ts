// Rotating the secret: every sealed field and keyed index moves to the new secret, a second run
// changes nothing, and the platform started with the new secret finds and reveals everyone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../support/app';
import { BAKUO_COMMUNITY, buildArrival, entryPointId, residentId } from '../support/factories';
import { buildApp } from '../../src/server/app';
import { createFieldCrypto } from '../../src/server/field-crypto';
import { rotateSecret } from '../../src/db/rotate-secret';

const NEW_SECRET = 'the-new-secret-of-sufficient-length-0123456789';

describe.each(DIALECTS)('rotating the secret on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(dialect); });
  afterAll(async () => { await t?.close(); });

  it('re-seals identities, stated phones and requests, and the platform works on under the new secret', async () => {
    const airport = await entryPointId(t.ctx);
    const documentNumber = residentId('19700101');
    const desk = (await t.userWithRole('triage_desk', '5401')).token;
    const linzhou = (await t.userWithRole('triage_desk', '540121')).token;
    const register = (token: string, phone: string, destination: object) =>
      t.call(token, { method: 'POST', url: '/api/arrivals', payload: buildArrival(airport, { person: { documentType: 'resident_id', documentNumber, name: '轮换', phone }, destination }) });
    expect((await register(desk, '13811112222', { code: BAKUO_COMMUNITY, address: '一号' })).statusCode).toBe(201);
    expect((await register(linzhou, '13933334444', { code: '540121100201', address: '二号' })).statusCode).toBe(201);

    const to = createFieldCrypto(NEW_SECRET);
    const first = await rotateSecret(t.ctx.db, t.ctx.crypto, to);
    expect(first.persons).toBeGreaterThanOrEqual(1);
    expect(first.stated).toBeGreaterThanOrEqual(1);
    const stored = await t.ctx.db.selectFrom('persons').selectAll().execute();
    const sealed = JSON.stringify(stored);
    const person = stored.find((p) => to.decrypt(p.document_enc) === documentNumber)!;
    expect(person.document_key).toBe(to.blindIndex(`resident_id:${documentNumber}`));
    expect(() => t.ctx.crypto.decrypt(person.document_enc)).toThrow();
    const arrival = await t.ctx.db.selectFrom('arrivals').select('stated_phone_enc').where('stated_phone_enc', 'is not', null).executeTakeFirstOrThrow();
    expect(to.decrypt(arrival.stated_phone_enc!)).toBe('13933334444');
    const request = await t.ctx.db.selectFrom('assistance_requests').select('proposed').executeTakeFirstOrThrow();
    expect(to.decrypt(JSON.parse(request.proposed!).phoneEnc)).toBe('13933334444');

    // Again: nothing left to move, nothing changed.
    await rotateSecret(t.ctx.db, t.ctx.crypto, to);
    expect(JSON.stringify(await t.ctx.db.selectFrom('persons').selectAll().execute())).toBe(sealed);

    const { app } = await buildApp({ ...t.ctx.config, secret: NEW_SECRET }, { logger: false });
    try {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD } });
      const auth = { authorization: `Bearer ${login.json().token}` };
      const found = (await app.inject({ method: 'GET', url: `/api/persons?q=${documentNumber}`, headers: auth })).json();
      expect(found.items.map((p: any) => p.id)).toEqual([person.id]);
      const revealed = (await app.inject({ method: 'POST', url: `/api/persons/${person.id}/reveal`, headers: auth })).json();
      expect(revealed).toEqual({ documentNumber, phone: '13811112222' });
    } finally {
      await app.close();
    }
  });
});
