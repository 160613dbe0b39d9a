// The command dashboard's figures for one node of the caller's jurisdiction: counts only, never persons.
import type { Ctx, CurrentUser } from '../../server/context';
import { AppError } from '../../server/errors';
import { isWithin } from '../../domain/division-code';
import { dayRange, reportDay } from '../../domain/time';
import { overdueBefore } from '../../domain/handoff';
import { marksServe, slotWindow } from '../../domain/observation';
import { BEFORE, fillDays, funnel, hourStarts, lastDays, orderChildren, rank, underObservationByDay } from '../../domain/dashboard';
import { activeChildren } from '../jurisdictions';
import * as q from './repository/figures';
import type { CompoundQuery, EntryPointQuery, Headline, OriginQuery, ScopeQuery, TrendQuery } from './schemas';

const TOP = 50;

/** The node the caller asked for (default their own), which must lie within their jurisdiction. */
async function scopeOf(ctx: Ctx, user: CurrentUser, code = user.jurisdictionCode) {
  if (!isWithin(code, user.jurisdictionCode)) throw new AppError('outside_scope', {}, 'jurisdiction');
  const node = (await ctx.nodes.get([code])).get(code);
  if (!node) throw new AppError('unknown_code', { field: 'jurisdiction', value: code }, 'jurisdiction');
  return node;
}

function header(ctx: Ctx, node: { code: string; name: string }, date: string | undefined, now: Date) {
  return { jurisdiction: { code: node.code, name: node.name }, date: date ?? reportDay(now, ctx.config.timeZone), generatedAt: now.toISOString() };
}

/** [start of the first day, end of the last) for the last `days` report days ending with `date`. */
function windowOf(ctx: Ctx, date: string, days: number) {
  const first = lastDays(date, days)[0];
  return { first, window: { from: dayRange(first, ctx.config.timeZone).from, to: dayRange(date, ctx.config.timeZone).to } };
}

const empty = (): Headline => ({
  arrivals: { day: 0, total: 0 },
  abnormalTemperature: { day: 0, total: 0 },
  dispositions: { feverClinic: { day: 0, total: 0 }, centralised: { day: 0, total: 0 }, home: { day: 0, total: 0 } },
  handoffsOverdue: 0,
  underObservation: { home: 0, centralised: 0 },
  released: { day: 0, total: 0 },
  missingChecks: 0,
  openAlerts: 0,
});

/** The headline figures of each bucket (a node's subtree) below `scope`, for report day `date`. */
async function headlines(ctx: Ctx, scope: string, codes: string[], date: string, now: Date): Promise<Map<string, Headline>> {
  const tz = ctx.config.timeZone;
  const buckets = codes.map(q.subtree);
  const w = dayRange(date, tz);
  const dueSlots = ctx.config.checks.slotEnds
    .map((_, slot) => ({ slot, ...slotWindow(date, slot, ctx.config.checks, tz) }))
    .filter((s) => s.deadline <= now.toISOString());
  const [arrivals, overdue, observing, released, ended, alerts] = await Promise.all([
    q.arrivalCounts(ctx.db, scope, buckets, date),
    q.overdueCounts(ctx.db, scope, buckets, overdueBefore(now, ctx.config.handoffOverdueMinutes)),
    q.activeObservationCounts(ctx.db, scope, buckets, date, dueSlots, marksServe(date, now, reportDay(now, tz), w.to) ? 'marks' : 'hash'),
    q.releaseCounts(ctx.db, scope, buckets, date),
    q.endedMissingCounts(ctx.db, scope, buckets, date, w.from, dueSlots),
    q.openAlertCounts(ctx.db, scope, buckets),
  ]);
  const figures = new Map(codes.map((c) => [c, empty()]));
  const of = (bucket: string | null) => (bucket === null ? undefined : figures.get(bucket));
  const pair = (day: unknown, total: unknown) => ({ day: Number(day), total: Number(total) });
  for (const r of arrivals) {
    const f = of(r.bucket);
    if (!f) continue;
    f.arrivals = pair(r.day, r.total);
    f.abnormalTemperature = pair(r.abnormal_day, r.abnormal_total);
    f.dispositions = {
      feverClinic: pair(r.feverClinic_day, r.feverClinic_total),
      centralised: pair(r.centralised_day, r.centralised_total),
      home: pair(r.home_day, r.home_total),
    };
  }
  for (const r of overdue) { const f = of(r.bucket); if (f) f.handoffsOverdue = Number(r.n); }
  for (const r of observing) {
    const f = of(r.bucket);
    if (!f) continue;
    if (r.kind === 'home' || r.kind === 'centralised') f.underObservation[r.kind] = Number(r.n);
    f.missingChecks += Number(r.missing ?? 0);
  }
  for (const r of ended) { const f = of(r.bucket); if (f) f.missingChecks += Number(r.missing ?? 0); }
  for (const r of released) { const f = of(r.bucket); if (f) f.released = pair(r.day, r.total); }
  for (const r of alerts) { const f = of(r.bucket); if (f) f.openAlerts = Number(r.n); }
  return figures;
}

