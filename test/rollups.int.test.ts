// The dashboard's maintained counts stay exact: after a random mix of registrations, retries
// (also racing each other), rejected writes, hand-offs, transfers, checks and releases they equal a
// recount, and the headline figures, missing checks and the trend of people under observation equal
// counts taken straight from the arrivals, observations and checks.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { DIALECTS } from './support/databases';
import { startTestApp, type TestApp } from './support/app';
import { pinClock, unpinClock } from './support/clock';
import { BAKUO_COMMUNITY, buildArrival, residentId } from './support/factories';
import { DEFAULT_SCHEDULE, requiredSlots, slotWindow } from '../src/domain/observation';
import { dayRange, reportDay } from '../src/domain/time';
import { DISPOSITION_GROUPS } from '../src/domain/dashboard';
import { subtreeUpperBound } from '../src/domain/division-code';
import { ensureRollups, recount } from '../src/modules/dashboard/repository/rollups';
import { summary } from '../src/modules/dashboard/service';
import type { CurrentUser } from '../src/server/context';
import type { DB } from '../src/db/schema';

const TZ = 'Asia/Shanghai';
const DAY = 86_400_000;
const ADMIN: CurrentUser = { id: 'rollup-test', username: 'admin', displayName: 'admin', role: 'admin', jurisdictionCode: '54', canReveal: false };

