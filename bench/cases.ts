// Case and contact work at outbreak scale: 20,000 cases and 600,000 contacts. Times the import
// of a 5,000-line passenger manifest for one exposure (and the same list uploaded again), the
// chain of a 1,000-case cluster, and the region's list of cases waiting for admission.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { adminLogin, api, createUser, startServer, type BenchServer } from './server';
import { geography, rng, pick } from './generate';
import { residentDocument, SURNAMES } from './region-seed';
import { seedCases, type CasesSeeded, type CaseSeedSize } from './cases-seed';
import { timed } from './stats';

const SIZE: CaseSeedSize = {
  cases: Number(process.env.BENCH_CASES ?? 20_000),
  contacts: Number(process.env.BENCH_CONTACTS ?? 600_000),
  bigCluster: Number(process.env.BENCH_CLUSTER ?? 1_000),
};
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const MANIFEST_ROWS = Number(process.env.BENCH_MANIFEST_ROWS ?? 5_000);

/** The seeded database is kept under .tmp and reused while the sizes are the same. */
async function seeded(log: (s: string) => void): Promise<{ dir: string; seed: CasesSeeded }> {
  const dir = join('.tmp', `bench-cases-${SIZE.cases}-${SIZE.contacts}-${SIZE.bigCluster}`);
  const marker = join(dir, 'seeded.json');
  if (existsSync(marker)) return { dir, seed: JSON.parse(readFileSync(marker, 'utf8')) };
  mkdirSync(dir, { recursive: true });
  log(`seeding ${dir} …`);
  const seed = await seedCases(dir, SIZE, log);
  writeFileSync(marker, JSON.stringify(seed, null, 2));
  return { dir, seed };
}

/** A passenger manifest: people not yet known, spread over the region's communities, one seat each. */
async function manifest(rows: number, firstPerson: number): Promise<string> {
  const communities = (await geography('54')).communities;
  const r = rng(5);
  const lines = ['姓名,证件类型,证件号码,手机号码,座位号,社区代码'];
  for (let i = 0; i < rows; i++) {
    const community = pick(r, communities);
    const doc = residentDocument(community.code.slice(0, 6), firstPerson + i);
    lines.push([pick(r, SURNAMES) + i, '居民身份证', doc.number, '139' + String(i).padStart(8, '0'), `${1 + Math.floor(i / 6)}${'ABCDEF'[i % 6]}`, community.code].join(','));
  }
  return lines.join('\n') + '\n';
}

async function upload(server: BenchServer, token: string, exposureId: string, csv: string) {
  const started = performance.now();
  const res = await fetch(`${server.url}/api/exposures/${exposureId}/contacts/import`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
    body: csv,
  });
  const seconds = Math.round((performance.now() - started) / 10) / 100;
  if (!res.ok) throw new Error(`import: ${res.status} ${await res.text()}`);
  const result = (await res.json()) as { lines: number; created: number; existing: number; observationsOpened: number; issues: unknown[] };
  return { seconds, lines: result.lines, created: result.created, existing: result.existing, observationsOpened: result.observationsOpened, issues: result.issues.length };
}

export async function run() {
  const log = (s: string) => console.log(s);
  const { dir, seed } = await seeded(log);
  log(`data set: ${JSON.stringify(seed)}`);
  const server = await startServer({ dir, port: 18082 });
  try {
    const admin = await adminLogin(server.url);
    const cdc = await createUser(server.url, admin, { username: `bench_cdc_${Date.now()}`, displayName: '流调', role: 'cdc', jurisdictionCode: '54' });

    // A case reported now, on a flight with 5,000 other passengers listed.
    const now = Date.now();
    const report = await api<{ id: string }>(server.url, '/api/cases', cdc, {
      clientId: randomUUID(),
      person: { documentType: 'resident_id', documentNumber: residentDocument('540103', seed.nextPerson + (now % 1000) * 6000).number, name: '航班病例', phone: '13800001111' },
      communityCode: '540102002001', origin: 'imported', originCode: '5101', foundBy: 'arrival_screening', jurisdictionCode: '540102',
      classification: 'asymptomatic', firstPositiveAt: new Date(now - 3_600_000).toISOString(), reportingUnit: '拉萨贡嘎国际机场海关',
    });
    const exposure = await api<{ id: string }>(server.url, `/api/cases/${report.id}/exposures`, cdc, {
      clientId: randomUUID(), setting: 'transport', address: '成都—拉萨', from: new Date(now - 6 * 3_600_000).toISOString(),
      to: new Date(now - 4 * 3_600_000).toISOString(), transport: { mode: 'flight', number: `TV${now % 10_000}`, seat: '1A' },
    });
    // People new to the database on every run over the same seeded data.
    const csv = await manifest(MANIFEST_ROWS, seed.nextPerson + (now % 1000) * 6000);
    const first = await upload(server, cdc, exposure.id, csv);
    log(`  manifest of ${first.lines} lines: ${first.seconds} s (${first.created} contacts, ${first.observationsOpened} observations opened, ${first.issues} issues)`);
    const again = await upload(server, cdc, exposure.id, csv);
    log(`  the same manifest again: ${again.seconds} s (${again.created} new, ${again.existing} already there)`);

    const chainPath = (max: number) => `/api/cases/${seed.bigClusterCase}/chain?maxContacts=${max}`;
    const graph = await api<{ cluster: { size: number }; nodes: unknown[]; edges: unknown[]; contactsNotShown: number }>(server.url, chainPath(2000), cdc);
    const chain = await timed(RUNS, () => api(server.url, chainPath(2000), cdc));
    log(`  chain of a ${graph.cluster.size}-case cluster (${graph.nodes.length} nodes, ${graph.edges.length} edges, ${graph.contactsNotShown} contacts counted only): p50 ${chain.p50} ms, p95 ${chain.p95} ms`);
    const full = await timed(Math.min(RUNS, 10), () => api(server.url, chainPath(100_000), cdc), 1);
    log(`  the same chain with every contact drawn: p50 ${full.p50} ms, p95 ${full.p95} ms`);

    const waitingList = await api<{ total: number; oldestWaitingMinutes: number | null }>(server.url, '/api/cases/waiting', cdc);
    const waiting = await timed(RUNS, () => api(server.url, '/api/cases/waiting', cdc));
    log(`  region waiting list (${waitingList.total} waiting, oldest ${waitingList.oldestWaitingMinutes} min): p50 ${waiting.p50} ms, p95 ${waiting.p95} ms`);

    const result = {
      seed,
      manifest: { first, again },
      chain: { cases: graph.cluster.size, nodes: graph.nodes.length, edges: graph.edges.length, ...chain },
      chainAllContacts: full,
      waiting: { total: waitingList.total, ...waiting },
      targets: { manifestSeconds: 2, chainMs: 300, waitingP95Ms: 100 },
    };
    mkdirSync('.tmp', { recursive: true });
    writeFileSync('.tmp/bench-cases.json', JSON.stringify(result, null, 2));
    log(`\nmanifest ${first.seconds} s (target <= 2); chain p95 ${chain.p95} ms (<= 300); waiting list p95 ${waiting.p95} ms (<= 100)`);
    return result;
  } finally {
    server.process.kill('SIGTERM');
    await new Promise((r) => server.process.once('exit', r));
  }
}
