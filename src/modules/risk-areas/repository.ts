import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { RiskLevel } from '../../domain/enums';

export type RiskAreaRow = { id: string; code: string; name: string; level: string; designated_at: string; lifted_at: string | null };

function selectRiskAreas(db: Kysely<DB>) {
  return db
    .selectFrom('risk_areas')
    .innerJoin('jurisdictions', 'jurisdictions.code', 'risk_areas.code')
    .select(['risk_areas.id', 'risk_areas.code', 'jurisdictions.name', 'risk_areas.level', 'risk_areas.designated_at', 'risk_areas.lifted_at']);
}

/** Newest first; `active` true: still designated, false: lifted, undefined: all. */
export function listRiskAreas(db: Kysely<DB>, active?: boolean): Promise<RiskAreaRow[]> {
  let query = selectRiskAreas(db);
  if (active !== undefined) query = query.where('risk_areas.lifted_at', active ? 'is' : 'is not', null);
  return query.orderBy('risk_areas.designated_at', 'desc').orderBy('risk_areas.code').execute();
}

export function riskAreaById(db: Kysely<DB>, id: string): Promise<RiskAreaRow | undefined> {
  return selectRiskAreas(db).where('risk_areas.id', '=', id).executeTakeFirst();
}

export function activeRiskAreaOf(db: Kysely<DB>, code: string) {
  return db.selectFrom('risk_areas').select(['id', 'level']).where('code', '=', code).where('lifted_at', 'is', null).executeTakeFirst();
}

export async function insertRiskArea(db: Kysely<DB>, r: { id: string; code: string; level: RiskLevel }, at: string): Promise<void> {
  await db.insertInto('risk_areas').values({ id: r.id, code: r.code, level: r.level, designated_at: at, lifted_at: null }).execute();
}

export async function liftRiskArea(db: Kysely<DB>, id: string, at: string): Promise<void> {
  await db.updateTable('risk_areas').set({ lifted_at: at }).where('id', '=', id).where('lifted_at', 'is', null).execute();
}
