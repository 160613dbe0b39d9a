// Daily checks (体温与症状监测): a unit's readings saved in one transaction; abnormal ones open alerts.
import type { Ctx, CurrentUser } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { recordClientRequests } from '../../../db/client-requests';
import { newId } from '../../../db/ids';
import { CLOCK_TOLERANCE_MS, latestCheckMarks, slotOf } from '../../../domain/observation';
import { isAbnormalTemperature } from '../../../domain/triage';
import { writeAudit } from '../../audit';
import { insertAlerts } from '../repository/alerts';
import { insertChecks, markChecks, savedClientIds } from '../repository/checks';
import { observationStates } from '../repository/observations';
import type { CheckBatch } from '../schemas';

/** Saves a unit's readings in one transaction; a retried reading (same clientId) is not saved twice. */
export async function saveChecks(ctx: Ctx, user: CurrentUser, batch: CheckBatch, now = new Date()) {
  const ids = [...new Set(batch.checks.map((c) => c.observationId))];
  const rows = await observationStates(ctx.db, ids, user.jurisdictionCode);
  const found = new Map(rows.map((r) => [r.id, r]));
  batch.checks.forEach((c, i) => {
    const o = found.get(c.observationId);
    if (!o) throw new AppError('unknown_code', { field: `checks[${i}].observationId`, value: c.observationId }, `checks[${i}].observationId`);
    if (o.status !== 'active') throw new AppError('observation_closed', {}, `checks[${i}].observationId`);
    if (Date.parse(c.takenAt) > now.getTime() + CLOCK_TOLERANCE_MS) {
      throw new AppError('validation', { field: `checks[${i}].takenAt`, problem: { zh: '不能晚于当前时间', en: 'must not be in the future' } }, `checks[${i}].takenAt`);
    }
  });
  const tz = ctx.config.timeZone;
  const at = now.toISOString();
  const saved = await ctx.writes.run(async (trx) => {
    const seen = await savedClientIds(trx, batch.checks.map((c) => c.clientId));
    const fresh = batch.checks.filter((c) => {
      if (seen.has(c.clientId)) return false;
      seen.add(c.clientId);
      return true;
    });
    const checks = fresh.map((c) => {
      const { day, slot } = slotOf(c.takenAt, ctx.config.checks, tz);
      return {
        id: newId(),
        client_id: c.clientId,
        observation_id: c.observationId,
        taken_at: new Date(c.takenAt).toISOString(),
        report_day: day,
        slot,
        temperature: c.temperature,
        symptoms: JSON.stringify(c.symptoms),
        abnormal: isAbnormalTemperature(c.temperature, ctx.config.triage) || c.symptoms.length > 0 ? 1 : 0,
        entered_by: user.id,
        created_at: at,
      };
    });
    await recordClientRequests(trx, 'observation_checks', batch.checks, checks, (i) => `checks[${i}].clientId`);
    await insertChecks(trx, checks);
    await markChecks(trx, latestCheckMarks(checks));
    const alerts = checks.filter((c) => c.abnormal === 1).map((c) => ({
      id: newId(), observation_id: c.observation_id, check_id: c.id, unit_code: found.get(c.observation_id)!.unit_code,
      status: 'open' as const, opened_at: at, resolution: null, outcome: null, closed_at: null, closed_by: null,
    }));
    await insertAlerts(trx, alerts);
    await writeAudit(trx, user, [
      { action: 'create', entity: 'observation_check', jurisdictionCode: user.jurisdictionCode, detail: { saved: checks.length, retried: batch.checks.length - checks.length, alerts: alerts.length } },
    ]);
    return { saved: checks.length, duplicates: batch.checks.length - checks.length, alerts: alerts.map((a) => ({ id: a.id, observationId: a.observation_id })) };
  });
  if (saved.saved) ctx.changes.publish({ kind: 'checks_saved', codes: rows.map((r) => r.unit_code) });
  return saved;
}
