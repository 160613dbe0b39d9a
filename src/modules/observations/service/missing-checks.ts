import type { Ctx, CurrentUser } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { isWithin } from '../../../domain/division-code';
import { slotWindow } from '../../../domain/observation';
import { dayRange, reportDay } from '../../../domain/time';
import { writeAudit } from '../../audit';
import { missingPerSlot } from '../repository/checks';

/** The command view: for each of the day's slots whose deadline has passed, how many have no check, and who. */
export async function missingChecks(ctx: Ctx, user: CurrentUser, f: { unit?: string; day?: string; limit: number }, now = new Date()) {
  const unit = f.unit ?? user.jurisdictionCode;
  if (!isWithin(unit, user.jurisdictionCode)) throw new AppError('outside_scope', {}, 'unit');
  const tz = ctx.config.timeZone;
  const day = f.day ?? reportDay(now, tz);
  const slots = ctx.config.checks.slotEnds
    .map((_, slot) => ({ slot, ...slotWindow(day, slot, ctx.config.checks, tz) }))
    .filter((s) => s.deadline <= now.toISOString());
  if (slots.length === 0) return { day, slots: [] };

  const dayFrom = dayRange(day, tz).from;
  const result = (await missingPerSlot(ctx.db, unit, user.jurisdictionCode, day, dayFrom, slots, f.limit)).map(({ slot: s, missing, items }) => ({
    slot: s.slot,
    deadline: s.deadline,
    missing,
    items: items.map((i) => ({ observationId: i.id, unitCode: i.unit_code, name: i.name })),
  }));
  await writeAudit(ctx.db, user, [{ action: 'list', entity: 'missing_check', jurisdictionCode: unit, detail: { day } }]);
  return { day, slots: result };
}
