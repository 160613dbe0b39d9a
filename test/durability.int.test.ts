// Every registration the server acknowledged survives a SIGKILL of the process.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../src/db/database';
import { createTestDatabase, DIALECTS, type TestDatabase } from './support/databases';
import { buildArrival } from './support/factories';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const FIRST_PASSWORD = 'Durable-admin-1';
const PASSWORD = 'Durable-admin-2';

function post(url: string, body: object, token?: string): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
}

async function start(database: TestDatabase, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: database.url, FANGKONG_DATA_DIR: database.dataDir, FANGKONG_ADMIN_PASSWORD: FIRST_PASSWORD, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch { /* starting */ }
    await sleep(100);
  }
  throw new Error('server did not start');
}

describe.each(DIALECTS)('durability on %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => { database = await createTestDatabase(dialect); });
  afterAll(async () => { await database?.drop(); });

  it('keeps every acknowledged registration when the process is killed mid-load', { timeout: 90_000 }, async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    let child = await start(database, port);
    const { token } = await (await post(`${url}/api/auth/login`, { username: 'admin', password: FIRST_PASSWORD })).json();
    expect((await post(`${url}/api/auth/password`, { currentPassword: FIRST_PASSWORD, newPassword: PASSWORD }, token)).status).toBe(200);
    const peek = createDb(database.url);
    const airport = (await peek.db.selectFrom('entry_points').select('id').executeTakeFirstOrThrow()).id;
    await peek.close();

    const acknowledged: string[] = [];
    const sent: ReturnType<typeof buildArrival>[] = [];
    let stop = false;
    const worker = async () => {
      while (!stop) {
        const body = buildArrival(airport);
        sent.push(body);
        try {
          const res = await fetch(`${url}/api/arrivals`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
          if (res.status === 201) acknowledged.push(body.clientId);
        } catch { return; }
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    await sleep(1500);
    child.kill('SIGKILL');
    stop = true;
    await Promise.all(workers);
    expect(acknowledged.length).toBeGreaterThan(20);

    child = await start(database, port);
    const check = createDb(database.url);
    const stored = new Set((await check.db.selectFrom('arrivals').select('client_id').execute()).map((r) => r.client_id));
    await check.close();
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);

    // A retry of a request whose answer was lost in the kill neither fails nor duplicates.
    const unanswered = sent.filter((b) => !acknowledged.includes(b.clientId)).slice(0, 3);
    for (const body of unanswered) {
      const res = await fetch(`${url}/api/arrivals`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
      const login = await post(`${url}/api/auth/login`, { username: 'admin', password: PASSWORD });
      expect(login.status).toBe(200);
      expect([200, 201]).toContain(res.status);
    }
    expect(unanswered.length).toBeGreaterThan(0);
    const after = createDb(database.url);
    const retried = await after.db.selectFrom('arrivals').select('client_id').where('client_id', 'in', unanswered.map((b) => b.clientId)).execute();
    const { n } = await after.db.selectFrom('arrivals').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await after.close();
    expect(retried.map((r) => r.client_id).sort()).toEqual(unanswered.map((b) => b.clientId).sort());
    expect(Number(n)).toBe(stored.size + unanswered.filter((b) => !stored.has(b.clientId)).length);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  });
});
