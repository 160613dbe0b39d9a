// A region-scale data set written straight into SQLite: residents spread unevenly over
// the region's real communities, arrivals in time order over the last days with their
// triage and hand-off stage, the recent ones under observation with their checks, and
// the older ones released. The dashboard counts are left to the server's first start.
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { geography, rng, pick, type Rng } from './generate';
import { BENCH_SECRET } from './server';
import { createDb } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { loadReferenceData } from '../src/db/reference/load';
import { createFieldCrypto } from '../src/server/field-crypto';
import { loadConfig } from '../src/server/config';
import { newId } from '../src/db/ids';
import { checkCharacter } from '../src/domain/id-number';
import { triage } from '../src/domain/triage';
import { planRoute } from '../src/domain/handoff';
import { DEFAULT_SCHEDULE, latestCheckMarks, planObservation, requiredSlots, slotWindow } from '../src/domain/observation';
import { personRow } from '../src/modules/persons/upsert';
import type { Division } from '../src/db/reference/divisions';

const DAY = 86_400_000;
const TZ = 'Asia/Shanghai';
const OBSERVATION_DAYS = 14;

export interface SeedSize {
  residents: number;
  arrivals: number;
  observed: number;
  days: number;
}

export interface Seeded extends SeedSize {
  communities: number;
  /** The community with the most arrivals, and how many it has. */
  busiestCommunity: { code: string; arrivals: number };
  underObservation: number;
  released: number;
  checks: number;
  seconds: number;
}

/** Person ids in index order, UUID-shaped, so that they append to the primary key. */
export const personId = (i: number) => `00000000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`;

/** A distinct, valid resident ID number per index: the birth day and sequence encode the index. */
export function residentDocument(county: string, i: number) {
  const birth = new Date(Date.UTC(1950, 0, 1) + (Math.floor(i / 1000) % 20_000) * DAY).toISOString().slice(0, 10);
  const seq = i % 1000;
  const first17 = county + birth.replace(/-/g, '') + String(seq).padStart(3, '0');
  return { type: 'resident_id' as const, number: first17 + checkCharacter(first17), birthDate: birth, sex: seq % 2 ? 'male' as const : 'female' as const };
}

/** Weighted choice by binary search over cumulative weights. */
function weightedPicker(weights: number[], r: Rng) {
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) cumulative.push((sum += w));
  return () => {
    const x = r() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > x) hi = mid; else lo = mid + 1;
    }
    return lo;
  };
}

