// The dashboard's maintained counts stay exact: after a random mix of registrations, retries
// (also racing each other), rejected writes, hand-offs and releases they equal a recount,
// and the headline figures equal counts taken straight from the arrivals and observations.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { DIALECTS } from './support/databases';
import { startTestApp, type TestApp } from './support/app';
import { BAKUO_COMMUNITY, buildArrival, residentId } from './support/factories';
import { DEFAULT_SCHEDULE, requiredSlots, slotWindow } from '../src/domain/observation';
import { dayRange, reportDay } from '../src/domain/time';
import { DISPOSITION_GROUPS } from '../src/domain/dashboard';
import { subtreeUpperBound } from '../src/db/scope';
import { ensureRollups, recount } from '../src/modules/dashboard/rollups';
import type { DB } from '../src/db/schema';
import type { Disposition } from '../src/domain/enums';

const TZ = 'Asia/Shanghai';
const DAY = 86_400_000;

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
  const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r, Object.keys(r as object).sort())).sort();
  return { days: sorted(days), entries: sorted(entries), origins: sorted(origins), releases: sorted(releases) };
}

async function expectedRollups(db: Kysely<DB>) {
  const totals = await recount(db, TZ);
  const sorted = <T>(rows: Iterable<T>) => [...rows].map((r) => JSON.stringify(r, Object.keys(r as object).sort())).sort();
  return { days: sorted(totals.days.values()), entries: sorted(totals.entries.values()), origins: sorted(totals.origins.values()), releases: sorted(totals.releases.values()) };
}

describe.each(DIALECTS)('maintained dashboard counts on %s', (dialect) => {
  let t: TestApp;
  const seed = Number(process.env.ROLLUP_SEED ?? Date.now() % 100_000);

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => { await t?.close(); });

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

    expect(registered.length).toBeGreaterThan(40);
    const stored = await storedRollups(t.ctx.db);
    expect(stored.releases).toHaveLength(2);
    expect(stored).toEqual(await expectedRollups(t.ctx.db));

    const today = reportDay(new Date(), TZ);
    const { from } = dayRange(today, TZ);
    const arrivals = await t.ctx.db.selectFrom('arrivals').select(['dest_code', 'registered_at', 'abnormal_temperature', 'disposition']).execute();
    const observations = await t.ctx.db.selectFrom('observations').select(['unit_code', 'status', 'kind', 'ended_at']).execute();
    for (const scope of ['54', '5401', '540102', '540102002', BAKUO_COMMUNITY, places[places.length - 1]]) {
      const inScope = (code: string) => code >= scope && code < subtreeUpperBound(scope);
      const mine = arrivals.filter((a) => inScope(a.dest_code));
      const pair = (rows: typeof mine) => ({ day: rows.filter((a) => a.registered_at >= from).length, total: rows.length });
      const group = (g: string) => mine.filter((a) => DISPOSITION_GROUPS[a.disposition as Disposition] === g);
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
