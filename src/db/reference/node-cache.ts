// Read-through cache of jurisdiction nodes. Divisions never change; management
// units change rarely and are invalidated here on every local write, so another
// process sees a rename or a new designated hotel within the time-to-live.
import type { Kysely } from 'kysely';
import type { DB } from '../schema';

export type NodeRow = { code: string; name: string; level: string; kind: string; parent_code: string | null; hotel_code: string | null; active: number };

export interface NodeCache {
  get(codes: Iterable<string>): Promise<Map<string, NodeRow>>;
  invalidate(): void;
}

export function createNodeCache(db: Kysely<DB>, ttlMs = 30_000, limit = 50_000): NodeCache {
  let entries = new Map<string, { node: NodeRow; at: number }>();
  return {
    async get(codes) {
      const now = Date.now();
      const found = new Map<string, NodeRow>();
      const missing: string[] = [];
      for (const code of new Set(codes)) {
        const e = entries.get(code);
        if (e && now - e.at < ttlMs) found.set(code, e.node);
        else missing.push(code);
      }
      if (missing.length) {
        const rows = await db
          .selectFrom('jurisdictions')
          .select(['code', 'name', 'level', 'kind', 'parent_code', 'hotel_code', 'active'])
          .where('code', 'in', missing)
          .execute();
        if (entries.size + rows.length > limit) entries = new Map();
        for (const r of rows) {
          entries.set(r.code, { node: r, at: now });
          found.set(r.code, r);
        }
      }
      return found;
    },
    invalidate() {
      entries = new Map();
    },
  };
}
