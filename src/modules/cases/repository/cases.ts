// The SQL of cases. Reads of personal data go through the scope filters below.
import { sql, type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { inChunks } from '../../../db/chunks';
import { inScope, shownIdentity, shownName } from '../../../db/scope';
import { OPEN_CASE_STATUSES } from '../../../domain/enums';

/** A case is visible inside the subtree of the jurisdiction it counts for. */
const CASE_SCOPE_COLUMNS = ['cases.jurisdiction_code'];
export function scopedCases<O>(q: SelectQueryBuilder<any, any, O>, scopeCode: string): SelectQueryBuilder<any, any, O> {
  return q.where((eb) => inScope(eb, CASE_SCOPE_COLUMNS, scopeCode));
}

export function caseRows(db: Kysely<DB>) {
  return db.selectFrom('cases') // unscoped: builder; every caller applies scopedCases
    .innerJoin('persons', 'persons.id', 'cases.person_id') // unscoped: builder; every caller applies scopedCases
    .leftJoin('clusters', 'clusters.id', 'cases.cluster_id');
}

/** A case with its person as a viewer bound to `scopeCode` sees them (see `shownIdentity`). */
export function selectCaseColumns(q: ReturnType<typeof caseRows>, scopeCode: string) {
  return q.selectAll('cases').select((eb) => [
    ...shownIdentity(eb, 'cases', scopeCode), 'persons.document_type', 'persons.document_masked', 'persons.document_enc',
    'clusters.name as cluster_name',
  ]);
}

export type CaseRow = Awaited<ReturnType<ReturnType<typeof selectCaseColumns>['executeTakeFirstOrThrow']>>;

export async function caseByClientId(db: Kysely<DB>, clientId: string) {
  return (await db.selectFrom('cases').select(['id', 'jurisdiction_code']).where('client_id', '=', clientId).executeTakeFirst()) // unscoped: existence of a clientId only; answered through the scoped getCase
    ?? (await db.selectFrom('case_events').innerJoin('cases', 'cases.id', 'case_events.case_id') // unscoped: existence of a clientId only; answered through the scoped getCase
      .select(['cases.id', 'cases.jurisdiction_code']).where('case_events.client_id', '=', clientId).executeTakeFirst());
}

/** The person's open case under the one-open-case rule (not a report kept apart while its holder is asked). */
export function openCaseOf(db: Kysely<DB>, personId: string) {
  return db.selectFrom('cases').select(['id', 'client_id', 'jurisdiction_code']) // unscoped: inside a write: the one-open-case rule spans jurisdictions; callers tell nothing of a case out of scope
    .where('person_id', '=', personId).where('status', 'in', OPEN_CASE_STATUSES).where('held_elsewhere', '=', 0).executeTakeFirst();
}

/**
 * Inserts a case unless the person already holds an open one (the partial unique index names
 * the conflict; on PostgreSQL a concurrent report waits for the other to commit). Returns
 * whether it was inserted.
 */
export async function insertCase(trx: Transaction<DB>, row: DB['cases']): Promise<boolean> {
  const inserted = await trx.insertInto('cases').values(row)
    .onConflict((oc) => oc.column('person_id').where(sql<boolean>`status in (${sql.join(OPEN_CASE_STATUSES.map((st) => sql.lit(st)))}) and held_elsewhere = 0`).doNothing())
    .returning('id')
    .executeTakeFirst();
  return !!inserted;
}

export function eventsOf(db: Kysely<DB>, caseId: string) {
  return db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('at').orderBy('id').execute();
}

export async function countsOf(db: Kysely<DB>, caseId: string) {
  const [exposures, contacts] = await Promise.all([
    db.selectFrom('exposures').select((eb) => eb.fn.countAll<number>().as('n')).where('case_id', '=', caseId).executeTakeFirstOrThrow(), // unscoped: counts of a case loaded in scope
    db.selectFrom('contacts').select((eb) => ['degree', eb.fn.countAll<number>().as('n')]).where('case_id', '=', caseId).groupBy('degree').execute(), // unscoped: counts of a case loaded in scope
  ]);
  const of = (d: string) => Number(contacts.find((c) => c.degree === d)?.n ?? 0);
  return { exposures: Number(exposures.n), closeContacts: of('close'), secondaryContacts: of('secondary') };
}

/** Whether following `fromId`'s sources upwards reaches `targetId` (a link would close a loop). */
export async function sourcesReach(db: Kysely<DB>, fromId: string, targetId: string): Promise<boolean> {
  const seen = new Set<string>();
  let current: string | null = fromId;
  while (current && !seen.has(current)) {
    if (current === targetId) return true;
    seen.add(current);
    const row: { source_case_id: string | null } | undefined = await db.selectFrom('cases').select('source_case_id').where('id', '=', current).executeTakeFirst(); // unscoped: ids only, to refuse a loop of sources
    current = row?.source_case_id ?? null;
  }
  return false;
}

// Read by person and filter the status here: a status condition in SQL lets SQLite, which keeps
// no statistics, walk every open case instead.

export async function openCasesOf(trx: Kysely<DB>, personIds: string[]) {
  const rows = await inChunks(personIds, (ids) => trx.selectFrom('cases').select(['id', 'person_id', 'status', 'jurisdiction_code', 'held_elsewhere']).where('person_id', 'in', ids).execute()); // unscoped: inside a write: open cases decide what to ask; callers tell nothing of those out of scope
  return rows.filter((r) => (OPEN_CASE_STATUSES as readonly string[]).includes(r.status));
}

export function caseInScope(db: Kysely<DB>, id: string, scopeCode: string): Promise<CaseRow | undefined> {
  return scopedCases(selectCaseColumns(caseRows(db), scopeCode), scopeCode).where('cases.id', '=', id).executeTakeFirst();
}

/** The stored case row, if the scope may see it. */
export function caseRecordInScope(db: Kysely<DB>, id: string, scopeCode: string) {
  return scopedCases(db.selectFrom('cases').selectAll('cases'), scopeCode).where('cases.id', '=', id).executeTakeFirst();
}

/** A case's id, cluster and jurisdiction, if the scope may see it. */
export function caseRefInScope(db: Kysely<DB>, id: string, scopeCode: string) {
  return scopedCases(db.selectFrom('cases').select(['cases.id', 'cases.cluster_id', 'cases.jurisdiction_code']), scopeCode)
    .where('cases.id', '=', id).executeTakeFirst();
}

/** The case a contact in scope became; answered through the scoped getCase. */
export function caseRef(db: Kysely<DB>, id: string) {
  return db.selectFrom('cases').select(['id', 'jurisdiction_code']).where('id', '=', id).executeTakeFirst(); // unscoped: the case a contact in scope became; answered through the scoped getCase
}

export function casePersonId(db: Kysely<DB>, caseId: string) {
  return db.selectFrom('cases').select('person_id').where('id', '=', caseId).executeTakeFirstOrThrow(); // unscoped: the case of a contact loaded in scope
}

/** The cluster a new case joins through its source. */
export function sourceCluster(trx: Transaction<DB>, sourceCaseId: string) {
  return trx.selectFrom('cases').select('cluster_id').where('id', '=', sourceCaseId).executeTakeFirstOrThrow(); // unscoped: cluster id only; the source checked by visibleCase (reportCase) or the case of a contact loaded in scope (markPositive)
}

export async function insertCaseEvents(trx: Transaction<DB>, rows: DB['case_events'][]): Promise<void> {
  await trx.insertInto('case_events').values(rows).execute();
}

/** A second report attached to an open case, once per clientId. */
export async function insertAttachedEvent(trx: Transaction<DB>, row: DB['case_events']): Promise<void> {
  await trx.insertInto('case_events').values(row).onConflict((oc) => oc.column('client_id').doNothing()).execute();
}

/** Changes a case unless someone changed it since `updatedAt`; false then. */
export async function updateCaseRow(trx: Transaction<DB>, id: string, updatedAt: string, set: Partial<DB['cases']>): Promise<boolean> {
  const updated = await trx.updateTable('cases')
    .set(set)
    .where('id', '=', id).where('updated_at', '=', updatedAt)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

export interface CaseListFilter {
  classification?: DB['cases']['classification'];
  status?: DB['cases']['status'];
  origin?: DB['cases']['origin'];
  clusterId?: string;
  /** Instants bounding the report time. */
  from?: string;
  to?: string;
  q?: string;
  page: number;
  pageSize: number;
}

/** A page of the cases in scope, latest reported first, and how many match. */
export async function casePage(db: Kysely<DB>, scope: string, f: CaseListFilter) {
  let base = scopedCases(caseRows(db), scope) as ReturnType<typeof caseRows>;
  if (f.classification) base = base.where('cases.classification', '=', f.classification);
  if (f.status) base = base.where('cases.status', '=', f.status);
  if (f.origin) base = base.where('cases.origin', '=', f.origin);
  if (f.clusterId) base = base.where('cases.cluster_id', '=', f.clusterId);
  if (f.from) base = base.where('cases.reported_at', '>=', f.from);
  if (f.to) base = base.where('cases.reported_at', '<', f.to);
  if (f.q) base = base.where((eb) => eb(shownName(eb, 'cases', scope), 'like', `${f.q!.replace(/[%_]/g, '')}%`));
  const [rows, count] = await Promise.all([
    selectCaseColumns(base, scope).orderBy('cases.reported_at', 'desc').orderBy('cases.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** A page of the cases in scope reported but not yet isolated or admitted, longest waiting first; how many, and since when the oldest. */
export async function waitingPage(db: Kysely<DB>, scope: string, page: number, pageSize: number) {
  const base = scopedCases(caseRows(db), scope).where('cases.status', '=', 'reported') as ReturnType<typeof caseRows>;
  const [rows, count] = await Promise.all([
    selectCaseColumns(base, scope).orderBy('cases.reported_at').orderBy('cases.id').limit(pageSize).offset((page - 1) * pageSize).execute(),
    base.select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('cases.reported_at').as('oldest')]).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n), oldest: count.oldest as string | null };
}

/** The cases in scope reported or reclassified between the instants, and the count per status. */
export async function dayCases(db: Kysely<DB>, scope: string, from: string, to: string) {
  const [cases, statuses] = await Promise.all([
    scopedCases(db.selectFrom('cases').select(['origin', 'reported_at', 'reported_classification', 'reclassified_at']), scope)
      // A report linked to the holder's case counts there, not twice.
      .where('cases.status', '<>', 'linked')
      .where((eb) => eb.or([
        eb.and([eb('cases.reported_at', '>=', from), eb('cases.reported_at', '<', to)]),
        eb.and([eb('cases.reclassified_at', '>=', from), eb('cases.reclassified_at', '<', to)]),
      ]))
      .execute(),
    scopedCases(db.selectFrom('cases').select((eb) => ['cases.status', eb.fn.countAll<number>().as('n')]), scope).groupBy('cases.status').execute(),
  ]);
  return { cases, statuses };
}

/** The open case a request names, kept by its holder (not a report kept apart). */
export function holderCase(trx: Transaction<DB>, id: string) {
  return trx.selectFrom('cases').select(['id', 'cluster_id', 'jurisdiction_code', 'status']) // unscoped: the holder's case named by a request in scope; checked with isWithin by the caller
    .where('id', '=', id).where('held_elsewhere', '=', 0).executeTakeFirst();
}

export function caseById(trx: Transaction<DB>, id: string) {
  return trx.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow(); // unscoped: the asker's case named by the request being decided
}

/** A person's cases the scope may see, latest first. */
export function casesOfPerson(db: Kysely<DB>, personId: string, scopeCode: string) {
  return scopedCases(db.selectFrom('cases')
    .select(['cases.id', 'cases.classification', 'cases.status', 'cases.reported_at', 'cases.jurisdiction_code', 'cases.cluster_id', 'cases.linked_case_id'])
    .where('cases.person_id', '=', personId), scopeCode)
    .orderBy('cases.reported_at', 'desc').orderBy('cases.id', 'desc').execute();
}


export async function setCase(trx: Transaction<DB>, id: string, set: Partial<DB['cases']>): Promise<void> {
  await trx.updateTable('cases').set(set).where('id', '=', id).execute();
}
