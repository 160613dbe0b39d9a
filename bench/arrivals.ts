// Registrations per second over HTTP (autocannon from this process, the server in
// another), then a bare better-sqlite3 insert of the same rows, and the ratio.
import { mkdirSync, writeFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import { adminLogin, api, createUser, startServer } from './server';
import { arrivalBodies, geography } from './generate';
import { createDb } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { loadReferenceData } from '../src/db/reference/load';
import { createFieldCrypto } from '../src/server/field-crypto';
import { loadConfig } from '../src/server/config';
import { newId } from '../src/db/ids';
import { maskDocumentNumber, maskPhone, phoneTail } from '../src/domain/masking';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const POOL = Number(process.env.BENCH_POOL ?? 80_000);

type Body = ReturnType<typeof arrivalBodies>[number];

async function overHttp(bodies: Body[]) {
  const server = await startServer();
  try {
    const admin = await adminLogin(server.url);
    const token = await createUser(server.url, admin, { username: 'desk', displayName: '分流点录入', role: 'triage_desk', jurisdictionCode: '54' });
    const entryPoints = new SQLite(server.databaseFile, { readonly: true }).prepare('select id from entry_points').all() as { id: string }[];
    for (const b of bodies) b.entryPointId = entryPoints[Math.abs(b.clientId.charCodeAt(0)) % entryPoints.length].id;
    let next = 0;
    const run = (duration: number) => autocannon({
      url: server.url,
      connections: CONNECTIONS,
      duration,
      requests: [{
        method: 'POST',
        path: '/api/arrivals',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        setupRequest: (req) => ({ ...req, body: JSON.stringify(bodies[next++ % bodies.length]) }),
      }],
    });
    await run(3); // warm-up: JIT, page cache
    const warm = next;
    const cpuBefore = server.cpuMs();
    const result = await run(DURATION_S);
    const sent = next - warm;
    const serverCpuMsPerRegistration = Math.round(((server.cpuMs() - cpuBefore) / sent) * 1000) / 1000;
    if (next > bodies.length) throw new Error(`the pool of ${bodies.length} bodies was exhausted; raise BENCH_POOL`);
    const counted = await api<{ total: number }>(server.url, '/api/arrivals?pageSize=1', admin);
    return {
      registrationsPerSecond: Math.round(result.requests.average),
      latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
      non2xx: result.non2xx,
      errors: result.errors,
      requestsSent: sent,
      serverCpuMsPerRegistration,
      arrivalsStored: counted.total,
      used: next,
    };
  } finally {
    await server.stop();
  }
}

/** The same rows written straight through better-sqlite3: one transaction per registration. */
async function bareInsert(bodies: Body[]) {
  const dir = mkdtempSync(join(tmpdir(), 'fangkong-bare-'));
  const file = join(dir, 'bare.sqlite');
  const config = { ...loadConfig({}), databaseUrl: `sqlite:${file}`, dataDir: dir, secret: 'bench' };
  const database = createDb(config.databaseUrl);
  const crypto = createFieldCrypto('bench');
  await migrate(database, crypto);
  await loadReferenceData({ db: database.db, config });
  await database.close();

  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  const now = new Date().toISOString();
  db.prepare(`insert into users (id, username, password_hash, display_name, role, jurisdiction_code, created_at) values ('u1','desk','x','desk','triage_desk','54',?)`).run(now);
  const ep = (db.prepare('select id from entry_points limit 1').get() as { id: string }).id;
  const rows = bodies.map((b) => ({
    personId: newId(), arrivalId: newId(), b,
    key: crypto.blindIndex(`resident_id:${b.person.documentNumber}`), docEnc: crypto.encrypt(b.person.documentNumber), phoneEnc: crypto.encrypt(b.person.phone),
  }));
  const person = db.prepare(`insert into persons (id, document_type, document_key, document_enc, document_masked, name, phone_enc, phone_masked, phone_tail, jurisdiction_code, created_at, updated_at)
    values (?, 'resident_id', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    on conflict (document_key) do update set name = excluded.name, updated_at = excluded.updated_at returning id`);
  const arrival = db.prepare(`insert into arrivals (id, client_id, person_id, entry_point_id, transport_mode, transport_number, arrived_at, origin_code, visited, contact_with_affected, contact_note,
    health_code_color, health_code_raw, temperature, abnormal_temperature, symptoms, dest_code, dest_address, dest_compound, employer_code, disposition, reasons, route_first, route_second, stage, holder_code, stage_since, registered_by, registered_at)
    values (?, ?, ?, ?, ?, ?, ?, ?, '[]', 0, null, ?, null, ?, 0, '[]', ?, ?, ?, null, 'home_observation', '["none"]', ?, ?, 'registered', ?, ?, 'u1', ?)`);
  const audit = db.prepare(`insert into audit_log (at, user_id, username, action, entity, entity_id, jurisdiction_code, detail) values (?, 'u1', 'desk', ?, ?, ?, ?, null)`);
  const one = db.transaction((r: (typeof rows)[number]) => {
    const b = r.b;
    const p = person.get(r.personId, r.key, r.docEnc, maskDocumentNumber(b.person.documentNumber), b.person.name, r.phoneEnc, maskPhone(b.person.phone), phoneTail(b.person.phone), b.destination.code, now, now) as { id: string };
    const town = b.destination.code.slice(0, 9);
    arrival.run(r.arrivalId, b.clientId, p.id, ep, b.transport.mode, b.transport.number, now, b.originCode, b.healthCode.color, b.temperature, b.destination.code, b.destination.address, b.destination.compound ?? null, town, b.destination.code, town, now, now);
    audit.run(now, 'create', 'arrival', r.arrivalId, b.destination.code);
    audit.run(now, 'upsert', 'person', p.id, b.destination.code);
  });
  const start = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  for (const r of rows) one(r);
  const cpu = process.cpuUsage(cpuBefore);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpuMsPerRow = Math.round(((cpu.user + cpu.system) / 1000 / rows.length) * 1000) / 1000;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return { rows: rows.length, seconds: Math.round(seconds * 1000) / 1000, registrationsPerSecond: Math.round(rows.length / seconds), cpuMsPerRow };
}

export async function run() {
  const geo = await geography('54');
  const bodies = arrivalBodies(POOL, geo, ['placeholder']);
  console.log(`arrivals bench: ${CONNECTIONS} connections, ${DURATION_S} s, SQLite, validation + triage + audit on`);
  const http = await overHttp(bodies);
  console.log('HTTP:', JSON.stringify(http));
  const bare = await bareInsert(bodies.slice(0, http.used));
  console.log('bare better-sqlite3:', JSON.stringify(bare));
  const ratio = Math.round((http.registrationsPerSecond / bare.registrationsPerSecond) * 1000) / 1000;
  const cpuRatio = Math.round((bare.cpuMsPerRow / http.serverCpuMsPerRegistration) * 1000) / 1000;
  const result = { http, bare, ratio, cpuRatio, targets: { registrationsPerSecond: 1500, p99Ms: 50 } };
  console.log(`\nregistrations/s over HTTP: ${http.registrationsPerSecond} (target >= 1500), p50 ${http.latencyMs.p50} ms, p99 ${http.latencyMs.p99} ms (target <= 50), non-2xx ${http.non2xx}`);
  console.log(`bare better-sqlite3 inserts/s: ${bare.registrationsPerSecond}; HTTP/bare ratio ${ratio}`);
  console.log(`CPU per registration: server ${http.serverCpuMsPerRegistration} ms, bare ${bare.cpuMsPerRow} ms; bare/server ratio ${cpuRatio} (steadier than wall-clock rates on a busy machine)`);
  mkdirSync('.tmp', { recursive: true });
  writeFileSync('.tmp/bench-arrivals.json', JSON.stringify(result, null, 2));
  return result;
}
