// The command dashboard at region scale: 3.65 million residents, 1 million arrivals over 60
// days, 50,000 under observation with their checks. Times every dashboard call for the region,
// a city and a community; the arrival list by community and dates (page 1 and 50); a streamed
// CSV export of 100,000 arrivals with the server's memory growth; and how soon a registration
// shows in the live stream while 200 registrations a second come in.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import SQLite from 'better-sqlite3';
import { adminLogin, api, BENCH_PASSWORD, createUser, login, startServer, type BenchServer } from './server';
import { arrivalBodies, geography } from './generate';
import { seedRegion, type Seeded, type SeedSize } from './region-seed';
import { timed } from './stats';

const SIZE: SeedSize = {
  residents: Number(process.env.BENCH_RESIDENTS ?? 3_650_000),
  arrivals: Number(process.env.BENCH_ARRIVALS ?? 1_000_000),
  observed: Number(process.env.BENCH_OBSERVED ?? 50_000),
  days: 60,
};
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const EXPORT_ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 100_000);
const STREAM_RATE = 200;
const STREAM_SECONDS = Number(process.env.BENCH_STREAM_SECONDS ?? 15);
/** Which parts to run (comma-separated): dashboard, list, export, stream; default all. */
const PARTS = new Set((process.env.BENCH_PARTS ?? 'dashboard,list,export,stream').split(','));
const TZ = 'Asia/Shanghai';
const day = (offset: number) => new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(new Date(Date.now() + offset * 86_400_000));

/** The seeded database is kept under .tmp and reused while the sizes are the same: seeding takes minutes. */
async function seeded(log: (s: string) => void): Promise<{ dir: string; seed: Seeded }> {
  const dir = join('.tmp', `bench-region-${SIZE.residents}-${SIZE.arrivals}-${SIZE.observed}`);
  const marker = join(dir, 'seeded.json');
  if (existsSync(marker)) return { dir, seed: JSON.parse(readFileSync(marker, 'utf8')) };
  mkdirSync(dir, { recursive: true });
  log(`seeding ${dir} …`);
  const seed = await seedRegion(dir, SIZE, log);
  writeFileSync(marker, JSON.stringify(seed, null, 2));
  return { dir, seed };
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.replace(/\D+/g, '')) / 1024;
}

async function exportRun(server: BenchServer, token: string, from: string, to: string) {
  const pid = server.process.pid!;
  const before = rssMb(pid);
  let peak = before;
  const poll = setInterval(() => { peak = Math.max(peak, rssMb(pid)); }, 20);
  const started = performance.now();
  const res = await fetch(`${server.url}/api/arrivals/export?format=csv&from=${from}&to=${to}`, { headers: { authorization: `Bearer ${token}` } });
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (const b of chunk) if (b === 10) lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(poll);
  peak = Math.max(peak, rssMb(pid));
  // Less the first two lines: who exported the file, and the heading.
  return { status: res.status, rows: lines - 2, megabytes: Math.round(bytes / 1e5) / 10, seconds: Math.round(seconds * 100) / 100, rssBeforeMb: Math.round(before), rssGrowthMb: Math.round(peak - before) };
}

/** Registrations at a steady rate; for each, the time from its answer to the next change event of an open region stream. */
async function streamLatency(server: BenchServer, command: string, desk: string, entryPoints: string[]) {
  const bodies = arrivalBodies(STREAM_RATE * STREAM_SECONDS, await geography('54'), entryPoints, 4242);
  const changes: number[] = [];
  const controller = new AbortController();
  const stream = await fetch(`${server.url}/api/stream`, { headers: { authorization: `Bearer ${command}` }, signal: controller.signal });
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of stream.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          if (buffer.slice(0, cut).includes('event: change')) changes.push(performance.now());
          buffer = buffer.slice(cut + 2);
        }
      }
    } catch { /* aborted at the end */ }
  })();
  await sleep(300);
  const answered: number[] = [];
  const failures: string[] = [];
  const started = performance.now();
  const sends: Promise<void>[] = [];
  for (let i = 0; i < bodies.length; i++) {
    const due = started + (i * 1000) / STREAM_RATE;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    sends.push(fetch(`${server.url}/api/arrivals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${desk}` },
      body: JSON.stringify(bodies[i]),
    }).then(async (res) => {
      if (res.status >= 300) failures.push(`${res.status} ${await res.text()}`);
      else answered.push(performance.now());
    }));
  }
  await Promise.all(sends);
  const achievedRate = bodies.length / ((performance.now() - started) / 1000);
  await sleep(2500);
  controller.abort();
  await reading;
  const lags = answered.map((t) => {
    const next = changes.find((c) => c >= t);
    return next === undefined ? Infinity : next - t;
  }).sort((a, b) => a - b);
  const at = (q: number) => Math.round(lags[Math.min(lags.length - 1, Math.floor(q * lags.length))]);
  return {
    registrations: bodies.length,
    failed: failures.length,
    firstFailure: failures[0] ?? null,
    achievedPerSecond: Math.round(achievedRate),
    changeEvents: changes.length,
    lagMs: { p50: at(0.5), p95: at(0.95), max: at(1) },
  };
}

