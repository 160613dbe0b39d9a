import type { Ctx, CurrentUser } from '../../server/context';
import { AppError } from '../../server/errors';
import { isWithin } from '../../domain/division-code';
import { newId } from '../../db/ids';
import type { RiskLevel } from '../../domain/enums';
import { writeAudit } from '../audit';
import { nodeExists } from '../jurisdictions';
import * as q from './repository';

function toView(r: q.RiskAreaRow) {
  return { id: r.id, code: r.code, name: r.name, level: r.level as RiskLevel, designatedAt: r.designated_at, liftedAt: r.lifted_at };
}

async function view(ctx: Ctx, id: string) {
  return toView((await q.riskAreaById(ctx.db, id))!);
}

export async function listRiskAreas(ctx: Ctx, active?: boolean) {
  return (await q.listRiskAreas(ctx.db, active)).map(toView);
}

/**
 * Designates an area. A code holds at most one active designation: designating it
 * again at another level lifts the old one (re-grading); at the same level is a conflict.
 */
export async function designateRiskArea(ctx: Ctx, user: CurrentUser, input: { code: string; level: RiskLevel }) {
  if (!(await nodeExists(ctx.db, input.code))) throw new AppError('unknown_code', { field: 'code', value: input.code }, 'code');
  if (!isWithin(input.code, user.jurisdictionCode)) throw new AppError('outside_scope', {}, 'code');
  const current = await q.activeRiskAreaOf(ctx.db, input.code);
  if (current?.level === input.level) throw new AppError('conflict', { what: { zh: '该风险区', en: 'This risk area' } }, 'code');
  const id = newId();
  const at = new Date().toISOString();
  await ctx.writes.run(async (trx) => {
    if (current) await q.liftRiskArea(trx, current.id, at);
    await q.insertRiskArea(trx, { id, code: input.code, level: input.level }, at);
    await writeAudit(trx, user, [{
      action: 'designate', entity: 'risk_area', entityId: id, jurisdictionCode: input.code,
      detail: { level: input.level, ...(current ? { replaces: current.id, previousLevel: current.level } : {}) },
    }]);
  });
  ctx.reference.invalidate();
  return view(ctx, id);
}

/** Idempotent: lifting an area that is already lifted returns it unchanged. */
export async function liftRiskArea(ctx: Ctx, user: CurrentUser, id: string) {
  const area = await q.riskAreaById(ctx.db, id);
  if (!area) throw new AppError('not_found');
  if (!isWithin(area.code, user.jurisdictionCode)) throw new AppError('outside_scope');
  if (area.lifted_at) return toView(area);
  await ctx.writes.run(async (trx) => {
    await q.liftRiskArea(trx, id, new Date().toISOString());
    await writeAudit(trx, user, [{ action: 'lift', entity: 'risk_area', entityId: id, jurisdictionCode: area.code, detail: { level: area.level } }]);
  });
  ctx.reference.invalidate();
  return view(ctx, id);
}
