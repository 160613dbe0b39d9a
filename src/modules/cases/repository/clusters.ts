// The SQL of clusters and of the transmission chain of one.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { shownName } from '../../../db/scope';
import { scopedCases } from './cases';
import { scopedContacts } from './contacts';

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

/** A page of the clusters with a case inside the scope, largest first, and how many there are. */
export async function clusterPage(db: Kysely<DB>, scope: string, minSize: number, page: number, pageSize: number) {
  const sizes = clusterSizes(db, scope, minSize);
  const [rows, total] = await Promise.all([
    sizes.orderBy('size', 'desc').orderBy('last_reported_at', 'desc').orderBy('cases.cluster_id').limit(pageSize).offset((page - 1) * pageSize).execute(),
    db.selectFrom(sizes.as('c')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** The cluster's size and dates, if it has a case inside the scope. */
export async function clusterInScope(db: Kysely<DB>, scope: string, id: string) {
  const [size] = await clusterSizes(db, scope, 1).where('cases.cluster_id', '=', id).execute();
  return size;
}

export async function nameCluster(trx: Transaction<DB>, id: string, name: string, userId: string, at: string): Promise<void> {
  await trx.insertInto('clusters').values({ id, name, named_by: userId, named_at: at })
    .onConflict((oc) => oc.column('id').doUpdateSet({ name, named_by: userId, named_at: at })).execute();
}

export function clusterName(db: Kysely<DB>, id: string) {
  return db.selectFrom('clusters').select('name').where('id', '=', id).executeTakeFirst();
}

/** The cluster and jurisdiction of a case, if the scope may see it. */
export function caseClusterInScope(db: Kysely<DB>, caseId: string, scopeCode: string) {
  return scopedCases(db.selectFrom('cases').select(['cases.cluster_id', 'cases.jurisdiction_code']), scopeCode)
    .where('cases.id', '=', caseId).executeTakeFirst();
}
