import { TRIAGE_DEFAULTS, type TriageThresholds } from '../domain/triage';
import { DEFAULT_SCHEDULE, type CheckSchedule } from '../domain/observation';
import { DATE_BOUND_DEFAULTS, isDay, type DateBounds } from '../domain/date-bounds';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  region: string;
  timeZone: string;
  adminPassword?: string;
  secret?: string;
  dataDir: string;
  triage: TriageThresholds;
  handoffOverdueMinutes: number;
  checks: CheckSchedule;
  dates: DateBounds;
  logLevel: string;
  webDir?: string;
  /** Fastify's trustProxy: whose X-Forwarded-For to believe for the caller's address; false unless configured. */
  trustProxy: boolean | number | string[];
  /** Strict-Transport-Security, for a platform served over HTTPS (behind a TLS terminator). */
  hsts: boolean;
  /** The API documentation without signing in. */
  publicDocs: boolean;
  /** The most rows one export may hold; a larger one is refused (narrow the filters). */
  exportMaxRows: number;
  /** A session unused this long ends, besides its absolute lifetime. */
  idleMinutes: number;
  /** Login attempts one source address may make per minute, whatever the account. */
  loginRatePerMinute: number;
}

function num(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number, got "${raw}"`);
  return value;
}

/** "12,24": a morning check due by 12:00 and an evening one by 24:00, local time. */
function slotEnds(raw: string): number[] {
  const hours = raw.split(',').map(Number);
  if (!hours.length || hours.some((h, i) => !(h > 0 && h <= 24) || (i > 0 && h <= hours[i - 1]))) {
    throw new Error(`FANGKONG_CHECK_SLOT_ENDS must be increasing hours in (0, 24], got "${raw}"`);
  }
  return hours;
}

const flag = (raw: string | undefined) => raw === '1' || raw === 'true';

/** "true", a hop count ("1"), or addresses and CIDR ranges of the proxies ("10.0.0.1,10.1.0.0/16"). */
function trustProxy(raw: string | undefined): Config['trustProxy'] {
  const value = raw?.trim();
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

function day(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!isDay(raw)) throw new Error(`${name} must be a day (YYYY-MM-DD), got "${raw}"`);
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: num(env, 'PORT', 8080),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || 'sqlite:data/fangkong.sqlite',
    region: env.FANGKONG_REGION || '54',
    timeZone: env.FANGKONG_TZ || 'Asia/Shanghai',
    adminPassword: env.FANGKONG_ADMIN_PASSWORD || undefined,
    secret: env.FANGKONG_SECRET || undefined,
    dataDir: env.FANGKONG_DATA_DIR || 'data',
    triage: {
      feverCelsius: num(env, 'FANGKONG_FEVER_CELSIUS', TRIAGE_DEFAULTS.feverCelsius),
      highRiskLookbackDays: num(env, 'FANGKONG_HIGH_RISK_LOOKBACK_DAYS', TRIAGE_DEFAULTS.highRiskLookbackDays),
    },
    handoffOverdueMinutes: num(env, 'FANGKONG_HANDOFF_OVERDUE_MINUTES', 120),
    checks: {
      slotEnds: env.FANGKONG_CHECK_SLOT_ENDS ? slotEnds(env.FANGKONG_CHECK_SLOT_ENDS) : DEFAULT_SCHEDULE.slotEnds,
      graceMinutes: num(env, 'FANGKONG_CHECK_GRACE_MINUTES', DEFAULT_SCHEDULE.graceMinutes),
    },
    dates: {
      earliestDate: day(env, 'FANGKONG_EARLIEST_DATE', DATE_BOUND_DEFAULTS.earliestDate),
      futureToleranceHours: num(env, 'FANGKONG_FUTURE_TOLERANCE_HOURS', DATE_BOUND_DEFAULTS.futureToleranceHours),
      observationStartMaxDays: num(env, 'FANGKONG_OBSERVATION_START_MAX_DAYS', DATE_BOUND_DEFAULTS.observationStartMaxDays),
      planHorizonDays: num(env, 'FANGKONG_PLAN_HORIZON_DAYS', DATE_BOUND_DEFAULTS.planHorizonDays),
    },
    logLevel: env.LOG_LEVEL || 'info',
    webDir: env.FANGKONG_WEB_DIR || undefined,
    trustProxy: trustProxy(env.FANGKONG_TRUST_PROXY),
    hsts: flag(env.FANGKONG_HSTS),
    publicDocs: flag(env.FANGKONG_PUBLIC_DOCS),
    exportMaxRows: num(env, 'FANGKONG_EXPORT_MAX_ROWS', 50_000),
    idleMinutes: num(env, 'FANGKONG_IDLE_MINUTES', 30),
    loginRatePerMinute: num(env, 'FANGKONG_LOGIN_RATE_PER_MINUTE', 30),
  };
}
