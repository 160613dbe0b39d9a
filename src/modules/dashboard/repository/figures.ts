// Counts for the dashboard. Every query reads one index range (a code subtree, a
// time window) and groups rows into buckets: the child nodes of a drill-down or
// the days of a trend, each a half-open range [from, to) of one column. Only
// counts leave this file.
import { sql, type Expression, type ExpressionBuilder, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../../../db/schema';
import { inScope } from '../../../db/scope';
import { subtreeUpperBound } from '../../../domain/division-code';
import { cityCountsServe, grainFor, type Grain } from '../../../domain/rollups';
import { missingByMarks, missingInSlot } from '../../observations';

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

/**
 * The same subtree test written as an expression no index serves (`code || ''`), for queries
 * where another index reads far fewer rows: SQLite keeps no statistics to see that, and would
 * otherwise walk the whole subtree.
 */
const withinUnindexed = (column: string, code: string) => <T extends keyof DB>(eb: ExpressionBuilder<DB, T>) => {
  const value = sql<string>`${sql.ref(column)} || ''`;
  return eb.and([eb(value, '>=', code), eb(value, '<', subtreeUpperBound(code))]);
};

export interface Window {
  /** Start of the report day (or of the first of several): "day" figures count from here. */
  from: string;
  /** End of the (last) report day: "total" figures count everything before. */
  to: string;
}

/** Arrivals registered in the window within a subtree; over a city or the region the time index reads fewer rows. */
function arrivalsInWindow(db: Kysely<DB>, scope: string, w: Window) {
  return db.selectFrom('arrivals') // unscoped: counts only; filtered by within/withinUnindexed below
    .where('arrivals.registered_at', '>=', w.from)
    .where('arrivals.registered_at', '<', w.to)
    .where((scope.length > 4 ? within : withinUnindexed)('arrivals.dest_code', scope));
}

/** Registrations of one grain within a subtree, from the maintained day counts. */
const dayCounts = (db: Kysely<DB>, scope: string, grain: Grain) => db.selectFrom('arrival_day_counts')
  .where('arrival_day_counts.grain', '=', grain)
  .where(within('arrival_day_counts.code', scope));

const sumOf = (column: string) => sql<number>`sum(${sql.ref(column)})`;
const sumIf = (condition: Expression<SqlBool>, column: string) => sql<number>`sum(case when ${condition} then ${sql.ref(column)} else 0 end)`;

const DAY_COLUMNS = { abnormal: 'abnormal', feverClinic: 'fever_clinic', centralised: 'centralised', home: 'home' } as const;

/** Arrivals by destination: registered, abnormal temperatures and dispositions, for the report day and up to its end. */
export function arrivalCounts(db: Kysely<DB>, scope: string, buckets: Bucket[], day: string) {
  return dayCounts(db, scope, grainFor(buckets.map((b) => b.key)))
    .where('arrival_day_counts.day', '<=', day)
    .select((eb) => {
      const today = eb('arrival_day_counts.day', '=', day);
      return [
        bucketOf('arrival_day_counts.code', buckets).as('bucket'),
        sumOf('arrival_day_counts.registered').as('total'),
        sumIf(today, 'arrival_day_counts.registered').as('day'),
        ...Object.entries(DAY_COLUMNS).flatMap(([key, column]) => [
          sumOf(`arrival_day_counts.${column}`).as(`${key}_total`),
          sumIf(today, `arrival_day_counts.${column}`).as(`${key}_day`),
        ]),
      ];
    })
    .groupBy(byFirst)
    .execute() as Promise<({ bucket: string | null; total: number; day: number } & Record<`${keyof typeof DAY_COLUMNS}_${'total' | 'day'}`, number>)[]>;
}

/** Arrivals whose current holder has not acknowledged them since before `before`: few wait at any time, all found by their own index. */
export function overdueCounts(db: Kysely<DB>, scope: string, buckets: Bucket[], before: string) {
  return db.selectFrom('arrivals')
    .where('arrivals.holder_code', 'is not', null)
    .where('arrivals.stage_since', '<', before)
    .where(withinUnindexed('arrivals.dest_code', scope))
    .select((eb) => [bucketOf('arrivals.dest_code', buckets).as('bucket'), eb.fn.countAll<number>().as('n')])
    .groupBy(byFirst)
    .execute();
}

/** How a slot's missing checks are found (see src/modules/observations/queries.ts). */
export type MissingBy = 'marks' | 'hash' | 'probe';

/** Checks missed over the due slots, per row: a sum of one 0/1 term per slot. */
function missedSlots(eb: ExpressionBuilder<DB, 'observations'>, day: string, slots: DueSlot[], by: MissingBy) {
  if (slots.length === 0) return sql<number>`0`;
  const missing = (s: DueSlot) => (by === 'marks' ? missingByMarks(eb, day, s) : missingInSlot(eb, day, s, by === 'probe'));
  return sql<number>`sum(${sql.join(slots.map((s) => sql`case when ${missing(s)} then 1 else 0 end`), sql` + `)})`;
}

/**
 * People under observation now, by responsible unit and kind (home, centralised), with the checks
 * they missed in the report day's due slots: one pass over the status index, which covers both
 * when the check marks serve.
 */
export function activeObservationCounts(db: Kysely<DB>, scope: string, buckets: Bucket[], day: string, slots: DueSlot[], by: 'marks' | 'hash') {
  return db.selectFrom('observations')
    .where(within('observations.unit_code', scope))
    .where('observations.status', '=', 'active')
    .select((eb) => [bucketOf('observations.unit_code', buckets).as('bucket'), 'observations.kind', eb.fn.countAll<number>().as('n'), missedSlots(eb, day, slots, by).as('missing')])
    .groupBy([byFirst, 'observations.kind'])
    .execute();
}

/** Releases by unit, for the report day and up to its end, from the maintained counts. */
export function releaseCounts(db: Kysely<DB>, scope: string, buckets: Bucket[], day: string) {
  return db.selectFrom('release_day_counts')
    .where('release_day_counts.grain', '=', grainFor(buckets.map((b) => b.key)))
    .where(within('release_day_counts.code', scope))
    .where('release_day_counts.day', '<=', day)
    .select((eb) => [
      bucketOf('release_day_counts.code', buckets).as('bucket'),
      sumOf('release_day_counts.released').as('total'),
      sumIf(eb('release_day_counts.day', '=', day), 'release_day_counts.released').as('day'),
    ])
    .groupBy(byFirst)
    .execute();
}

export interface DueSlot {
  slot: number;
  start: string;
  deadline: string;
}

/** Checks missed in the report day's due slots by people whose observation ended since the day began: few, found by end time. */
export function endedMissingCounts(db: Kysely<DB>, scope: string, buckets: Bucket[], day: string, dayFrom: string, slots: DueSlot[]) {
  return db.selectFrom('observations')
    .where('observations.ended_at', '>', dayFrom)
    .where('observations.status', '<>', 'active')
    .where(withinUnindexed('observations.unit_code', scope))
    .select((eb) => [bucketOf('observations.unit_code', buckets).as('bucket'), missedSlots(eb, day, slots, 'probe').as('missing')])
    .groupBy(byFirst)
    .execute();
}

export function openAlertCounts(db: Kysely<DB>, scope: string, buckets: Bucket[]) {
  return db.selectFrom('alerts')
    .where('alerts.status', '=', 'open')
    .where(within('alerts.unit_code', scope))
    .select((eb) => [bucketOf('alerts.unit_code', buckets).as('bucket'), eb.fn.countAll<number>().as('n')])
    .groupBy(byFirst)
    .execute();
}

/** Arrivals over report days by origin prefix (2 digits: province, 4: city), optionally within one province. */
export function originCounts(db: Kysely<DB>, scope: string, w: Window & { first: string; last: string }, prefixLength: 2 | 4, province?: string) {
  const prefix = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, ${sql.lit(prefixLength)})`;
  if (cityCountsServe(scope)) {
    let q = db.selectFrom('arrival_origin_counts')
      .where(within('arrival_origin_counts.city_code', scope))
      .where('arrival_origin_counts.day', '>=', w.first)
      .where('arrival_origin_counts.day', '<=', w.last);
    if (province) q = q.where(within('arrival_origin_counts.origin_code', province));
    return q.select([prefix('arrival_origin_counts.origin_code').as('code'), sumOf('arrival_origin_counts.registered').as('count')])
      .groupBy(byFirst)
      .execute();
  }
  let q = arrivalsInWindow(db, scope, w);
  if (province) q = q.where(within('arrivals.origin_code', province));
  return q
    .select((eb) => [prefix('arrivals.origin_code').as('code'), eb.fn.countAll<number>().as('count')])
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

/** The communities (destination places) with the most registrations over report days. */
export function communityCounts(db: Kysely<DB>, scope: string, first: string, last: string, limit: number) {
  return dayCounts(db, scope, 'place')
    .where('arrival_day_counts.day', '>=', first)
    .where('arrival_day_counts.day', '<=', last)
    .select(['arrival_day_counts.code as dest_code', sumOf('arrival_day_counts.registered').as('n')])
    .groupBy('arrival_day_counts.code')
    .orderBy('n', 'desc').orderBy('arrival_day_counts.code')
    .limit(limit)
    .execute();
}

/** Registrations and abnormal temperatures per report day, from the maintained day counts. */
export function arrivalsByDay(db: Kysely<DB>, scope: string, first: string, last: string) {
  return dayCounts(db, scope, grainFor([scope]))
    .where('arrival_day_counts.day', '>=', first)
    .where('arrival_day_counts.day', '<=', last)
    .select(['arrival_day_counts.day as bucket', sumOf('arrival_day_counts.registered').as('n'), sumOf('arrival_day_counts.abnormal').as('abnormal')])
    .groupBy('arrival_day_counts.day')
    .execute();
}

/** Observations started and ended per report day of the window, and in all before it (`before`), from the maintained counts. */
export function observationsByDay(db: Kysely<DB>, scope: string, first: string, last: string, before: string) {
  return db.selectFrom('observation_day_counts')
    .where('observation_day_counts.grain', '=', grainFor([scope]))
    .where(within('observation_day_counts.code', scope))
    .where('observation_day_counts.day', '<=', last)
    .select([
      sql<string>`case when ${sql.ref('observation_day_counts.day')} < ${first} then ${before} else ${sql.ref('observation_day_counts.day')} end`.as('bucket'),
      sumOf('observation_day_counts.started').as('started'),
      sumOf('observation_day_counts.ended').as('ended'),
    ])
    .groupBy(byFirst)
    .execute();
}

/** Releases per report day, from the maintained counts. */
export function releasesByDay(db: Kysely<DB>, scope: string, first: string, last: string) {
  return db.selectFrom('release_day_counts')
    .where('release_day_counts.grain', '=', grainFor([scope]))
    .where(within('release_day_counts.code', scope))
    .where('release_day_counts.day', '>=', first)
    .where('release_day_counts.day', '<=', last)
    .select(['release_day_counts.day as bucket', sumOf('release_day_counts.released').as('n')])
    .groupBy('release_day_counts.day')
    .execute();
}

/** Registrations per entry point and bucket (hours or days over registration time), by city from the counts, else from the arrivals. */
export function entryPointCounts(db: Kysely<DB>, scope: string, buckets: Bucket[], w: Window) {
  if (cityCountsServe(scope)) {
    return db.selectFrom('arrival_entry_counts')
      .where(within('arrival_entry_counts.city_code', scope))
      .where('arrival_entry_counts.hour', '>=', w.from)
      .where('arrival_entry_counts.hour', '<', w.to)
      .select([bucketOf('arrival_entry_counts.hour', buckets).as('bucket'), 'arrival_entry_counts.entry_point_id', sumOf('arrival_entry_counts.registered').as('n')])
      .groupBy([byFirst, 'arrival_entry_counts.entry_point_id'])
      .execute();
  }
  return arrivalsInWindow(db, scope, w)
    .select((eb) => [bucketOf('arrivals.registered_at', buckets).as('bucket'), 'arrivals.entry_point_id', eb.fn.countAll<number>().as('n')])
    .groupBy([byFirst, 'arrivals.entry_point_id'])
    .execute();
}

/** Arrivals registered in the window by the stage they are at now, and how many of those wait past the deadline. */
export function stageCounts(db: Kysely<DB>, scope: string, w: Window, overdueBefore: string) {
  return arrivalsInWindow(db, scope, w)
    .select((eb) => [
      'arrivals.stage',
      eb.fn.countAll<number>().as('n'),
      countIf(eb.and([eb('arrivals.holder_code', 'is not', null), eb('arrivals.stage_since', '<', overdueBefore)])).as('overdue'),
    ])
    .groupBy('arrivals.stage')
    .execute();
}

export function entryPointNames(db: Kysely<DB>, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('entry_points').select(['id', 'name']).where('id', 'in', ids).execute();
}
