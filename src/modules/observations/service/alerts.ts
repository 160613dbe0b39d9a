// Alerts (异常提醒) opened by abnormal readings: listed in scope and closed with their outcome.
import type { Ctx, CurrentUser } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { isWithin } from '../../../domain/division-code';
import { writeAudit } from '../../audit';
import { alertById, alertPage, closeAlertRow } from '../repository/alerts';

export async function listAlerts(ctx: Ctx, user: CurrentUser, f: { status?: 'open' | 'closed'; unit?: string; page: number; pageSize: number }) {
  const unit = f.unit ?? user.jurisdictionCode;
  if (!isWithin(unit, user.jurisdictionCode)) throw new AppError('outside_scope', {}, 'unit');
  const { rows, total } = await alertPage(ctx.db, unit, user.jurisdictionCode, f);
  const names = await ctx.nodes.get(rows.map((r) => r.unit_code));
  await writeAudit(ctx.db, user, [{ action: 'list', entity: 'alert', jurisdictionCode: unit, detail: { returned: rows.length } }]);
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      observationId: r.observation_id,
      person: { id: r.person_id, name: r.person_name },
      unit: { code: r.unit_code, name: names.get(r.unit_code)?.name ?? r.unit_code },
      status: r.status as 'open' | 'closed',
      temperature: r.temperature,
      symptoms: JSON.parse(r.symptoms) as string[],
      takenAt: r.taken_at,
      openedAt: r.opened_at,
      resolution: r.resolution as 'referred' | 'rechecked' | null,
      outcome: r.outcome,
      closedAt: r.closed_at,
    })),
  };
}

export async function closeAlert(ctx: Ctx, user: CurrentUser, id: string, resolution: 'referred' | 'rechecked', outcome: string, now = new Date()) {
  const alert = await alertById(ctx.db, id);
  if (!alert || !isWithin(alert.unit_code, user.jurisdictionCode)) throw new AppError('not_found');
  if (alert.status !== 'open') throw new AppError('conflict', { what: { zh: '处理结果', en: 'A resolution' } });
  await ctx.writes.run(async (trx) => {
    await closeAlertRow(trx, id, { resolution, outcome, closed_at: now.toISOString(), closed_by: user.id });
    await writeAudit(trx, user, [{ action: 'close', entity: 'alert', entityId: id, jurisdictionCode: alert.unit_code, detail: { resolution } }]);
  });
  ctx.changes.publish({ kind: 'alert_closed', codes: [alert.unit_code] });
  return { id, status: 'closed' as const, resolution, outcome };
}
