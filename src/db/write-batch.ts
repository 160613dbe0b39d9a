// Group commit for SQLite. One writer at a time and a commit that costs more
// than the writes it carries (~0.2 ms of WAL appends): so writes that arrive
// while a transaction runs wait and then share the next transaction, each in a
// savepoint of its own, so a failing write rolls back alone. PostgreSQL takes
// concurrent transactions itself, so there each write gets its own.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './schema';
import type { Dialect } from './database';

type Work<T> = (trx: Transaction<DB>) => Promise<T>;

interface Pending {
  work: Work<unknown>;
  resolve(value: unknown): void;
  reject(reason: unknown): void;
}

const MAX_BATCH = 256;

export interface WriteBatcher {
  run<T>(work: Work<T>): Promise<T>;
}

export function createWriteBatcher(db: Kysely<DB>, dialect: Dialect): WriteBatcher {
  if (dialect === 'postgres') return { run: (work) => db.transaction().execute(work) };

  const queue: Pending[] = [];
  let running = false;

  async function drain() {
    while (queue.length) {
      const batch = queue.splice(0, MAX_BATCH);
      const outcomes: { ok: boolean; value: unknown }[] = [];
      try {
        await db.transaction().execute(async (trx) => {
          for (const p of batch) {
            await sql`savepoint w`.execute(trx);
            try {
              outcomes.push({ ok: true, value: await p.work(trx) });
              await sql`release w`.execute(trx);
            } catch (err) {
              await sql`rollback to w`.execute(trx);
              await sql`release w`.execute(trx);
              outcomes.push({ ok: false, value: err });
            }
          }
        });
      } catch (err) {
        // The commit itself failed: nothing in the batch was stored.
        batch.forEach((p) => p.reject(err));
        continue;
      }
      // Answer only after the commit, so that nothing acknowledged can be lost.
      batch.forEach((p, i) => (outcomes[i].ok ? p.resolve(outcomes[i].value) : p.reject(outcomes[i].value)));
    }
    running = false;
  }

  return {
    run<T>(work: Work<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
        if (!running) {
          running = true;
          // Let requests already past their reads join this batch before it starts.
          setImmediate(() => void drain());
        }
      });
    },
  };
}
