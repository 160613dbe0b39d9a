// The arrival list's filters, always inside the caller's jurisdiction.
import { inScope, shownName } from '../../../db/scope';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import type { Ctx, CurrentUser } from '../../../server/context';
import { DOCUMENT_TYPES } from '../../../domain/enums';
import { overdueBefore } from '../../../domain/handoff';
import { dayRange } from '../../../domain/time';
import { documentKeyInput } from '../../persons';
import { arrivalRows, scoped, selectArrivalColumns, type ArrivalQuery } from './arrivals';
import type { ArrivalFilter } from '../schemas';

type Filter = Omit<ArrivalFilter, 'page' | 'pageSize'>;

/** Which kind of text the search box holds: a phone tail, a document number, or a name (as the caller sees it). */
function searchClause(ctx: Ctx, q: ArrivalQuery, text: string, scopeCode: string): ArrivalQuery {
  const s = text.trim().toUpperCase();
  if (/^\d{4}$/.test(s)) return q.where('persons.phone_tail', '=', s);
  if (/^[0-9A-Z-]{5,32}$/.test(s)) {
    const keys = DOCUMENT_TYPES.map((t) => ctx.crypto.blindIndex(documentKeyInput(t, s)));
    return q.where('persons.document_key', 'in', keys);
  }
  return q.where((eb) => eb(shownName(eb, 'arrivals', scopeCode), 'like', `${text.trim().replace(/[%_]/g, '')}%`));
}

export function filtered(ctx: Ctx, q: ArrivalQuery, user: CurrentUser, f: Filter, now: Date): ArrivalQuery {
  let r = scoped(q, user.jurisdictionCode) as ArrivalQuery;
  const tz = ctx.config.timeZone;
  // Below county level a destination holds few arrivals: SQLite, which keeps no statistics, would
  // still walk the time index, so the time bounds are written in a form no index serves (unary +).
  const fewByDestination = ctx.dialect === 'sqlite' && !!f.destCode && f.destCode.length > 6;
  const registeredAt = fewByDestination ? sql<string>`+${sql.ref('arrivals.registered_at')}` : sql.ref<string>('arrivals.registered_at');
  if (f.from) r = r.where(registeredAt, '>=', dayRange(f.from, tz).from);
  if (f.to) r = r.where(registeredAt, '<', dayRange(f.to, tz).to);
  if (f.entryPointId) r = r.where('arrivals.entry_point_id', '=', f.entryPointId);
  if (f.originCode) r = r.where((eb) => inScope(eb, ['arrivals.origin_code'], f.originCode!));
  if (f.destCode) r = r.where((eb) => inScope(eb, ['arrivals.dest_code'], f.destCode!));
  if (f.stage) r = r.where('arrivals.stage', '=', f.stage);
  if (f.disposition) r = r.where('arrivals.disposition', '=', f.disposition);
  if (f.abnormal !== undefined) r = r.where('arrivals.abnormal_temperature', '=', f.abnormal ? 1 : 0);
  if (f.holder) r = r.where('arrivals.holder_code', '=', f.holder);
  if (f.overdue !== undefined) {
    const before = overdueBefore(now, ctx.config.handoffOverdueMinutes);
    r = f.overdue
      ? r.where('arrivals.holder_code', 'is not', null).where('arrivals.stage_since', '<', before)
      : r.where((eb) => eb.or([eb('arrivals.holder_code', 'is', null), eb('arrivals.stage_since', '>=', before)]));
  }
  if (f.q) r = searchClause(ctx, r, f.q, user.jurisdictionCode);
  return r;
}

/** A page of the list, in the order registered (latest first), and how many match. */
export async function arrivalPage(ctx: Ctx, db: Kysely<DB>, user: CurrentUser, f: ArrivalFilter, now: Date) {
  const base = filtered(ctx, arrivalRows(db), user, f, now);
  const [rows, count] = await Promise.all([
    selectArrivalColumns(base, user.jurisdictionCode)
      .orderBy('arrivals.registered_at', 'desc')
      .orderBy('arrivals.id', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
