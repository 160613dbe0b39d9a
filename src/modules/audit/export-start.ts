// The start of every export of personal data: recorded before the first row is written, so that
// a download cut off half-way is on record too, and refused (and that recorded) above the row cap.
import type { Ctx, CurrentUser } from '../../server/context';
import { AppError } from '../../server/errors';
import { auditedFilters } from '../../domain/export';
import { writeAudit } from './repository';

export interface ExportStart {
  entity: string;
  format: string;
  filters: Record<string, unknown>;
  /** How many rows the filters select. */
  rows: number;
}

export async function startExport(ctx: Ctx, user: CurrentUser, e: ExportStart): Promise<void> {
  const max = ctx.config.exportMaxRows;
  const refused = e.rows > max;
  const filters = auditedFilters(e.filters, (text) => ctx.crypto.blindIndex(`export-search:${text}`));
  await ctx.writes.run((trx) => writeAudit(trx, user, [{
    action: 'export',
    entity: e.entity,
    jurisdictionCode: user.jurisdictionCode,
    outcome: refused ? 'denied' : 'ok',
    detail: { format: e.format, rows: e.rows, filters, ...(refused ? { maxRows: max } : {}) },
  }]));
  if (refused) throw new AppError('export_too_large', { rows: String(e.rows), max: String(max) });
}
