// Hand-offs of combined policies (7+3): the site passes the person on, their community receives them.
import type { Ctx, CurrentUser } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { reportDay } from '../../../domain/time';
import { writeAudit } from '../../audit';
import { moveContactsWithObservation } from '../../cases';
import { moveObservation } from '../../dashboard';
import { moveAlerts } from '../repository/alerts';
import { moveToUnit, setPendingUnit } from '../repository/observations';
import { BLOCKER_TEXT, getObservation, loadScoped } from './lifecycle';

/** Combined policies (7+3): on the hand-off day the site passes the person to their community. */
export async function handOff(ctx: Ctx, user: CurrentUser, id: string, now = new Date()) {
  const row = await loadScoped(ctx, user, id);
  const today = reportDay(now, ctx.config.timeZone);
  if (row.status !== 'active' || row.kind !== 'centralised' || !row.community_code || !row.handoff_day || row.pending_unit_code) throw new AppError('no_handoff');
  if (today < row.handoff_day) throw new AppError('not_releasable', { blockers: BLOCKER_TEXT.not_due });
  await ctx.writes.run(async (trx) => {
    await setPendingUnit(trx, id, row.community_code);
    await writeAudit(trx, user, [{ action: 'hand_off', entity: 'observation', entityId: id, jurisdictionCode: row.unit_code, detail: { to: row.community_code } }]);
  });
  ctx.changes.publish({ kind: 'handoff_sent', codes: [row.unit_code, row.community_code] });
  return getObservation(ctx, user, id, now);
}

export async function receiveHandoff(ctx: Ctx, user: CurrentUser, id: string, now = new Date()) {
  const row = await loadScoped(ctx, user, id);
  if (row.status !== 'active' || !row.pending_unit_code || (user.role !== 'admin' && row.pending_unit_code !== user.jurisdictionCode)) throw new AppError('no_handoff');
  await ctx.writes.run(async (trx) => {
    if (!(await moveToUnit(trx, id, row.unit_code, row.pending_unit_code!))) throw new AppError('no_handoff');
    await moveObservation(trx, row, row.pending_unit_code!, ctx.config.timeZone);
    // What the unit held moves with the person: the contact (seen where their control is held) and the alerts.
    await moveContactsWithObservation(trx, id, row.pending_unit_code!);
    await moveAlerts(trx, id, row.pending_unit_code!);
    await writeAudit(trx, user, [{ action: 'receive', entity: 'observation', entityId: id, jurisdictionCode: row.pending_unit_code }]);
  });
  ctx.changes.publish({ kind: 'handoff_received', codes: [row.unit_code, row.pending_unit_code, row.community_code] });
  return getObservation(ctx, user, id, now);
}
