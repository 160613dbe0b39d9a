// The SQL of 协查 requests: written inside the asker's transaction, read and decided by the holder.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { AssistanceStatus } from '../../domain/enums';
import { inScope } from '../../db/scope';

export async function insertRequests(trx: Transaction<DB>, rows: DB['assistance_requests'][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await trx.insertInto('assistance_requests').values(rows.slice(i, i + 200)).execute();
}

export function requestsFor(db: Kysely<DB>, scopeCode: string) {
  return db.selectFrom('assistance_requests')
    .innerJoin('persons', 'persons.id', 'assistance_requests.person_id')
    .innerJoin('users', 'users.id', 'assistance_requests.requested_by')
    .where((eb) => inScope(eb, ['assistance_requests.holder_code'], scopeCode))
    .where('assistance_requests.status', '<>', 'applied');
}

export function selectRequestColumns(q: ReturnType<typeof requestsFor>) {
  return q.selectAll('assistance_requests').select([
    'persons.name as person_name', 'persons.document_type', 'persons.document_masked', 'persons.phone_masked', 'persons.jurisdiction_code as residence',
    'users.display_name as requester_name',
  ]);
}

export type RequestRow = Awaited<ReturnType<ReturnType<typeof selectRequestColumns>['executeTakeFirstOrThrow']>>;

/** Decides an open request; false when it was decided meanwhile. */
export async function decide(trx: Transaction<DB>, id: string, set: { status: AssistanceStatus; decided_by: string; decided_at: string; note: string | null; previous?: string }) {
  const r = await trx.updateTable('assistance_requests').set(set).where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A page of the requests held in scope (open, or decided), and how many there are. */
export async function requestPage(db: Kysely<DB>, scopeCode: string, f: { status?: 'open' | 'decided'; kind?: DB['assistance_requests']['kind']; page: number; pageSize: number }) {
  let base = requestsFor(db, scopeCode);
  base = (f.status ?? 'open') === 'open' ? base.where('assistance_requests.status', '=', 'open') : base.where('assistance_requests.status', '<>', 'open');
  if (f.kind) base = base.where('assistance_requests.kind', '=', f.kind);
  const [rows, count] = await Promise.all([
    selectRequestColumns(base).orderBy('assistance_requests.created_at', f.status === 'decided' ? 'desc' : 'asc').orderBy('assistance_requests.id')
      .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function requestInScope(db: Kysely<DB>, scopeCode: string, id: string): Promise<RequestRow | undefined> {
  return selectRequestColumns(requestsFor(db, scopeCode)).where('assistance_requests.id', '=', id).executeTakeFirst();
}
