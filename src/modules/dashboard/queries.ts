// Counts for the dashboard. Every query reads one index range (a code subtree, a
// time window) and groups rows into buckets: the child nodes of a drill-down or
// the days of a trend, each a half-open range [from, to) of one column. Only
// counts leave this file.
import { sql, type Expression, type ExpressionBuilder, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../../db/schema';
import { inScope, subtreeUpperBound } from '../../db/scope';
import { dispositionsOf, type DispositionGroup } from '../../domain/dashboard';
import { missingInSlot } from '../observations/queries';

export interface Bucket {
  key: string;
  /** Omitted: everything below `to`. */
  from?: string;
  to: string;
}

/** A code subtree as a bucket. */
export const subtree = (code: string): Bucket => ({ key: code, from: code, to: subtreeUpperBound(code) });

/** The key of the first bucket holding the column's value, else `otherwise`. */
function bucketOf(column: string, buckets: Bucket[], otherwise: string | null = null): RawBuilder<string | null> {
  const col = sql.ref(column);
  const whens = buckets.map((b) => (b.from === undefined
    ? sql`when ${col} < ${b.to} then ${b.key}`
    : sql`when ${col} >= ${b.from} and ${col} < ${b.to} then ${b.key}`));
  return sql<string | null>`case ${sql.join(whens, sql` `)} else ${otherwise} end`;
}

/** The number of rows meeting the condition. */
function countIf(condition: Expression<SqlBool>): RawBuilder<number> {
  return sql<number>`sum(case when ${condition} then 1 else 0 end)`;
}

/** Group by the first selected column (the bucket): PostgreSQL would see two differently bound CASE expressions. */
const byFirst = sql`1`;

/** A code subtree on one column, through the one jurisdiction filter. */
const within = (column: string, code: string) => <T extends keyof DB>(eb: ExpressionBuilder<DB, T>) => inScope(eb, [column], code);

export interface Window {
  /** Start of the report day (or of the first of several): "day" figures count from here. */
  from: string;
  /** End of the (last) report day: "total" figures count everything before. */
  to: string;
}

/**
 * Arrivals registered in the window within a subtree. Over a city or the whole region the time
 * index reads far fewer rows than the subtree one; SQLite keeps no statistics to see that, so the
 * subtree test is written as an expression no index serves (`code || ''`), and it filters instead.
 */
function arrivalsInWindow(db: Kysely<DB>, scope: string, w: Window) {
  const q = db.selectFrom('arrivals')
    .where('arrivals.registered_at', '>=', w.from)
    .where('arrivals.registered_at', '<', w.to);
  if (scope.length > 4) return q.where(within('arrivals.dest_code', scope));
  const code = sql<string>`${sql.ref('arrivals.dest_code')} || ''`;
  return q.where(code, '>=', scope).where(code, '<', subtreeUpperBound(scope));
}

const GROUPS: DispositionGroup[] = ['feverClinic', 'centralised', 'home'];

/** Arrivals by destination: registered, abnormal temperatures and dispositions, for the day and in total. */
export function arrivalCounts(db: Kysely<DB>, scope: string, buckets: Bucket[], w: Window) {
  return db.selectFrom('arrivals')
    .where(within('arrivals.dest_code', scope))
    .where('arrivals.registered_at', '<', w.to)
    .select((eb) => {
      const today = eb('arrivals.registered_at', '>=', w.from);
      const abnormal = eb('arrivals.abnormal_temperature', '=', 1);
      return [
        bucketOf('arrivals.dest_code', buckets).as('bucket'),
        eb.fn.countAll<number>().as('total'),
        countIf(today).as('day'),
        countIf(abnormal).as('abnormal_total'),
        countIf(eb.and([abnormal, today])).as('abnormal_day'),
        ...GROUPS.flatMap((g) => {
          const inGroup = eb('arrivals.disposition', 'in', dispositionsOf(g));
          return [countIf(inGroup).as(`${g}_total`), countIf(eb.and([inGroup, today])).as(`${g}_day`)];
        }),
      ];
    })
    .groupBy(byFirst)
    .execute() as Promise<({ bucket: string | null; total: number; day: number; abnormal_total: number; abnormal_day: number } & Record<`${DispositionGroup}_${'total' | 'day'}`, number>)[]>;
}

/** Arrivals whose current holder has not acknowledged them since before `before`. */
export function overdueCounts(db: Kysely<DB>, scope: string, buckets: Bucket[], before: string) {
  return db.selectFrom('arrivals')
    .where(within('arrivals.dest_code', scope))
    .where('arrivals.holder_code', 'is not', null)
    .where('arrivals.stage_since', '<', before)
    .select((eb) => [bucketOf('arrivals.dest_code', buckets).as('bucket'), eb.fn.countAll<number>().as('n')])
    .groupBy(byFirst)
    .execute();
}

/** Active observations by responsible unit and kind (home, centralised). */
export function activeObservationCounts(db: Kysely<DB>, scope: string, buckets: Bucket[]) {
  return db.selectFrom('observations')
    .where(within('observations.unit_code', scope))
    .where('observations.status', '=', 'active')
    .select((eb) => [bucketOf('observations.unit_code', buckets).as('bucket'), 'observations.kind', eb.fn.countAll<number>().as('n')])
    .groupBy([byFirst, 'observations.kind'])
    .execute();
}

/** Releases by unit, for the day and in total. */
export function releaseCounts(db: Kysely<DB>, scope: string, buckets: Bucket[], w: Window) {
  return db.selectFrom('observations')
    .where(within('observations.unit_code', scope))
    .where('observations.status', '=', 'released')
    .where('observations.ended_at', '<', w.to)
    .select((eb) => [
      bucketOf('observations.unit_code', buckets).as('bucket'),
      eb.fn.countAll<number>().as('total'),
      countIf(eb('observations.ended_at', '>=', w.from)).as('day'),
    ])
    .groupBy(byFirst)
    .execute();
}

export interface DueSlot {
  slot: number;
  start: string;
  deadline: string;
}

/** Missing checks of the report day, by unit, over the slots whose deadline has passed. */
export async function missingCheckCounts(db: Kysely<DB>, scope: string, buckets: Bucket[], day: string, dayFrom: string, slots: DueSlot[]) {
  if (slots.length === 0) return [];
  const rows = await db.selectFrom('observations')
    .where(within('observations.unit_code', scope))
    .where((eb) => eb.or([eb('observations.status', '=', 'active'), eb('observations.ended_at', '>', dayFrom)]))
    .select((eb) => [bucketOf('observations.unit_code', buckets).as('bucket'), ...slots.map((s) => countIf(missingInSlot(eb, day, s)).as(`slot${s.slot}`))])
    .groupBy(byFirst)
    .execute() as ({ bucket: string | null } & Record<string, number | null>)[];
  return rows.map((r) => ({ bucket: r.bucket, n: slots.reduce((sum, s) => sum + Number(r[`slot${s.slot}`] ?? 0), 0) }));
}

export function openAlertCounts(db: Kysely<DB>, scope: string, buckets: Bucket[]) {
  return db.selectFrom('alerts')
    .where('alerts.status', '=', 'open')
    .where(within('alerts.unit_code', scope))
    .select((eb) => [bucketOf('alerts.unit_code', buckets).as('bucket'), eb.fn.countAll<number>().as('n')])
    .groupBy(byFirst)
    .execute();
}

/** Arrivals in the window by origin prefix (2 digits: province, 4: city), optionally within one province. */
export function originCounts(db: Kysely<DB>, scope: string, w: Window, prefixLength: 2 | 4, province?: string) {
  let q = arrivalsInWindow(db, scope, w);
  if (province) q = q.where(within('arrivals.origin_code', province));
  return q
    .select((eb) => [sql<string>`substr(${sql.ref('arrivals.origin_code')}, 1, ${sql.lit(prefixLength)})`.as('code'), eb.fn.countAll<number>().as('count')])
    .groupBy(byFirst)
    .execute();
}

/** The most registered compounds (with their community) in the window. */
export function compoundCounts(db: Kysely<DB>, scope: string, w: Window, limit: number) {
  return arrivalsInWindow(db, scope, w)
    .select((eb) => ['arrivals.dest_code', 'arrivals.dest_compound', eb.fn.countAll<number>().as('n')])
    .groupBy(['arrivals.dest_code', 'arrivals.dest_compound'])
    .orderBy('n', 'desc').orderBy('arrivals.dest_code').orderBy('arrivals.dest_compound')
    .limit(limit)
    .execute();
}

/** The communities (destination nodes) with the most registrations in the window. */
export function communityCounts(db: Kysely<DB>, scope: string, w: Window, limit: number) {
  return arrivalsInWindow(db, scope, w)
    .select((eb) => ['arrivals.dest_code', eb.fn.countAll<number>().as('n')])
    .groupBy('arrivals.dest_code')
    .orderBy('n', 'desc').orderBy('arrivals.dest_code')
    .limit(limit)
    .execute();
}

/** Registrations and abnormal temperatures per day (buckets over registered_at). */
export function arrivalsByDay(db: Kysely<DB>, scope: string, days: Bucket[], w: Window) {
  return arrivalsInWindow(db, scope, w)
    .select((eb) => [
      bucketOf('arrivals.registered_at', days).as('bucket'),
      eb.fn.countAll<number>().as('n'),
      countIf(eb('arrivals.abnormal_temperature', '=', 1)).as('abnormal'),
    ])
    .groupBy(byFirst)
    .execute();
}

/** Observations not ended before the window, by the day they started (or `before`) and ended (or `after`). */
export function observationSpans(db: Kysely<DB>, scope: string, days: Bucket[], w: Window, before: string, after: string) {
  return db.selectFrom('observations')
    .where(within('observations.unit_code', scope))
    .where((eb) => eb.or([eb('observations.status', '=', 'active'), eb('observations.ended_at', '>=', w.from)]))
    .where('observations.start_at', '<', w.to)
    .select((eb) => [
      bucketOf('observations.start_at', [{ key: before, to: w.from }, ...days], after).as('started'),
      bucketOf('observations.ended_at', days, after).as('ended'),
      eb.fn.countAll<number>().as('n'),
    ])
    .groupBy([byFirst, sql`2`])
    .execute();
}

/** Releases per day (buckets over ended_at). */
export function releasesByDay(db: Kysely<DB>, scope: string, days: Bucket[], w: Window) {
  return db.selectFrom('observations')
    .where(within('observations.unit_code', scope))
    .where('observations.status', '=', 'released')
    .where('observations.ended_at', '>=', w.from)
    .where('observations.ended_at', '<', w.to)
    .select((eb) => [bucketOf('observations.ended_at', days).as('bucket'), eb.fn.countAll<number>().as('n')])
    .groupBy(byFirst)
    .execute();
}