export async function run() {
  const log = (s: string) => console.log(s);
  const { dir, seed } = await seeded(log);
  log(`data set: ${JSON.stringify(seed)}`);
  const startedAt = performance.now();
  const server = await startServer({ dir, port: 18081 });
  const startSeconds = Math.round((performance.now() - startedAt) / 100) / 10;
  try {
    const admin = await adminLogin(server.url);
    const users = new SQLite(server.databaseFile, { readonly: true });
    const existing = new Set((users.prepare('select username from users').all() as { username: string }[]).map((u) => u.username));
    const entryPoints = (users.prepare('select id from entry_points where active = 1').all() as { id: string }[]).map((e) => e.id);
    users.close();
    for (const [username, role, code] of [['bench_command', 'command', '54'], ['bench_desk', 'triage_desk', '54']]) {
      if (!existing.has(username)) await createUser(server.url, admin, { username, displayName: username, role, jurisdictionCode: code });
    }
    const command = await login(server.url, 'bench_command', BENCH_PASSWORD);
    const desk = await login(server.url, 'bench_desk', BENCH_PASSWORD);

    const community = seed.busiestCommunity.code;
    const scopes = { region: '54', city: community.slice(0, 4), community };
    const calls = ['summary', 'children', 'origins?days=1', 'origins?days=14', 'compounds', 'trend?days=30', 'entry-points', 'handoffs'];
    const dashboard: Record<string, Record<string, Awaited<ReturnType<typeof timed>>>> = {};
    let worst = 0;
    for (const [name, code] of Object.entries(PARTS.has('dashboard') ? scopes : {})) {
      dashboard[name] = {};
      for (const call of calls) {
        const path = `/api/dashboard/${call}${call.includes('?') ? '&' : '?'}jurisdiction=${code}`;
        const t = await timed(RUNS, () => api(server.url, path, command));
        dashboard[name][call] = t;
        worst = Math.max(worst, t.p95);
        log(`  ${name.padEnd(9)} ${call.padEnd(16)} p50 ${t.p50} ms  p95 ${t.p95} ms`);
      }
    }

    const from = day(-59);
    const to = day(0);
    const listPath = (page: number) => `/api/arrivals?destCode=${community}&from=${from}&to=${to}&pageSize=20&page=${page}`;
    const list = PARTS.has('list') ? {
      matching: (await api<{ total: number }>(server.url, listPath(1), command)).total,
      page1: await timed(RUNS, () => api(server.url, listPath(1), command)),
      page50: await timed(RUNS, () => api(server.url, listPath(50), command)),
    } : null;
    if (list) log(`  list ${community} over 60 days (${list.matching} rows): page 1 p95 ${list.page1.p95} ms, page 50 p95 ${list.page50.p95} ms`);

    // The last N days whose arrivals add up to at least EXPORT_ROWS.
    let exportFrom = 0;
    let exportRows = PARTS.has('export') ? 0 : Infinity;
    while (exportRows < EXPORT_ROWS && exportFrom < 59) {
      exportFrom++;
      exportRows = (await api<{ total: number }>(server.url, `/api/arrivals?from=${day(-exportFrom)}&to=${day(-1)}&pageSize=1`, command)).total;
    }
    const exported = PARTS.has('export') ? await exportRun(server, command, day(-exportFrom), day(-1)) : null;
    if (exported) log(`  CSV export of ${exported.rows} arrivals: ${exported.seconds} s, ${exported.megabytes} MB, server memory +${exported.rssGrowthMb} MB`);

    const stream = PARTS.has('stream') ? await streamLatency(server, command, desk, entryPoints) : null;
    if (stream) log(`  live stream at ${stream.achievedPerSecond} registrations/s: lag p50 ${stream.lagMs.p50} ms, p95 ${stream.lagMs.p95} ms, max ${stream.lagMs.max} ms (${stream.failed} failed)`);

    const result = {
      seed,
      serverStartSeconds: startSeconds,
      dashboardP95MsWorst: worst,
      dashboard,
      list,
      export: exported,
      stream,
      targets: { dashboardAndListP95Ms: 100, exportSeconds: 5, exportMemoryGrowthMb: 100, streamLagMs: 2000, streamRate: STREAM_RATE },
    };
    mkdirSync('.tmp', { recursive: true });
    writeFileSync('.tmp/bench-dashboard.json', JSON.stringify(result, null, 2));
    log(`\nworst dashboard p95 ${worst} ms (target <= 100); list page 1 / 50 p95 ${list?.page1.p95} / ${list?.page50.p95} ms (<= 100); `
      + `export ${exported?.seconds} s (<= 5) +${exported?.rssGrowthMb} MB (< 100); stream lag p95 ${stream?.lagMs.p95} ms (<= 2000)`);
    return result;
  } finally {
    server.process.kill('SIGTERM');
    await new Promise((r) => server.process.once('exit', r));
  }
}
