// The SQL of cases, exposures, contacts and clusters. Reads of personal data go through
// the scope filters below.
import { sql, type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { inScope, shownIdentity, shownName } from '../../db/scope';
import { OPEN_CASE_STATUSES } from '../../domain/enums';

/** A case is visible inside the subtree of the jurisdiction it counts for. */
const CASE_SCOPE_COLUMNS = ['cases.jurisdiction_code'];
/** A contact is visible with their case, where they live, and where their control is held. */
const CONTACT_SCOPE_COLUMNS = ['contacts.case_code', 'contacts.community_code', 'contacts.unit_code'];

/** Rows per multi-row insert: well under SQLite's bound-parameter limit for our widest table. */
const CHUNK = 500;

export function scopedCases<O>(q: SelectQueryBuilder<any, any, O>, scopeCode: string): SelectQueryBuilder<any, any, O> {
  return q.where((eb) => inScope(eb, CASE_SCOPE_COLUMNS, scopeCode));
}

export function scopedContacts<O>(q: SelectQueryBuilder<any, any, O>, scopeCode: string): SelectQueryBuilder<any, any, O> {
  return q.where((eb) => inScope(eb, CONTACT_SCOPE_COLUMNS, scopeCode));
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

// ---- clusters ----

/**
 * Joins clusters into the oldest (smallest id): its cases take that id, and a name given to a
 * merged cluster moves to it when it has none. Returns the surviving id.
 */
export async function joinClusters(trx: Transaction<DB>, clusterIds: string[]): Promise<string> {
  const ids = [...new Set(clusterIds)].sort();
  const [survivor, ...merged] = ids;
  if (!merged.length) return survivor;
  await trx.updateTable('cases').set({ cluster_id: survivor }).where('cluster_id', 'in', merged).execute();
  const names = await trx.selectFrom('clusters').selectAll().where('id', 'in', ids).orderBy('named_at').execute();
  if (names.length && !names.some((n) => n.id === survivor)) {
    await trx.insertInto('clusters').values({ ...names[0], id: survivor }).execute();
  }
  if (names.length) await trx.deleteFrom('clusters').where('id', 'in', merged).execute();
  return survivor;
}

/** Exposures at a place (any time), with their case's cluster. */
export function exposuresAt(trx: Kysely<DB>, placeKey: string) {
  return trx.selectFrom('exposures').innerJoin('cases', 'cases.id', 'exposures.case_id') // unscoped: inside a write: linking clusters by shared place; returns ids only
    .select(['exposures.case_id', 'exposures.from_at', 'exposures.to_at', 'cases.cluster_id'])
    .where('exposures.place_key', '=', placeKey)
    .execute();
}

export function clusterCases(db: Kysely<DB>, clusterId: string, scopeCode: string) {
  return db.selectFrom('cases').innerJoin('persons', 'persons.id', 'cases.person_id') // unscoped: the chain of a case in scope; names are shown only for cases in scope (caseChain)
    .select((eb) => [
      'cases.id', 'cases.jurisdiction_code', 'cases.classification', 'cases.status', 'cases.reported_at', 'cases.source_case_id',
      'cases.source_contact_id', shownName(eb, 'cases', scopeCode).as('name'),
    ])
    .where('cases.cluster_id', '=', clusterId)
    .orderBy('cases.reported_at').orderBy('cases.id')
    .execute();
}

export function clusterExposures(db: Kysely<DB>, clusterId: string) {
  return db.selectFrom('exposures').innerJoin('cases', 'cases.id', 'exposures.case_id') // unscoped: the chain of a case in scope; places without persons
    .select(['exposures.id', 'exposures.case_id', 'exposures.place_key', 'exposures.place_code', 'exposures.address', 'exposures.setting', 'exposures.transport_number', 'exposures.from_at', 'exposures.to_at'])
    .where('cases.cluster_id', '=', clusterId)
    .orderBy('exposures.from_at')
    .execute();
}

/** How many contacts each exposure of the cluster has. */
export function clusterContactTotals(db: Kysely<DB>, clusterId: string) {
  return db.selectFrom('contacts') // unscoped: counts only, for the chain of a case in scope
    .innerJoin('cases', 'cases.id', 'contacts.case_id') // unscoped: counts only, for the chain of a case in scope
    .select((eb) => ['contacts.exposure_id', eb.fn.countAll<number>().as('n')])
    .where('cases.cluster_id', '=', clusterId)
    .groupBy('contacts.exposure_id')
    .execute();
}

/** The contacts a chain draws: those the scope may see, who became cases first, then the oldest, at most `limit`. */
export function drawnClusterContacts(db: Kysely<DB>, clusterId: string, scopeCode: string, limit: number) {
  return scopedContacts(db.selectFrom('contacts').innerJoin('cases', 'cases.id', 'contacts.case_id'), scopeCode)
    .innerJoin('persons', 'persons.id', 'contacts.person_id')
    .select((eb) => ['contacts.id', 'contacts.exposure_id', 'contacts.via_contact_id', 'contacts.degree', 'contacts.positive_case_id', shownName(eb, 'contacts', scopeCode).as('name')])
    .where('cases.cluster_id', '=', clusterId)
    .orderBy(sql`${sql.ref('contacts.positive_case_id')} is null`).orderBy('contacts.created_at').orderBy('contacts.id')
    .limit(limit)
    .execute();
}

/** Clusters with a case inside the scope, largest first, with their size and dates. */
export function clusterSizes(db: Kysely<DB>, scopeCode: string, minSize: number) {
  const inside = scopedCases(db.selectFrom('cases').select('cases.cluster_id'), scopeCode);
  return db.selectFrom('cases')
    .select((eb) => [
      'cases.cluster_id',
      eb.fn.countAll<number>().as('size'),
      eb.fn.min('cases.reported_at').as('first_reported_at'),
      eb.fn.max('cases.reported_at').as('last_reported_at'),
    ])
    .where('cases.cluster_id', 'in', inside)
    .groupBy('cases.cluster_id')
    .having((eb) => eb.fn.countAll(), '>=', minSize);
}

/** Names and contact counts of clusters, and the exposures of their cases inside the scope, earliest first. */
export async function clusterDetails(db: Kysely<DB>, clusterIds: string[], scopeCode: string) {
  if (!clusterIds.length) return { names: [], contacts: [], places: [] };
  const [names, contacts, places] = await Promise.all([
    db.selectFrom('clusters').select(['id', 'name']).where('id', 'in', clusterIds).execute(),
    db.selectFrom('contacts').innerJoin('cases', 'cases.id', 'contacts.case_id') // unscoped: counts only, per cluster in scope
      .select((eb) => ['cases.cluster_id', eb.fn.countAll<number>().as('n')])
      .where('cases.cluster_id', 'in', clusterIds).groupBy('cases.cluster_id').execute(),
    scopedCases(db.selectFrom('exposures').innerJoin('cases', 'cases.id', 'exposures.case_id')
      .select(['cases.cluster_id', 'exposures.place_code', 'exposures.address', 'exposures.from_at']), scopeCode)
      .where('cases.cluster_id', 'in', clusterIds)
      .orderBy('exposures.from_at').orderBy('exposures.id')
      .execute(),
  ]);
  return { names, contacts, places };
}

// ---- exposures and contacts ----

export async function contactCounts(db: Kysely<DB>, exposureIds: string[]) {
  if (!exposureIds.length) return new Map<string, { close: number; secondary: number }>();
  const rows = await db.selectFrom('contacts') // unscoped: counts of exposures of a case in scope
    .select((eb) => ['exposure_id', 'degree', eb.fn.countAll<number>().as('n')])
    .where('exposure_id', 'in', exposureIds)
    .groupBy(['exposure_id', 'degree'])
    .execute();
  const out = new Map<string, { close: number; secondary: number }>();
  for (const r of rows) {
    const c = out.get(r.exposure_id) ?? { close: 0, secondary: 0 };
    c[r.degree as 'close' | 'secondary'] = Number(r.n);
    out.set(r.exposure_id, c);
  }
  return out;
}

export function contactRows(db: Kysely<DB>) {
  return db.selectFrom('contacts') // unscoped: builder; callers apply scopedContacts, but for the contact a caller has just created (enteredContact)
    .innerJoin('persons', 'persons.id', 'contacts.person_id') // unscoped: builder; callers apply scopedContacts, but for the contact a caller has just created (enteredContact)
    .leftJoin('observations', 'observations.id', 'contacts.observation_id'); // unscoped: builder; callers apply scopedContacts, but for the contact a caller has just created (enteredContact)
}

/** A contact with their person as a viewer bound to `scopeCode` sees them (see `shownIdentity`). */
export function selectContactColumns(q: ReturnType<typeof contactRows>, scopeCode: string) {
  return q.selectAll('contacts').select((eb) => [
    ...shownIdentity(eb, 'contacts', scopeCode), 'persons.document_type', 'persons.document_masked',
    'observations.status as observation_status', 'observations.kind as observation_kind', 'observations.reason as observation_reason',
    'observations.unit_code as observation_unit', 'observations.end_day as observation_end_day',
  ]);
}

export type ContactRow = Awaited<ReturnType<ReturnType<typeof selectContactColumns>['executeTakeFirstOrThrow']>>;

/** Locks an exposure for the rest of the transaction, so that two uploads of one list take turns (SQLite has one writer anyway). */
export function lockExposure(trx: Transaction<DB>, id: string, postgres: boolean) {
  return trx.selectFrom('exposures').select('id').where('id', '=', id).$if(postgres, (q) => q.forUpdate()).executeTakeFirst(); // unscoped: a row lock by id
}

export async function inChunks<T, R>(items: T[], run: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(...(await run(items.slice(i, i + CHUNK))));
  return out;
}

export function contactsOf(trx: Kysely<DB>, exposureId: string, personIds: string[]) {
  return inChunks(personIds, (ids) => trx.selectFrom('contacts').select(['id', 'person_id', 'degree']) // unscoped: inside a write: contacts of an exposure of a case in scope
    .where('exposure_id', '=', exposureId).where('person_id', 'in', ids).execute());
}

// Both read by person and filter the status here: a status condition in SQL lets SQLite, which
// keeps no statistics, walk every open case or active observation instead.

export async function openCasesOf(trx: Kysely<DB>, personIds: string[]) {
  const rows = await inChunks(personIds, (ids) => trx.selectFrom('cases').select(['id', 'person_id', 'status', 'jurisdiction_code', 'held_elsewhere']).where('person_id', 'in', ids).execute()); // unscoped: inside a write: open cases decide what to ask; callers tell nothing of those out of scope
  return rows.filter((r) => (OPEN_CASE_STATUSES as readonly string[]).includes(r.status));
}

/** Active observations of the persons, the latest started last. */
export async function activeObservationsOf(trx: Kysely<DB>, personIds: string[]) {
  const rows = await inChunks(personIds, (ids) => trx.selectFrom('observations').select(['id', 'person_id', 'unit_code', 'status', 'start_at']).where('person_id', 'in', ids).execute()); // unscoped: inside a write: the observation a new contact joins
  return rows.filter((r) => r.status === 'active').sort((a, b) => (a.start_at < b.start_at ? -1 : a.start_at > b.start_at ? 1 : 0));
}

export async function insertContacts(trx: Transaction<DB>, rows: DB['contacts'][]): Promise<void> {
  await inChunks(rows, async (chunk) => {
    await trx.insertInto('contacts').values(chunk).onConflict((oc) => oc.columns(['exposure_id', 'person_id']).doNothing()).execute();
    return [];
  });
}