/** A small seeded generator, so a failing mix can be replayed. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a * 1664525 + 1013904223) >>> 0;
    return a / 2 ** 32;
  };
}

async function storedRollups(db: Kysely<DB>) {
  const days = await db.selectFrom('arrival_day_counts').selectAll().execute();
  const entries = await db.selectFrom('arrival_entry_counts').selectAll().execute();
  const origins = await db.selectFrom('arrival_origin_counts').selectAll().execute();
  const releases = await db.selectFrom('release_day_counts').selectAll().execute();
  // A start moved to another unit leaves a zero row behind, which a recount does not make.
  const observations = await db.selectFrom('observation_day_counts').selectAll().where((eb) => eb.or([eb('started', '<>', 0), eb('ended', '<>', 0)])).execute();
  const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r, Object.keys(r as object).sort())).sort();
  return { days: sorted(days), entries: sorted(entries), origins: sorted(origins), releases: sorted(releases), observations: sorted(observations) };
}

async function expectedRollups(db: Kysely<DB>) {
  const totals = await recount(db, TZ);
  const sorted = <T>(rows: Iterable<T>) => [...rows].map((r) => JSON.stringify(r, Object.keys(r as object).sort())).sort();
  return {
    days: sorted(totals.days.values()),
    entries: sorted(totals.entries.values()),
    origins: sorted(totals.origins.values()),
    releases: sorted(totals.releases.values()),
    observations: sorted(totals.observations.values()),
  };
}

describe.each(DIALECTS)('maintained dashboard counts on %s', (dialect) => {
  let t: TestApp;
  const seed = Number(process.env.ROLLUP_SEED ?? Date.now() % 100_000);

  beforeAll(async () => {
    // 15:00 Beijing: today's morning check slot is already due, so the check marks are counted.
    pinClock('2026-11-23T07:00:00Z');
    t = await startTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
    unpinClock();
  });

  it(`equal a recount after a random mix of writes, retries and releases (seed ${seed})`, async () => {
    const random = seeded(seed);
    const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
    const entries = (await t.ctx.db.selectFrom('entry_points').select('id').execute()).map((e) => e.id);
    const communities = (await t.ctx.db.selectFrom('jurisdictions').select('code')
      .where('level', '=', 'community').where('code', 'like', '54%').orderBy('code').execute()).map((c) => c.code);
    const places = [BAKUO_COMMUNITY, ...Array.from({ length: 12 }, () => pick(communities))];
    places.push((await t.call(t.adminToken, { method: 'POST', url: '/api/units', payload: { parentCode: '540102', name: '随机单位', kind: 'enterprise' } })).json().code);
    const origins = ['11', '1101', '3301', '5101', '510100', '4403'];
    const sent: ReturnType<typeof buildArrival>[] = [];
    const registered: string[] = [];

    const register = async (body: ReturnType<typeof buildArrival>) => {
      const res = await t.call(t.adminToken, { method: 'POST', url: '/api/arrivals', payload: body });
      if (res.statusCode < 300 && !registered.includes(res.json().id)) registered.push(res.json().id);
      return res.statusCode;
    };
    const newBody = () => buildArrival(pick(entries), {
      person: { documentType: 'resident_id', documentNumber: residentId(), name: '随机', phone: '13900000000' },
      originCode: pick(origins),
      temperature: random() < 0.15 ? 38.2 : 36.6,
      symptoms: random() < 0.05 ? ['cough'] : [],
      healthCode: { color: random() < 0.8 ? 'green' : random() < 0.7 ? 'yellow' : 'red' },
      destination: { code: pick(places), address: '随机路1号' },
    });

    for (let round = 0; round < 6; round++) {
      const ops: Promise<unknown>[] = [];
      for (let i = 0; i < 25; i++) {
        const roll = random();
        if (roll < 0.55 || sent.length === 0) {
          const body = newBody();
          sent.push(body);
          ops.push(register(body));
          // The same registration sent again before the first answered: only one may count.
          if (random() < 0.2) ops.push(register(body));
        } else if (roll < 0.7) {
          ops.push(register(pick(sent)));
        } else if (roll < 0.8) {
          ops.push(register({ ...newBody(), originCode: '9999' }).then((status) => expect(status).toBe(400)));
        } else if (registered.length) {
          ops.push(t.call(t.adminToken, { method: 'POST', url: `/api/arrivals/${pick(registered)}/receive` }));
        }
      }
      await Promise.all(ops);
    }

    // Releases: people observed for 15 days with every check taken, released one by one and in bulk.
    const due = [];
    for (let i = 0; i < 3; i++) {
      const o = (await t.call(t.adminToken, { method: 'POST', url: '/api/observations', payload: {
        clientId: randomUUID(),
        person: { documentType: 'resident_id', documentNumber: residentId('19700101'), name: '期满', phone: '13900002222' },
        communityCode: BAKUO_COMMUNITY,
        startAt: new Date(Date.now() - 15 * DAY).toISOString(),
      } })).json();
      const checks = requiredSlots(o.startAt, new Date().toISOString(), DEFAULT_SCHEDULE, TZ).map((s) => {
        const w = slotWindow(s.day, s.slot, DEFAULT_SCHEDULE, TZ);
        return { clientId: randomUUID(), observationId: o.id, takenAt: new Date((Date.parse(w.start) + Date.parse(w.deadline)) / 2).toISOString(), temperature: 36.5, symptoms: [] };
      });
      expect((await t.call(t.adminToken, { method: 'POST', url: '/api/observations/checks', payload: { checks } })).statusCode).toBe(200);
      due.push(o.id);
    }
    expect((await t.call(t.adminToken, { method: 'POST', url: `/api/observations/${due[0]}/release` })).statusCode).toBe(200);
    expect((await t.call(t.adminToken, { method: 'POST', url: '/api/observations/release', payload: { ids: due.slice(1) } })).statusCode).toBeLessThan(300);

    // Hand-offs from a hotel to the community (the responsible unit changes) and transfers out, some of them days ago.
    const hotel = (await t.call(t.adminToken, { method: 'POST', url: '/api/units', payload: { parentCode: '540103', name: '随机留观酒店', kind: 'hotel', rooms: 20 } })).json().code;
    for (let i = 0; i < 4; i++) {
      const o = (await t.call(t.adminToken, { method: 'POST', url: '/api/observations', payload: {
        clientId: randomUUID(),
        person: { documentType: 'resident_id', documentNumber: residentId('19800101'), name: '转交', phone: '13900003333' },
        communityCode: pick(places.slice(0, 13)),
        siteCode: hotel,
        startAt: new Date(Date.now() - Math.floor(random() * 20) * DAY).toISOString(),
      } })).json();
      expect(o.unit.code).toBe(hotel);
      await t.ctx.db.updateTable('observations').set({ handoff_day: reportDay(new Date(), TZ) }).where('id', '=', o.id).execute();
      if (i < 3) {
        expect((await t.call(t.adminToken, { method: 'POST', url: `/api/observations/${o.id}/hand-off` })).statusCode).toBe(200);
        expect((await t.call(t.adminToken, { method: 'POST', url: `/api/observations/${o.id}/receive` })).json().kind).toBe('home');
      }
      if (i % 2 === 1) {
        const end = await t.call(t.adminToken, { method: 'POST', url: `/api/observations/${o.id}/end`, payload: { status: 'transferred', reason: '转定点医院' } });
        expect(end.json().status).toBe('transferred');
      }
    }

    // Checks: today's first slot for some of those under observation (some sent twice), an earlier day for others;
    // three who were under observation before today began have none, one from yesterday, one from today.
    const longer = [];
    for (let i = 0; i < 3; i++) {
      longer.push((await t.call(t.adminToken, { method: 'POST', url: '/api/observations', payload: {
        clientId: randomUUID(),
        person: { documentType: 'resident_id', documentNumber: residentId('19900101'), name: '观察', phone: '13900004444' },
        communityCode: BAKUO_COMMUNITY,
        startAt: new Date(Date.now() - (3 + i) * DAY).toISOString(),
      } })).json().id as string);
    }
    const active = (await t.ctx.db.selectFrom('observations').select('id').where('status', '=', 'active').where('id', 'not in', longer).execute());
    const today0 = slotWindow(reportDay(new Date(), TZ), 0, DEFAULT_SCHEDULE, TZ);
    const yesterday = new Date(Date.parse(today0.start) - 12 * 3_600_000 + 60_000);
    const thisMorning = new Date(Math.min(Date.now(), Date.parse(today0.start) + 60_000));
    const check = (observationId: string, at: Date) => ({ clientId: randomUUID(), observationId, takenAt: at.toISOString(), temperature: 36.4, symptoms: [] });
    const marked = [
      check(longer[1], yesterday),
      check(longer[2], thisMorning),
      ...active.filter(() => random() < 0.6).map((o) => check(o.id, random() < 0.3 ? yesterday : thisMorning)),
    ];
    const retried = marked.filter(() => random() < 0.3);
    expect((await t.call(t.adminToken, { method: 'POST', url: '/api/observations/checks', payload: { checks: marked } })).statusCode).toBe(200);
    expect((await t.call(t.adminToken, { method: 'POST', url: '/api/observations/checks', payload: { checks: [...retried, ...marked.slice(0, 2)] } })).json().saved).toBe(0);

    expect(registered.length).toBeGreaterThan(40);
    const stored = await storedRollups(t.ctx.db);
    expect(stored.releases).toHaveLength(2);
    expect(stored.observations.length).toBeGreaterThan(4);
    expect(stored).toEqual(await expectedRollups(t.ctx.db));

    const today = reportDay(new Date(), TZ);
    const { from } = dayRange(today, TZ);
    const arrivals = await t.ctx.db.selectFrom('arrivals').select(['dest_code', 'registered_at', 'abnormal_temperature', 'disposition']).execute();
    const observations = await t.ctx.db.selectFrom('observations').select(['id', 'unit_code', 'status', 'kind', 'start_at', 'ended_at']).execute();
    const checks = await t.ctx.db.selectFrom('observation_checks').select(['observation_id', 'report_day', 'slot']).execute();
    const trendDays = Array.from({ length: 30 }, (_, i) => reportDay(new Date(Date.now() - (29 - i) * DAY), TZ));
    for (const scope of ['54', '5401', '540102', '540102002', BAKUO_COMMUNITY, places[places.length - 1]]) {
      const inScope = (code: string) => code >= scope && code < subtreeUpperBound(scope);
      const mine = arrivals.filter((a) => inScope(a.dest_code));
      const pair = (rows: typeof mine) => ({ day: rows.filter((a) => a.registered_at >= from).length, total: rows.length });
      const group = (g: string) => mine.filter((a) => DISPOSITION_GROUPS[a.disposition] === g);
      const observed = observations.filter((o) => inScope(o.unit_code));
      const released = observed.filter((o) => o.status === 'released');
      const s = (await t.call(t.adminToken, { method: 'GET', url: `/api/dashboard/summary?jurisdiction=${scope}` })).json();
      expect(s.figures, scope).toMatchObject({
        arrivals: pair(mine),
        abnormalTemperature: pair(mine.filter((a) => a.abnormal_temperature === 1)),
        dispositions: { feverClinic: pair(group('feverClinic')), centralised: pair(group('centralised')), home: pair(group('home')) },
        underObservation: {
          home: observed.filter((o) => o.status === 'active' && o.kind === 'home').length,
          centralised: observed.filter((o) => o.status === 'active' && o.kind === 'centralised').length,
        },
        released: { day: released.filter((o) => o.ended_at! >= from).length, total: released.length },
      });
      for (const [minutesBeforeEnd, read] of [[10, 'check marks'], [2, 'checks table']] as const) {
        const now = new Date(Date.parse(dayRange(today, TZ).to) - minutesBeforeEnd * 60_000);
        const due = [0, 1].map((slot) => ({ slot, ...slotWindow(today, slot, DEFAULT_SCHEDULE, TZ) })).filter((w) => w.deadline <= now.toISOString());
        const missing = due.reduce((sum, w) => sum + observed.filter((o) => o.start_at <= w.start && (o.status === 'active' || o.ended_at! > w.deadline)
          && !checks.some((c) => c.observation_id === o.id && c.report_day === today && c.slot === w.slot)).length, 0);
        expect((await summary(t.ctx, ADMIN, { jurisdiction: scope }, now)).figures.missingChecks, `${scope} from the ${read}`).toBe(missing);
      }
      const trend = (await t.call(t.adminToken, { method: 'GET', url: `/api/dashboard/trend?jurisdiction=${scope}&days=30` })).json();
      const underAt = (day: string) => observed.filter((o) => reportDay(o.start_at, TZ) <= day && (o.ended_at === null || reportDay(o.ended_at, TZ) > day)).length;
      expect(trend.days.map((d: { underObservation: number }) => d.underObservation), scope).toEqual(trendDays.map(underAt));
    }
    const region = (await t.call(t.adminToken, { method: 'GET', url: '/api/dashboard/summary' })).json();
    expect(region.figures.arrivals.total).toBe(registered.length);
    expect(region.figures.released.total).toBe(3);
  });

  it('recounts at start when the counts were made in another time zone', async () => {
    expect(await ensureRollups(t.ctx.db, t.ctx.dialect, TZ)).toBe(false);
    expect(await ensureRollups(t.ctx.db, t.ctx.dialect, 'UTC')).toBe(true);
    const utc = await t.ctx.db.selectFrom('arrival_day_counts').select('day').distinct().execute();
    expect(utc.length).toBeGreaterThan(0);
    expect(await ensureRollups(t.ctx.db, t.ctx.dialect, TZ)).toBe(true);
    expect(await storedRollups(t.ctx.db)).toEqual(await expectedRollups(t.ctx.db));
  });
});
