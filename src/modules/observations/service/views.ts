// Observations as the API shows them: with their checks, open alerts and what still blocks release.
import type { Ctx } from '../../../server/context';
import { missingSlots, releaseBlockers, requiredSlots } from '../../../domain/observation';
import { reportDay } from '../../../domain/time';
import { checksOf } from '../repository/checks';
import { openAlertCounts } from '../repository/alerts';
import type { ObservationRow } from '../repository/observations';
import type { ObservationView } from '../schemas';

export async function toViews(ctx: Ctx, rows: ObservationRow[], now: Date): Promise<ObservationView[]> {
  const ids = rows.map((r) => r.id);
  const [checks, alerts, names] = await Promise.all([
    checksOf(ctx.db, ids),
    openAlertCounts(ctx.db, ids),
    ctx.nodes.get(rows.flatMap((r) => [r.unit_code, r.community_code, r.pending_unit_code].filter((c): c is string => !!c))),
  ]);
  const byObservation = new Map<string, { day: string; slot: number }[]>();
  for (const c of checks) {
    const list = byObservation.get(c.observation_id) ?? [];
    list.push({ day: c.report_day, slot: c.slot });
    byObservation.set(c.observation_id, list);
  }
  const tz = ctx.config.timeZone;
  const today = reportDay(now, tz);
  const named = (code: string | null) => (code ? { code, name: names.get(code)?.name ?? code } : null);
  return rows.map((r) => {
    const taken = byObservation.get(r.id) ?? [];
    const until = r.ended_at && r.ended_at < now.toISOString() ? r.ended_at : now.toISOString();
    const missing = missingSlots(requiredSlots(r.start_at, until, ctx.config.checks, tz), taken).length;
    const openAlerts = alerts.get(r.id) ?? 0;
    return {
      id: r.id,
      person: { id: r.person_id, name: r.person_name, documentNumber: r.document_masked, phone: r.phone_masked },
      arrivalId: r.arrival_id,
      reason: r.reason,
      kind: r.kind as 'home' | 'centralised',
      unit: named(r.unit_code)!,
      community: named(r.community_code),
      pendingUnit: named(r.pending_unit_code),
      status: r.status as ObservationView['status'],
      startAt: r.start_at,
      startDay: r.start_day,
      handoffDay: r.handoff_day,
      endDay: r.end_day,
      endedAt: r.ended_at,
      endReason: r.end_reason,
      todaySlots: taken.filter((t) => t.day === today).map((t) => t.slot).sort(),
      missing,
      openAlerts,
      releaseBlockers: r.status === 'active' ? releaseBlockers({ endDay: r.end_day, today, missing, openAlerts }) : [],
    };
  });
}
