// An observation's life: listed and viewed in scope, released or ended early.
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import type { Ctx, CurrentUser } from '../../../server/context';
import { AppError, type Lang } from '../../../server/errors';
import { isWithin } from '../../../domain/division-code';
import type { ReleaseBlocker } from '../../../domain/observation';
import { reportDay } from '../../../domain/time';
import { observationEndRollups } from '../../../domain/rollups';
import { writeAudit } from '../../audit';
import { countObservation, countRelease } from '../../dashboard';
import { endActive, observationInScope, observationPage, type ObservationRow } from '../repository/observations';
import type { ObservationFilter } from '../schemas';
import { toViews } from './views';

export async function listObservations(ctx: Ctx, user: CurrentUser, f: ObservationFilter, now = new Date()) {
  const unit = f.unit ?? user.jurisdictionCode;
  if (!isWithin(unit, user.jurisdictionCode)) throw new AppError('outside_scope', {}, 'unit');
  const { rows, total } = await observationPage(ctx.db, unit, user.jurisdictionCode, {
    status: f.status, dueBy: f.due === 'today' ? reportDay(now, ctx.config.timeZone) : undefined, q: f.q, page: f.page, pageSize: f.pageSize,
  });
  await writeAudit(ctx.db, user, [{ action: 'list', entity: 'observation', jurisdictionCode: unit, detail: { returned: rows.length } }]);
  return { total, page: f.page, pageSize: f.pageSize, items: await toViews(ctx, rows, now) };
}

export async function loadScoped(ctx: Ctx, user: CurrentUser, id: string): Promise<ObservationRow> {
  const row = await observationInScope(ctx.db, id, user.jurisdictionCode);
  if (!row) throw new AppError('not_found');
  return row;
}

export async function getObservation(ctx: Ctx, user: CurrentUser, id: string, now = new Date()) {
  const row = await loadScoped(ctx, user, id);
  await writeAudit(ctx.db, user, [{ action: 'view', entity: 'observation', entityId: id, jurisdictionCode: row.unit_code }]);
  return (await toViews(ctx, [row], now))[0];
}

/** Ends an active observation inside the caller's transaction; false when it had ended already. */
export async function closeObservation(
  trx: Transaction<DB>, ctx: Ctx, user: CurrentUser, row: { id: string; unit_code: string }, status: 'released' | 'transferred' | 'ended', reason: string | null, at: string,
): Promise<boolean> {
  if (!(await endActive(trx, row.id, { status, ended_at: at, end_reason: reason }))) return false;
  const ended = { unit_code: row.unit_code, ended_at: at };
  await countObservation(trx, observationEndRollups(ended, ctx.config.timeZone));
  if (status === 'released') await countRelease(trx, ended, ctx.config.timeZone);
  await writeAudit(trx, user, [{ action: status === 'released' ? 'release' : 'end', entity: 'observation', entityId: row.id, jurisdictionCode: row.unit_code, detail: { status } }]);
  return true;
}

async function endWith(ctx: Ctx, user: CurrentUser, row: ObservationRow, status: 'released' | 'transferred' | 'ended', reason: string | null, now: Date) {
  await ctx.writes.run(async (trx) => {
    if (!(await closeObservation(trx, ctx, user, row, status, reason, now.toISOString()))) throw new AppError('observation_closed');
  });
  ctx.changes.publish({ kind: status === 'released' ? 'observation_released' : 'observation_ended', codes: [row.unit_code, row.community_code] });
}

export const BLOCKER_TEXT: Record<ReleaseBlocker, { zh: string; en: string }> = {
  not_due: { zh: '观察期未满', en: 'the period has not ended' },
  missing_checks: { zh: '有漏测记录', en: 'checks are missing' },
  open_alerts: { zh: '有未处理的异常', en: 'an alert is still open' },
};

export async function releaseObservation(ctx: Ctx, user: CurrentUser, id: string, now = new Date()) {
  const row = await loadScoped(ctx, user, id);
  if (row.status !== 'active') throw new AppError('observation_closed');
  const [view] = await toViews(ctx, [row], now);
  if (view.releaseBlockers.length) {
    const blockers = view.releaseBlockers as ReleaseBlocker[];
    throw new AppError('not_releasable', {
      blockers: { zh: blockers.map((b) => BLOCKER_TEXT[b].zh).join('、'), en: blockers.map((b) => BLOCKER_TEXT[b].en).join(', ') },
    });
  }
  await endWith(ctx, user, row, 'released', null, now);
  return getObservation(ctx, user, id, now);
}

/** Releases a selection one by one; those that cannot be released yet are reported, not failed. */
export async function releaseMany(ctx: Ctx, user: CurrentUser, ids: string[], lang: Lang) {
  const released: string[] = [];
  const refused: { id: string; code: string; message: string }[] = [];
  for (const id of ids) {
    try {
      await releaseObservation(ctx, user, id);
      released.push(id);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      refused.push({ id, code: err.code, message: err.message_(lang) });
    }
  }
  return { released, refused };
}

export async function endObservation(ctx: Ctx, user: CurrentUser, id: string, status: 'transferred' | 'ended', reason: string, now = new Date()) {
  const row = await loadScoped(ctx, user, id);
  if (row.status !== 'active') throw new AppError('observation_closed');
  await endWith(ctx, user, row, status, reason, now);
  return getObservation(ctx, user, id, now);
}