export async function summary(ctx: Ctx, user: CurrentUser, f: ScopeQuery, now = new Date()) {
  const node = await scopeOf(ctx, user, f.jurisdiction);
  const h = header(ctx, node, f.date, now);
  const figures = await headlines(ctx, node.code, [node.code], h.date, now);
  return { ...h, figures: figures.get(node.code)! };
}

/** The headline figures of each child node, for drill-down and the map; Tibet's cities in the official order. */
export async function childFigures(ctx: Ctx, user: CurrentUser, f: ScopeQuery, now = new Date()) {
  const node = await scopeOf(ctx, user, f.jurisdiction);
  const h = header(ctx, node, f.date, now);
  const children = orderChildren(node.code, await activeChildren(ctx.db, node.code));
  const figures = children.length ? await headlines(ctx, node.code, children.map((c) => c.code), h.date, now) : new Map<string, Headline>();
  return {
    ...h,
    children: children.map((c) => ({ code: c.code, name: c.name, level: c.level, kind: c.kind, figures: figures.get(c.code)! })),
  };
}

/** Ranking of origin provinces, or of the cities within one province, over the last `days` report days. */
export async function origins(ctx: Ctx, user: CurrentUser, f: OriginQuery, now = new Date()) {
  const node = await scopeOf(ctx, user, f.jurisdiction);
  const h = header(ctx, node, f.date, now);
  const { first, window } = windowOf(ctx, h.date, f.days);
  const rows = await q.originCounts(ctx.db, node.code, { ...window, first, last: h.date }, f.province ? 4 : 2, f.province);
  const names = await ctx.nodes.get([...rows.map((r) => r.code), ...(f.province ? [f.province] : [])]);
  const name = (code: string) => names.get(code)?.name ?? code;
  return {
    ...h,
    from: first,
    province: f.province ? { code: f.province, name: name(f.province) } : null,
    items: rank(rows.map((r) => ({ code: r.code, name: name(r.code), count: Number(r.count) }))),
  };
}

/** Registrations per compound (with its community) and per community, the top 50 of each. */
export async function compounds(ctx: Ctx, user: CurrentUser, f: CompoundQuery, now = new Date()) {
  const node = await scopeOf(ctx, user, f.jurisdiction);
  const h = header(ctx, node, f.date, now);
  const { first, window } = windowOf(ctx, h.date, f.days);
  const [byCompound, byCommunity] = await Promise.all([
    q.compoundCounts(ctx.db, node.code, window, TOP),
    q.communityCounts(ctx.db, node.code, first, h.date, TOP),
  ]);
  const names = await ctx.nodes.get([...byCompound, ...byCommunity].map((r) => r.dest_code));
  const name = (code: string) => names.get(code)?.name ?? code;
  return {
    ...h,
    from: first,
    compounds: byCompound.map((r) => ({ community: { code: r.dest_code, name: name(r.dest_code) }, compound: r.dest_compound, count: Number(r.n) })),
    communities: byCommunity.map((r) => ({ code: r.dest_code, name: name(r.dest_code), count: Number(r.n) })),
  };
}

