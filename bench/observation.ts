// 50,000 people under observation with their checks; times a unit saving its list
// of 500 checks and the command's region-wide missing-checks view.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { adminLogin, api, BENCH_SECRET, benchDir, createUser, startServer } from './server';
import { geography, pick, residentIdFor, rng } from './generate';
import { timed } from './stats';
import { createDb } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { loadReferenceData } from '../src/db/reference/load';
import { createFieldCrypto } from '../src/server/field-crypto';
import { loadConfig } from '../src/server/config';
import { newId } from '../src/db/ids';
import { maskDocumentNumber, maskPhone, phoneTail } from '../src/domain/masking';
import { DEFAULT_SCHEDULE, missingSlots, planObservation, requiredSlots, slotWindow } from '../src/domain/observation';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 50_000);
const UNIT_SIZE = 500;
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const TZ = 'Asia/Shanghai';
const UNIT = '540102002001'; // 八廓街道 绕赛社区居委会

async function seed(dir: string) {
  const file = join(dir, 'bench.sqlite');
  const config = { ...loadConfig({}), databaseUrl: `sqlite:${file}`, dataDir: dir, secret: BENCH_SECRET };
  const database = createDb(config.databaseUrl);
  const crypto = createFieldCrypto(BENCH_SECRET);
  await migrate(database, crypto);
  await loadReferenceData({ db: database.db, config });
  await database.close();

  const geo = await geography('54');
  const r = rng(7);
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  const now = new Date();
  const at = now.toISOString();
  db.prepare(`insert into users (id, username, password_hash, display_name, role, jurisdiction_code, created_at) values ('seed', 'seed', 'x', 'seed', 'admin', '54', ?)`).run(at);
  const person = db.prepare(`insert into persons (id, document_type, document_key, document_enc, document_masked, name, phone_enc, phone_masked, phone_tail, jurisdiction_code, created_at, updated_at)
    values (?, 'resident_id', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const observation = db.prepare(`insert into observations (id, client_id, person_id, arrival_id, reason, centralised_days, home_days, kind, unit_code, community_code, pending_unit_code, room_id, status, start_at, start_day, handoff_day, end_day, ended_at, end_reason, opened_by, created_at)
    values (?, null, ?, null, 'home_observation', 0, 14, 'home', ?, ?, null, null, 'active', ?, ?, null, ?, null, null, 'seed', ?)`);
  const check = db.prepare(`insert into observation_checks (id, client_id, observation_id, taken_at, report_day, slot, temperature, symptoms, abnormal, entered_by, created_at) values (?, ?, ?, ?, ?, ?, 36.5, '[]', 0, 'seed', ?)`);
  let checks = 0;
  let expectedMissingToday = 0;
  db.transaction(() => {
    for (let i = 0; i < PEOPLE; i++) {
      const community = i < UNIT_SIZE ? UNIT : pick(r, geo.communities).code;
      const doc = residentIdFor(r, String(110101 + Math.floor(i / 1000)), i);
      const phone = '13' + String(Math.floor(r() * 1e9)).padStart(9, '0');
      const personId = newId();
      person.run(personId, crypto.blindIndex(`resident_id:${doc}`), crypto.encrypt(doc), maskDocumentNumber(doc), '观察人员' + i, crypto.encrypt(phone), maskPhone(phone), phoneTail(phone), community, at, at);
      const startAt = new Date(now.getTime() - Math.floor(r() * 13 * 86_400_000)).toISOString();
      const plan = planObservation(startAt, { code: 'home', centralisedDays: 0, homeDays: 14 }, TZ);
      const id = newId();
      observation.run(id, personId, community, community, startAt, plan.startDay, plan.endDay, at);
      const required = requiredSlots(startAt, at, DEFAULT_SCHEDULE, TZ);
      const taken = required.filter(() => r() > 0.03);
      for (const s of taken) {
        const w = slotWindow(s.day, s.slot, DEFAULT_SCHEDULE, TZ);
        check.run(newId(), randomUUID(), id, new Date((Date.parse(w.start) + Date.parse(w.deadline)) / 2).toISOString(), s.day, s.slot, at);
      }
      checks += taken.length;
      expectedMissingToday += missingSlots(required, taken).length;
    }
  })();
  db.close();
  return { people: PEOPLE, checks, missingSlotsInHistory: expectedMissingToday };
}

export async function run() {
  const dir = benchDir();
  const t0 = Date.now();
  const seeded = await seed(dir);
  console.log(`seeded ${seeded.people} observations and ${seeded.checks} checks in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const server = await startServer({ dir });
  try {
    const admin = await adminLogin(server.url);
    const community = await createUser(server.url, admin, { username: 'community', displayName: 'community', role: 'community', jurisdictionCode: UNIT });
    const command = await createUser(server.url, admin, { username: 'command', displayName: 'command', role: 'command', jurisdictionCode: '54' });

    let ids: string[] = [];
    const list = await timed(RUNS, async () => {
      const page = await api<{ total: number; items: { id: string }[] }>(server.url, `/api/observations?status=active&pageSize=${UNIT_SIZE}`, community);
      ids = page.items.map((o) => o.id);
    });
    if (ids.length !== UNIT_SIZE) throw new Error(`the unit lists ${ids.length} people, expected ${UNIT_SIZE}`);

    const save = await timed(RUNS, async () => {
      const takenAt = new Date().toISOString();
      const res = await api<{ saved: number }>(server.url, '/api/observations/checks', community, {
        checks: ids.map((observationId) => ({ clientId: randomUUID(), observationId, takenAt, temperature: 36.6, symptoms: [] })),
      });
      if (res.saved !== UNIT_SIZE) throw new Error(`saved ${res.saved}`);
    });

    let missing: { slots: { slot: number; missing: number }[] } = { slots: [] };
    const yesterday = new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(new Date(Date.now() - 86_400_000));
    const region = await timed(RUNS, async () => {
      missing = await api(server.url, `/api/observations/missing?day=${yesterday}&limit=100`, command);
    });
    const regionToday = await timed(RUNS, () => api(server.url, '/api/observations/missing?limit=100', command));

    const result = {
      seeded,
      unitList500: list,
      save500Checks: save,
      regionMissingChecksYesterday: region,
      regionMissingChecksToday: regionToday,
      missingYesterday: missing.slots,
      targets: { save500ChecksP95Ms: 150, regionMissingP95Ms: 200 },
    };
    console.log(JSON.stringify(result, null, 2));
    console.log(`\nsave 500 checks: p50 ${save.p50} ms, p95 ${save.p95} ms (target <= 150)`);
    console.log(`region-wide missing checks (yesterday, 2 slots): p50 ${region.p50} ms, p95 ${region.p95} ms (target <= 200); today: p95 ${regionToday.p95} ms`);
    console.log(`unit list of 500: p50 ${list.p50} ms, p95 ${list.p95} ms`);
    mkdirSync('.tmp', { recursive: true });
    writeFileSync('.tmp/bench-observation.json', JSON.stringify(result, null, 2));
    return result;
  } finally {
    await server.stop();
  }
}
