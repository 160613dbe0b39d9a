import type { Ctx } from '../../server/context';
import { isWithin } from '../../domain/division-code';
import { newId } from '../ids';
import { divisionsFor } from './divisions';
import { TIBET_ENTRY_POINTS } from './entry-points';

const CHUNK = 500;

/** First start: the region's divisions and entry points. Later starts find them and return. */
export async function loadReferenceData(ctx: Pick<Ctx, 'db' | 'config'>): Promise<boolean> {
  const present = await ctx.db.selectFrom('jurisdictions').select('code').where('code', '=', ctx.config.region).executeTakeFirst();
  if (present) return false;
  const divisions = await divisionsFor(ctx.config.region);
  const now = new Date().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    for (let i = 0; i < divisions.length; i += CHUNK) {
      await trx.insertInto('jurisdictions').values(
        divisions.slice(i, i + CHUNK).map((d) => ({
          code: d.code, name: d.name, level: d.level, kind: 'division', parent_code: d.parentCode,
          rooms: null, hotel_code: null, active: 1, created_at: now,
        })),
      ).onConflict((oc) => oc.column('code').doNothing()).execute();
    }
    const entryPoints = TIBET_ENTRY_POINTS.filter((e) => isWithin(e.cityCode, ctx.config.region));
    if (entryPoints.length) {
      await trx.insertInto('entry_points').values(
        entryPoints.map((e) => ({ id: newId(), name: e.name, kind: e.kind, jurisdiction_code: e.cityCode, active: 1, created_at: now })),
      ).execute();
    }
  });
  return true;
}
