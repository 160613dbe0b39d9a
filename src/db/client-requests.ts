// Retryable writes carry a client-generated id (clientId). The same id with the same content is a
// retry and gets the first record; the same id with other content is a client's mistake and is
// refused (409 client_id_reused), never answered with a record that does not match what was sent.
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema';
import { AppError } from '../server/errors';

/** The table a clientId makes its record in. */
export type ClientRequestKind = 'arrivals' | 'observations' | 'observation_checks' | 'cases' | 'exposures' | 'care_tasks' | 'situation_reports';

const CHUNK = 200;

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
}

function bodyHash(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(canonical(body))).digest('base64url');
}

function reused(field: string): AppError {
  return new AppError('client_id_reused', {}, field);
}

/** Before a retry is answered with the first record: refuses a clientId recorded with other content. */
export async function checkClientRequest(db: Kysely<DB>, kind: ClientRequestKind, clientId: string | undefined, body: unknown): Promise<void> {
  if (!clientId) return;
  const stored = await db.selectFrom('client_requests').select('body_hash').where('kind', '=', kind).where('client_id', '=', clientId).executeTakeFirst();
  if (stored && stored.body_hash !== bodyHash(body)) throw reused('clientId');
}

async function record(
  trx: Transaction<DB>, kind: ClientRequestKind, items: { clientId: string; hash: string }[],
  created: { client_id: string | null; id: string }[], field: (index: number) => string,
): Promise<void> {
  const made = new Map(created.map((c) => [c.client_id, c.id]));
  const at = new Date().toISOString();
  const rows = items.flatMap(({ clientId, hash }) => {
    const entityId = made.get(clientId);
    return entityId ? [{ kind, client_id: clientId, body_hash: hash, entity_id: entityId, created_at: at }] : [];
  });
  const stored = new Map<string, string>();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const inserted = await trx.insertInto('client_requests').values(rows.slice(i, i + CHUNK))
      .onConflict((oc) => oc.columns(['kind', 'client_id']).doNothing()).returning(['client_id', 'body_hash']).execute();
    for (const r of inserted) stored.set(r.client_id, r.body_hash);
  }
  // Only ids recorded before (retries, or a concurrent write that won) need their first content read.
  const ids = [...new Set(items.map((i) => i.clientId))].filter((id) => !stored.has(id));
  for (let i = 0; i < ids.length; i += CHUNK) {
    const found = await trx.selectFrom('client_requests').select(['client_id', 'body_hash'])
      .where('kind', '=', kind).where('client_id', 'in', ids.slice(i, i + CHUNK)).execute();
    for (const r of found) stored.set(r.client_id, r.body_hash);
  }
  items.forEach(({ clientId, hash }, i) => {
    const first = stored.get(clientId);
    if (first !== undefined && first !== hash) throw reused(field(i));
  });
}

/**
 * Inside a write's transaction: records what the clientId carried and what it made (`made`, an
 * id or a record with one, passed through), and refuses the write when the id was recorded, by
 * now or by a concurrent write, with other content.
 */
export async function recordClientRequest<T extends string | { id: string }>(
  trx: Transaction<DB>, kind: ClientRequestKind, clientId: string | undefined, body: unknown, made: T,
): Promise<T> {
  if (clientId) await record(trx, kind, [{ clientId, hash: bodyHash(body) }], [{ client_id: clientId, id: typeof made === 'string' ? made : made.id }], () => 'clientId');
  return made;
}

/**
 * The same for a batch of items that each carry their own clientId (readings): `created` are the
 * rows made, by client_id; items without one are retries and only compared.
 */
export async function recordClientRequests(
  trx: Transaction<DB>, kind: ClientRequestKind, items: { clientId: string }[], created: { client_id: string | null; id: string }[], field: (index: number) => string,
): Promise<void> {
  await record(trx, kind, items.map((item) => ({ clientId: item.clientId, hash: bodyHash(item) })), created, field);
}
