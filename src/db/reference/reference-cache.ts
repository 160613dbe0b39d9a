// Small reference lists read on every registration: active entry points and the
// codes of active high-risk areas. Local writes invalidate them; other
// processes pick changes up within the time-to-live.
import type { Kysely } from 'kysely';
import type { DB } from '../schema';

export interface ReferenceCache {
  entryPoint(id: string): Promise<{ id: string; name: string } | undefined>;
  highRiskCodes(): Promise<string[]>;
  invalidate(): void;
}

function cached<T>(load: () => Promise<T>, ttlMs: number) {
  let value: { at: number; data: Promise<T> } | null = null;
  return {
    get(): Promise<T> {
      if (!value || Date.now() - value.at > ttlMs) {
        const data = load();
        value = { at: Date.now(), data };
        data.catch(() => { value = null; });
      }
      return value.data;
    },
    clear() { value = null; },
  };
}

export function createReferenceCache(db: Kysely<DB>, ttlMs = 10_000): ReferenceCache {
  const entryPoints = cached(async () => {
    const rows = await db.selectFrom('entry_points').select(['id', 'name']).where('active', '=', 1).execute();
    return new Map(rows.map((r) => [r.id, r]));
  }, ttlMs);
  const highRisk = cached(async () => {
    const rows = await db.selectFrom('risk_areas').select('code').where('level', '=', 'high').where('lifted_at', 'is', null).execute();
    return rows.map((r) => r.code);
  }, ttlMs);
  return {
    entryPoint: async (id) => (await entryPoints.get()).get(id),
    highRiskCodes: () => highRisk.get(),
    invalidate() {
      entryPoints.clear();
      highRisk.clear();
    },
  };
}
