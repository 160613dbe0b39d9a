// Exposures (暴露): where and when a case was with others during its infectious period.
import type { DB } from '../../../db/schema';
import type { Ctx, CurrentUser } from '../../../server/context';
import { AppError, validationError, type Text } from '../../../server/errors';
import { checkClientRequest, recordClientRequest } from '../../../db/client-requests';
import { newId } from '../../../db/ids';
import { exposureProblem, infectiousPeriod, placeKey, type InfectiousPeriod } from '../../../domain/cases';
import { localMinute } from '../../../domain/time';
import { writeAudit } from '../../audit';
import { linkSharedPlace } from '../clusters';
import { problemError } from '../facts';
import { caseRecordInScope } from '../repository/cases';
import { contactCounts, exposureByClientId, exposuresOfCase, insertExposure } from '../repository/contacts';
import { namesOf, toExposureView } from '../view';
import type { NewExposure } from '../schemas';

async function tracedCase(ctx: Ctx, user: CurrentUser, id: string) {
  const row = await caseRecordInScope(ctx.db, id, user.jurisdictionCode);
  if (!row) throw new AppError('not_found');
  return row;
}

function windowText(p: InfectiousPeriod, tz: string): Text {
  const from = localMinute(p.from, tz);
  return p.to
    ? { zh: `${from} 至 ${localMinute(p.to, tz)}`, en: `${from} to ${localMinute(p.to, tz)}` }
    : { zh: `${from} 起，尚未隔离收治`, en: `from ${from}, not yet isolated or admitted` };
}

async function exposureView(ctx: Ctx, e: DB['exposures']) {
  const [names, counts] = await Promise.all([namesOf(ctx, [e.place_code]), contactCounts(ctx.db, [e.id])]);
  return toExposureView(e, names, counts.get(e.id));
}

export async function addExposure(ctx: Ctx, user: CurrentUser, caseId: string, input: NewExposure, now = new Date()) {
  const c = await tracedCase(ctx, user, caseId);
  await checkClientRequest(ctx.db, 'exposures', input.clientId, { caseId, ...input });
  const seen = await exposureByClientId(ctx.db, input.clientId);
  if (seen) {
    if (seen.case_id !== caseId) throw new AppError('conflict', { what: { zh: 'clientId', en: 'clientId' } }, 'clientId');
    return { created: false, exposure: await exposureView(ctx, seen) };
  }
  if (input.setting === 'transport' && !input.transport) throw validationError('transport', { zh: '交通工具须填写班次', en: 'is required for transport' });
  if (input.setting !== 'transport' && !input.placeCode) throw validationError('placeCode', { zh: '须填写地点的区划代码', en: 'is required unless transport' });
  if (input.placeCode && !(await ctx.nodes.get([input.placeCode])).has(input.placeCode)) {
    throw new AppError('unknown_code', { field: 'placeCode', value: input.placeCode }, 'placeCode');
  }
  const tz = ctx.config.timeZone;
  const from = new Date(input.from).toISOString();
  const to = new Date(input.to).toISOString();
  const period = infectiousPeriod({ onsetDate: c.onset_date, firstPositiveAt: c.first_positive_at, controlledAt: c.controlled_at }, tz);
  const problem = exposureProblem(period, { from, to }, now);
  if (problem?.problem === 'outside') throw new AppError('outside_infectious_period', { field: problem.field, window: windowText(period, tz) }, problem.field);
  if (problem?.problem === 'order') throw validationError('to', { zh: '不能早于开始时间', en: 'must not be before from' });
  if (problem?.problem === 'future') throw problemError('from', 'future');

  const transportNumber = input.transport?.number.trim().toUpperCase() ?? null;
  const row: DB['exposures'] = {
    id: newId(),
    client_id: input.clientId,
    case_id: caseId,
    setting: input.setting,
    place_code: input.placeCode ?? null,
    address: input.address.trim(),
    from_at: from,
    to_at: to,
    transport_mode: input.transport?.mode ?? null,
    transport_number: transportNumber,
    seat: input.transport?.seat?.trim() || null,
    place_key: placeKey({ setting: input.setting, placeCode: input.placeCode ?? null, address: input.address, transportNumber, from }, tz),
    note: input.note?.trim() || null,
    created_by: user.id,
    created_at: now.toISOString(),
  };
  const created = await ctx.writes.run(async (trx) => {
    await recordClientRequest(trx, 'exposures', input.clientId, { caseId, ...input }, row.id);
    if (!(await insertExposure(trx, row))) return false;
    await linkSharedPlace(trx, user, row.place_key);
    await writeAudit(trx, user, [{ action: 'create', entity: 'exposure', entityId: row.id, jurisdictionCode: c.jurisdiction_code, detail: { caseId, setting: row.setting } }]);
    return true;
  });
  if (created) ctx.changes.publish({ kind: 'case_updated', codes: [c.jurisdiction_code] });
  const stored = (await exposureByClientId(ctx.db, input.clientId))!;
  return { created, exposure: await exposureView(ctx, stored) };
}

export async function listExposures(ctx: Ctx, user: CurrentUser, caseId: string) {
  const c = await tracedCase(ctx, user, caseId);
  const rows = await exposuresOfCase(ctx.db, caseId);
  const [names, counts] = await Promise.all([namesOf(ctx, rows.map((r) => r.place_code)), contactCounts(ctx.db, rows.map((r) => r.id))]);
  await writeAudit(ctx.db, user, [{ action: 'list', entity: 'exposure', entityId: caseId, jurisdictionCode: c.jurisdiction_code, detail: { returned: rows.length } }]);
  return rows.map((r) => toExposureView(r, names, counts.get(r.id)));
}