export function insertStatement(db: SQLite.Database, table: string, columns: string[]) {
  return db.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map((c) => '@' + c).join(', ')})`);
}

export const SURNAMES = ['扎西', '次仁', '卓玛', '格桑', '旦增', '尼玛', '达瓦', '拉姆', '央金', '王', '李', '张', '刘', '陈', '杨', '赵'];

/** A migrated database with the reference data and the generator's user, open for raw writes. */
export async function createSeedDatabase(dir: string): Promise<SQLite.Database> {
  const file = join(dir, 'bench.sqlite');
  const config = { ...loadConfig({}), databaseUrl: `sqlite:${file}`, dataDir: dir, secret: BENCH_SECRET };
  const database = createDb(config.databaseUrl);
  await migrate(database, createFieldCrypto(BENCH_SECRET));
  await loadReferenceData({ db: database.db, config });
  await database.close();
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -400000');
  db.prepare(`insert into users (id, username, password_hash, display_name, role, jurisdiction_code, created_at) values ('seed', 'seed', 'x', '生成器', 'admin', '54', ?)`)
    .run(new Date().toISOString());
  return db;
}

export async function seedRegion(dir: string, size: SeedSize, log: (line: string) => void): Promise<Seeded> {
  const started = Date.now();
  const db = await createSeedDatabase(dir);
  const crypto = createFieldCrypto(BENCH_SECRET);
  const geo = await geography('54');
  const communities: Division[] = geo.communities;
  const r = rng(11);
  // A heavy-tailed spread: a few big urban communities, many small villages.
  const weights = communities.map(() => (1 - r()) ** -0.5);
  const total = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.max(1, Math.floor((size.residents * w) / total)));
  const starts: number[] = [];
  let residents = 0;
  for (const c of counts) { starts.push(residents); residents += c; }

  const now = Date.now();
  const at = new Date(now).toISOString();
  const triageRules = loadConfig({}).triage;

  const sample = personRow(crypto, residentDocument('540102', 0), '样本', '13800000000', communities[0].code, at);
  const person = insertStatement(db, 'persons', Object.keys(sample));
  const writePeople = db.transaction((from: number, to: number) => {
    let c = communities.findIndex((_, k) => starts[k] + counts[k] > from);
    for (let i = from; i < to; i++) {
      while (starts[c] + counts[c] <= i) c++;
      const community = communities[c];
      const phone = '13' + String((i * 7919) % 1e9).padStart(9, '0');
      const row = personRow(crypto, residentDocument(community.code.slice(0, 6), i), pick(r, SURNAMES) + (i % 97), phone, community.code, at);
      person.run({ ...row, id: personId(i) });
    }
  });
  for (let from = 0; from < residents; from += 100_000) {
    writePeople(from, Math.min(residents, from + 100_000));
    if (from % 1_000_000 === 0) log(`  residents: ${from.toLocaleString('en')} / ${residents.toLocaleString('en')}`);
  }

  const entryPoints = (db.prepare('select id from entry_points').all() as { id: string }[]).map((e) => e.id);
  const arrivalColumns = ['id', 'client_id', 'person_id', 'entry_point_id', 'transport_mode', 'transport_number', 'arrived_at', 'origin_code', 'visited',
    'contact_with_affected', 'contact_note', 'health_code_color', 'health_code_raw', 'temperature', 'abnormal_temperature', 'symptoms', 'dest_code',
    'dest_address', 'dest_compound', 'employer_code', 'disposition', 'reasons', 'route_first', 'route_second', 'stage', 'holder_code', 'stage_since',
    'registered_by', 'registered_at'];
  const arrival = insertStatement(db, 'arrivals', arrivalColumns);
  const observation = db.prepare(`insert into observations (id, client_id, person_id, arrival_id, reason, centralised_days, home_days, kind, unit_code, community_code, pending_unit_code, room_id, status, start_at, start_day, handoff_day, end_day, ended_at, end_reason, opened_by, created_at, last_check_day, last_check_slots)
    values (?, null, ?, ?, ?, 0, 14, ?, ?, ?, null, null, ?, ?, ?, null, ?, ?, null, 'seed', ?, ?, ?)`);
  const check = db.prepare(`insert into observation_checks (id, client_id, observation_id, taken_at, report_day, slot, temperature, symptoms, abnormal, entered_by, created_at)
    values (?, ?, ?, ?, ?, ?, 36.5, '[]', 0, 'seed', ?)`);

  const pickCommunity = weightedPicker(weights, r);
  const span = size.days * DAY;
  const first = now - span;
  const observedFrom = now - OBSERVATION_DAYS * DAY;
  // The share of recent arrivals placed under observation, so that about `observed` are.
  const recentShare = Math.min(1, size.observed / (size.arrivals * (OBSERVATION_DAYS / size.days) * 0.97));
  const perCommunity = new Map<string, number>();
  let underObservation = 0;
  let released = 0;
  let checks = 0;
  const writeArrivals = db.transaction((from: number, to: number) => {
    for (let j = from; j < to; j++) {
      const registered = first + ((j + r()) / size.arrivals) * span;
      const c = pickCommunity();
      const community = communities[c];
      const pid = personId(starts[c] + Math.floor(r() * counts[c]));
      const temperature = r() < 0.005 ? 37.3 + Math.round(r() * 15) / 10 : 36 + Math.round(r() * 12) / 10;
      const color = r() < 0.95 ? 'green' as const : r() < 0.8 ? 'yellow' as const : 'red' as const;
      const symptoms = r() < 0.004 ? ['cough'] : [];
      const decision = triage({ temperature, symptoms, healthCodeColor: color, visitedHighRiskArea: false, employerHasHotel: false }, triageRules);
      const route = planRoute(decision.disposition, { destination: { code: community.code, level: 'community', parentCode: community.parentCode }, employer: null, siteCode: null });
      const age = now - registered;
      const stage = age > 6 * 3_600_000 ? 'observation_started' : pick(r, ['registered', 'unit_received', 'observation_started'] as const);
      const holder = stage === 'registered' ? route.first : stage === 'unit_received' ? route.second : null;
      const registeredAt = new Date(registered).toISOString();
      const id = newId();
      arrival.run({
        id, client_id: id, person_id: pid, entry_point_id: pick(r, entryPoints), transport_mode: r() < 0.6 ? 'flight' : 'train',
        transport_number: 'TV' + Math.floor(r() * 9000 + 1000), arrived_at: registeredAt, origin_code: pick(r, geo.origins).code, visited: '[]',
        contact_with_affected: r() < 0.02 ? 1 : 0, contact_note: null, health_code_color: color, health_code_raw: null, temperature,
        abnormal_temperature: decision.abnormalTemperature ? 1 : 0, symptoms: JSON.stringify(symptoms), dest_code: community.code,
        dest_address: `${community.name}${Math.floor(r() * 200)}号`, dest_compound: r() < 0.5 ? `小区${Math.floor(r() * 50)}` : null, employer_code: null,
        disposition: decision.disposition, reasons: JSON.stringify(decision.reasons), route_first: route.first, route_second: route.second, stage,
        holder_code: holder, stage_since: stage === 'observation_started' ? new Date(registered + 3_600_000).toISOString() : registeredAt,
        registered_by: 'seed', registered_at: registeredAt,
      });
      perCommunity.set(community.code, (perCommunity.get(community.code) ?? 0) + 1);
      if (stage !== 'observation_started' || decision.disposition === 'fever_clinic') continue;
      const kind = decision.disposition === 'home_observation' ? 'home' : 'centralised';
      const startAt = new Date(registered + 3_600_000).toISOString();
      const plan = planObservation(startAt, { code: decision.disposition, centralisedDays: 0, homeDays: OBSERVATION_DAYS }, TZ);
      if (registered >= observedFrom) {
        if (r() >= recentShare || underObservation >= size.observed) continue;
        const oid = newId();
        const taken = requiredSlots(startAt, at, DEFAULT_SCHEDULE, TZ).filter(() => r() >= 0.03);
        const marks = latestCheckMarks(taken.map((s) => ({ observation_id: oid, report_day: s.day, slot: s.slot }))).get(oid);
        observation.run(oid, pid, id, decision.disposition, kind, community.code, community.code, 'active', startAt, plan.startDay, plan.endDay, null, at, marks?.day ?? null, marks?.slots ?? 0);
        underObservation++;
        for (const s of taken) {
          const w = slotWindow(s.day, s.slot, DEFAULT_SCHEDULE, TZ);
          const cid = newId();
          check.run(cid, cid, oid, new Date((Date.parse(w.start) + Date.parse(w.deadline)) / 2).toISOString(), s.day, s.slot, at);
          checks++;
        }
      } else if (r() < 0.3) {
        observation.run(newId(), pid, id, decision.disposition, kind, community.code, community.code, 'released', startAt, plan.startDay, plan.endDay,
          new Date(Math.min(registered + (OBSERVATION_DAYS + 0.2) * DAY, now - 60_000)).toISOString(), at, null, 0);
        released++;
      }
    }
  });
  for (let from = 0; from < size.arrivals; from += 50_000) {
    writeArrivals(from, Math.min(size.arrivals, from + 50_000));
    if (from % 200_000 === 0) log(`  arrivals: ${from.toLocaleString('en')} / ${size.arrivals.toLocaleString('en')}`);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();

  const [busiestCode, busiestCount] = [...perCommunity.entries()].reduce((a, b) => (b[1] > a[1] ? b : a));
  return {
    ...size,
    residents,
    communities: communities.length,
    busiestCommunity: { code: busiestCode, arrivals: busiestCount },
    underObservation,
    released,
    checks,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
}