/** Per report day: registrations, abnormal temperatures, under observation at the day's end, releases; every day present. */
export async function trend(ctx: Ctx, user: CurrentUser, f: TrendQuery, now = new Date()) {
  const node = await scopeOf(ctx, user, f.jurisdiction);
  const h = header(ctx, node, f.date, now);
  const days = lastDays(h.date, f.days);
  const [arrivals, observations, releases] = await Promise.all([
    q.arrivalsByDay(ctx.db, node.code, days[0], h.date),
    q.observationsByDay(ctx.db, node.code, days[0], h.date, BEFORE),
    q.releasesByDay(ctx.db, node.code, days[0], h.date),
  ]);
  const counts = <R extends { bucket: string | null }>(rows: R[], value: (r: R) => unknown) =>
    new Map(rows.filter((r) => r.bucket !== null).map((r) => [r.bucket!, Number(value(r))]));
  const registered = fillDays(days, counts(arrivals, (r) => r.n));
  const abnormal = fillDays(days, counts(arrivals, (r) => r.abnormal));
  const released = fillDays(days, counts(releases, (r) => r.n));
  const under = underObservationByDay(days, observations.map((r) => ({ bucket: r.bucket, started: Number(r.started), ended: Number(r.ended) })));
  return {
    ...h,
    days: days.map((date, i) => ({ date, arrivals: registered[i], abnormalTemperature: abnormal[i], underObservation: under[i], released: released[i] })),
  };
}

/** Registrations per entry point: per local hour of the report day, and per day over the last `days` days. */
export async function entryPoints(ctx: Ctx, user: CurrentUser, f: EntryPointQuery, now = new Date()) {
  const node = await scopeOf(ctx, user, f.jurisdiction);
  const h = header(ctx, node, f.date, now);
  const tz = ctx.config.timeZone;
  const day = dayRange(h.date, tz);
  const hours = hourStarts(day).map((from, i, all) => ({ key: String(i), from, to: all[i + 1] ?? day.to }));
  const dates = lastDays(h.date, f.days);
  const dayBuckets = dates.map((d) => ({ key: d, ...dayRange(d, tz) }));
  const [byHour, byDay] = await Promise.all([
    q.entryPointCounts(ctx.db, node.code, hours, day),
    q.entryPointCounts(ctx.db, node.code, dayBuckets, { from: dayBuckets[0].from, to: day.to }),
  ]);
  const ids = [...new Set([...byHour, ...byDay].map((r) => r.entry_point_id))];
  const names = new Map((await q.entryPointNames(ctx.db, ids)).map((e) => [e.id, e.name]));
  const items = ids.map((id) => {
    const hourly = new Array<number>(hours.length).fill(0);
    for (const r of byHour) if (r.entry_point_id === id && r.bucket !== null) hourly[Number(r.bucket)] += Number(r.n);
    const daily = fillDays(dates, new Map(byDay.filter((r) => r.entry_point_id === id && r.bucket !== null).map((r) => [r.bucket!, Number(r.n)])));
    return { id, name: names.get(id) ?? id, hours: hourly, days: daily, total: daily.reduce((a, b) => a + b, 0) };
  });
  items.sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'zh'));
  return { ...h, from: dates[0], dates, items };
}

/** The hand-off funnel of the report day's registrations: how far each got, and who waits past the deadline. */
export async function handoffs(ctx: Ctx, user: CurrentUser, f: ScopeQuery, now = new Date()) {
  const node = await scopeOf(ctx, user, f.jurisdiction);
  const h = header(ctx, node, f.date, now);
  const rows = await q.stageCounts(ctx.db, node.code, dayRange(h.date, ctx.config.timeZone), overdueBefore(now, ctx.config.handoffOverdueMinutes));
  return { ...h, ...funnel(rows.map((r) => ({ stage: r.stage, n: Number(r.n), overdue: Number(r.overdue) }))) };
}
