import { createRequire } from 'node:module';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { DB } from './schema';
import { startCheckpointer } from './checkpointer';
import { ownerOnly } from './file-modes';
import { pgInstant } from './pg-instant';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** Connection failures the PostgreSQL pool reported outside any query (none on SQLite). */
  poolErrors(): { count: number; last: PoolFailure | null };
  close(): Promise<void>;
}

/** What is kept of a pool failure: the error's code and message, never its query or values. */
export interface PoolFailure {
  code: string | null;
  message: string;
  at: string;
}

const NO_POOL_ERRORS = () => ({ count: 0, last: null });

// pg codecs, set once: counts and bigints as numbers, instants as ISO-8601 UTC text
// (the same shape SQLite stores), numerics as numbers.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
pg.types.setTypeParser(1184, pgInstant);
pg.types.setTypeParser(1114, pgInstant);

export function createDb(url: string, options: { poolSize?: number; onPoolError?: (failure: PoolFailure) => void } = {}): Database {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
    // An idle connection closed by the server (a restart, a failover) leaves the pool by itself and the
    // next query opens another; unhandled, the error would stop the process. It is counted and reported.
    let count = 0;
    let last: PoolFailure | null = null;
    pool.on('error', (err: Error & { code?: string }) => {
      count++;
      last = { code: err.code ?? null, message: err.message, at: new Date().toISOString() };
      options.onPoolError?.(last);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', poolErrors: () => ({ count, last }), close: () => db.destroy() };
  }
  if (!url.startsWith('sqlite:')) throw new Error(`DATABASE_URL must start with postgres:// or sqlite:, got "${url}"`);
  const file = url.slice('sqlite:'.length);
  if (file !== ':memory:') ownerOnly(file);
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL in WAL mode survives a killed process (only a power loss can drop the last commits).
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 256 MiB of pages: a large import touches random pages of many indexes, and with less the
  // cache spills and reads the same pages again within one transaction.
  sqlite.pragma('cache_size = -262144');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  if (file === ':memory:') return { db, dialect: 'sqlite', poolErrors: NO_POOL_ERRORS, close: () => db.destroy() };
  // Checkpoints run in a worker (see checkpointer.ts); the safety net below only
  // triggers if the worker falls far behind (1 GiB of WAL). Set lower, one large
  // transaction (an import writes a hundred megabytes of pages) would pay a
  // whole checkpoint inside its commit.
  sqlite.pragma('wal_autocheckpoint = 262144');
  const checkpointer = startCheckpointer(file, createRequire(import.meta.url).resolve('better-sqlite3'));
  return {
    db,
    dialect: 'sqlite',
    poolErrors: NO_POOL_ERRORS,
    close: async () => {
      await checkpointer.stop();
      await db.destroy();
    },
  };
}

/**
 * Kysely prepares every query anew; preparing costs more than running most of
 * ours. Statements are cached by SQL text (the text carries no values), bounded
 * so that ad-hoc query shapes cannot grow it without limit.
 */
function withStatementCache(sqlite: SQLite.Database, limit = 500): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  return new Proxy(sqlite, {
    get(target, prop, receiver) {
      if (prop !== 'prepare') return Reflect.get(target, prop, receiver);
      return (source: string) => {
        let stmt = cache.get(source);
        if (!stmt) {
          stmt = prepare(source);
          if (cache.size >= limit) cache.delete(cache.keys().next().value!);
          cache.set(source, stmt);
        }
        return stmt;
      };
    },
  });
}
