// Starts the real server in a child process on a fresh database, for load from this process.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface BenchServer {
  url: string;
  dir: string;
  databaseFile: string;
  process: ChildProcess;
  /** CPU time (user + system) the server process has used so far, in ms; unlike wall time it does not grow while the process waits for a busy machine. */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** The first admin's configured password, changed at first login to BENCH_ADMIN_PASSWORD. */
const BENCH_ADMIN_FIRST_PASSWORD = 'Bench-admin-first-1';
export const BENCH_ADMIN_PASSWORD = 'Bench-admin-password-1';

/** Passwords of the users the benches create. */
export const BENCH_PASSWORD = 'Bench-password-1';

export const BENCH_SECRET = 'bench-secret';

/** Starts the server; `dir` may hold a database seeded beforehand (bench.sqlite, keyed with BENCH_SECRET). */
export async function startServer(options: { port?: number; dir?: string } = {}): Promise<BenchServer> {
  const port = options.port ?? 18080;
  const dir = options.dir ?? benchDir();
  const databaseFile = join(dir, 'bench.sqlite');
  const child = spawn(process.execPath, [...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []), '--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${databaseFile}`,
      FANGKONG_DATA_DIR: dir,
      FANGKONG_ADMIN_PASSWORD: BENCH_ADMIN_FIRST_PASSWORD,
      // The benches log in from loopback more often than people do.
      FANGKONG_LOGIN_RATE_PER_MINUTE: '0',
      FANGKONG_WEB_DIR: join(dir, 'no-web'),
      FANGKONG_SECRET: BENCH_SECRET,
      // The export bench streams 100,000 rows, above the default cap.
      FANGKONG_EXPORT_MAX_ROWS: process.env.FANGKONG_EXPORT_MAX_ROWS ?? '1000000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch { /* not up yet */ }
    if (child.exitCode !== null) throw new Error('server exited during start');
    await sleep(100);
  }
  return {
    url,
    dir,
    databaseFile,
    process: child,
    cpuMs: () => processCpuMs(child.pid!),
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function processCpuMs(pid: number): number {
  // Fields 14 and 15 of /proc/<pid>/stat (after the command name in parentheses): utime and stime in clock ticks (100 per second).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export function benchDir(): string {
  return mkdtempSync(join(tmpdir(), 'fangkong-bench-'));
}

export async function api<T>(url: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const res = await fetch(url + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export async function login(url: string, username: string, password: string): Promise<string> {
  return (await api<{ token: string }>(url, '/api/auth/login', null, { username, password })).token;
}

/** Logs in with a password an administrator set and changes it to `password`, as every first login must. */
async function firstLogin(url: string, username: string, initialPassword: string, password: string): Promise<string> {
  const token = await login(url, username, initialPassword);
  await api(url, '/api/auth/password', token, { currentPassword: initialPassword, newPassword: password });
  return token;
}

/** The admin's token; on a fresh database this makes the first login's password change. */
export async function adminLogin(url: string): Promise<string> {
  try {
    return await login(url, 'admin', BENCH_ADMIN_PASSWORD);
  } catch {
    return firstLogin(url, 'admin', BENCH_ADMIN_FIRST_PASSWORD, BENCH_ADMIN_PASSWORD);
  }
}

/** Creates a user (a POST /api/users body) whose first login's change is made, so that BENCH_PASSWORD logs them in. */
export async function createUser(url: string, adminToken: string, body: { username: string } & Record<string, unknown>): Promise<string> {
  const initialPassword = `Initial-${body.username}-1`;
  await api(url, '/api/users', adminToken, { ...body, password: initialPassword });
  return firstLogin(url, body.username, initialPassword, BENCH_PASSWORD);
}
