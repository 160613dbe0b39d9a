// The rows of an arrival export, read in batches in list order.
import type { Ctx, CurrentUser } from '../../../server/context';
import { shownIdentity } from '../../../db/scope';
import type { ArrivalFilter } from '../schemas';
import { arrivalRows } from './arrivals';
import { filtered } from './filters';

/** Only what the file shows: an export reads 100,000 rows and should allocate little per row. */
function exportRows(ctx: Ctx, user: CurrentUser, f: Omit<ArrivalFilter, 'page' | 'pageSize'>, now: Date) {
  return filtered(ctx, arrivalRows(ctx.db), user, f, now).select((eb) => [
    'arrivals.id', 'arrivals.registered_at', 'arrivals.transport_mode', 'arrivals.transport_number', 'arrivals.arrived_at', 'arrivals.origin_code',
    'arrivals.temperature', 'arrivals.abnormal_temperature', 'arrivals.health_code_color', 'arrivals.symptoms', 'arrivals.dest_code',
    'arrivals.dest_address', 'arrivals.dest_compound', 'arrivals.disposition', 'arrivals.stage', 'arrivals.holder_code', 'arrivals.stage_since',
    ...shownIdentity(eb, 'arrivals', user.jurisdictionCode), 'persons.document_type', 'persons.document_masked', 'entry_points.name as entry_point_name',
  ]);
}

export type ExportRow = Awaited<ReturnType<ReturnType<typeof exportRows>['executeTakeFirstOrThrow']>>;

/** The next `size` rows after `last` (the registration time and id of the previous batch's last row). */
export function exportBatch(ctx: Ctx, user: CurrentUser, f: Omit<ArrivalFilter, 'page' | 'pageSize'>, now: Date, last: { at: string; id: string } | null, size: number) {
  let q = exportRows(ctx, user, f, now);
  if (last) {
    const { at, id } = last;
    // The plain bound lets the time index start where the last batch ended; the OR alone would not.
    q = q.where('arrivals.registered_at', '<=', at)
      .where((eb) => eb.or([eb('arrivals.registered_at', '<', at), eb('arrivals.id', '<', id)]));
  }
  return q.orderBy('arrivals.registered_at', 'desc').orderBy('arrivals.id', 'desc').limit(size).execute();
}

/** How many rows the export would hold: it is refused above the configured cap. */
export async function exportCount(ctx: Ctx, user: CurrentUser, f: Omit<ArrivalFilter, 'page' | 'pageSize'>, now: Date): Promise<number> {
  const row = await filtered(ctx, arrivalRows(ctx.db), user, f, now).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
