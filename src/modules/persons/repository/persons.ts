// Reads of persons, always through the one jurisdiction filter.
import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import type { Ctx } from '../../../server/context';
import { inScope } from '../../../db/scope';
import { DOCUMENT_TYPES } from '../../../domain/enums';
import { ARRIVAL_SCOPE_COLUMNS } from '../../arrivals';
import { OBSERVATION_SCOPE_COLUMNS } from '../../observations';
import { documentKeyInput } from '../documents';

/**
 * A person is visible when they live in the caller's subtree, or one of their arrivals
 * is routed through it, or one of their observations is held there, or one of their cases counts there.
 *
 * Two equivalent forms, for the planner's sake. Below a district (or in a unit) few
 * persons qualify: gather them from the index ranges once (IN). From a district up most
 * persons live inside the scope: check the others one by one (EXISTS). At 50,000 persons
 * on SQLite without statistics this keeps searches and the duplicate list under ~100 ms
 * at every level; one form alone costs 200–500 ms at the other end.
 */
export function personInScope(eb: ExpressionBuilder<DB, 'persons'>, scopeCode: string) {
  const arrivals = eb.selectFrom('arrivals').where((e) => inScope(e, ARRIVAL_SCOPE_COLUMNS, scopeCode));
  const observations = eb.selectFrom('observations').where((e) => inScope(e, OBSERVATION_SCOPE_COLUMNS, scopeCode));
  const cases = eb.selectFrom('cases').where((e) => inScope(e, ['cases.jurisdiction_code'], scopeCode));
  const small = scopeCode.length >= 9 || scopeCode.includes('U');
  return eb.or([
    inScope(eb, ['persons.jurisdiction_code'], scopeCode),
    ...(small
      ? [
        eb('persons.id', 'in', arrivals.select('arrivals.person_id')),
        eb('persons.id', 'in', observations.select('observations.person_id')),
        eb('persons.id', 'in', cases.select('cases.person_id')),
      ]
      : [
        eb.exists(arrivals.select('arrivals.id').whereRef('arrivals.person_id', '=', 'persons.id')),
        eb.exists(observations.select('observations.id').whereRef('observations.person_id', '=', 'persons.id')),
        eb.exists(cases.select('cases.id').whereRef('cases.person_id', '=', 'persons.id')),
      ]),
  ]);
}

export async function findPersonInScope(db: Kysely<DB>, scopeCode: string, id: string) {
  return db.selectFrom('persons').selectAll().where('persons.id', '=', id).where((eb) => personInScope(eb, scopeCode)).executeTakeFirst();
}

/** The person whose records a merged-away person's now are, following later merges; the id itself when not merged. */
export async function survivorOf(db: Kysely<DB>, id: string): Promise<string> {
  let current = id;
  for (;;) {
    const row = await db.selectFrom('persons').select('merged_into').where('id', '=', current).executeTakeFirst(); // unscoped: ids only, following merges
    if (!row?.merged_into) return current;
    current = row.merged_into;
  }
}

/** Persons in scope who were not merged away, with the summary columns. */
function livePersons(db: Kysely<DB>, scopeCode: string) {
  return db
    .selectFrom('persons')
    .where('persons.merged_into', 'is', null)
    .where((eb) => personInScope(eb, scopeCode))
    .select((eb) => [
      'persons.id', 'persons.name', 'persons.document_type', 'persons.document_masked', 'persons.phone_masked',
      'persons.demographics_enc', 'persons.birth_year', 'persons.jurisdiction_code', 'persons.name_birth_key', 'persons.phone_key',
      eb.selectFrom('arrivals').select((e) => e.fn.max('arrivals.arrived_at').as('m'))
        .whereRef('arrivals.person_id', '=', 'persons.id')
        .where((e) => inScope(e, ARRIVAL_SCOPE_COLUMNS, scopeCode))
        .as('last_arrival_at'),
    ]);
}

export type PersonSummaryRow = Awaited<ReturnType<ReturnType<typeof livePersons>['executeTakeFirstOrThrow']>>;

export interface PersonSearch {
  q?: string;
  compound?: string;
  page: number;
  pageSize: number;
}

/**
 * The search box holds a phone tail (4 digits), a document number, or the start of a
 * name; a word that could be either (Lhamo, E1234567) is looked up as both.
 */
function matching(ctx: Ctx, scopeCode: string, f: PersonSearch) {
  let q = livePersons(ctx.db, scopeCode);
  const text = f.q?.trim().replace(/[%_]/g, '');
  if (text) {
    const upper = text.toUpperCase();
    if (/^\d{4}$/.test(upper)) q = q.where('persons.phone_tail', '=', upper);
    else if (/^[0-9A-Z-]{5,32}$/.test(upper)) {
      const keys = DOCUMENT_TYPES.map((t) => ctx.crypto.blindIndex(documentKeyInput(t, upper)));
      q = q.where((eb) => eb.or([eb('persons.document_key', 'in', keys), eb('persons.name', 'like', `${text}%`)]));
    } else q = q.where('persons.name', 'like', `${text}%`);
  }
  const compound = f.compound?.trim().replace(/[%_]/g, '');
  if (compound) {
    q = q.where((eb) => eb.exists(
      eb.selectFrom('arrivals').select('arrivals.id').whereRef('arrivals.person_id', '=', 'persons.id')
        .where('arrivals.dest_compound', 'like', `${compound}%`)
        .where((e) => inScope(e, ARRIVAL_SCOPE_COLUMNS, scopeCode)),
    ));
  }
  return q;
}

export async function searchPersons(ctx: Ctx, scopeCode: string, f: PersonSearch) {
  const q = matching(ctx, scopeCode, f);
  const [rows, count] = await Promise.all([
    q.orderBy('persons.updated_at', 'desc').orderBy('persons.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/**
 * Persons in scope sharing a duplicate key with another person in scope: the same
 * name and birth date (one keyed index of both), or the same phone key. At most `limit` keys per rule.
 */
export async function duplicateCandidates(db: Kysely<DB>, scopeCode: string, limit: number): Promise<PersonSummaryRow[]> {
  const shared = (columns: ('name_birth_key' | 'phone_key')[]) =>
    columns.reduce((q, c) => q.orderBy(c), db.selectFrom('persons')
      .select(columns)
      .where('persons.merged_into', 'is', null)
      .where((eb) => personInScope(eb, scopeCode))
      .where((eb) => eb.and(columns.map((c) => eb(`persons.${c}`, 'is not', null))))
      .groupBy(columns)
      .having((eb) => eb(eb.fn.countAll(), '>', 1)))
      .limit(limit);
  const [byName, byPhone] = await Promise.all([
    livePersons(db, scopeCode)
      .innerJoin(shared(['name_birth_key']).as('d'), (j) => j.onRef('d.name_birth_key', '=', 'persons.name_birth_key'))
      .orderBy('persons.created_at').orderBy('persons.id')
      .execute(),
    livePersons(db, scopeCode)
      .innerJoin(shared(['phone_key']).as('d'), (j) => j.onRef('d.phone_key', '=', 'persons.phone_key'))
      .orderBy('persons.created_at').orderBy('persons.id')
      .execute(),
  ]);
  return [...byName, ...byPhone];
}

export function mergedInto(db: Kysely<DB>, survivorId: string) {
  return db.selectFrom('person_merges')
    .innerJoin('persons', 'persons.id', 'person_merges.merged_id') // unscoped: persons merged into one the caller may see
    .select(['person_merges.id', 'person_merges.merged_at', 'persons.id as person_id', 'persons.name', 'persons.document_type', 'persons.document_masked'])
    .where('person_merges.survivor_id', '=', survivorId)
    .where('person_merges.undone_at', 'is', null)
    .orderBy('person_merges.merged_at')
    .execute();
}

// ---- identity resolution, inside a writer's transaction ----

const STORED_COLUMNS = ['id', 'document_key', 'merged_into', 'name', 'phone_key', 'phone_masked', 'jurisdiction_code'] as const;

export type StoredPerson = Pick<DB['persons'], (typeof STORED_COLUMNS)[number]>;

/** Inserts the persons whose document is not on record yet; returns those inserted. */
export function insertNewPersons(trx: Transaction<DB>, rows: DB['persons'][]) {
  return trx.insertInto('persons').values(rows)
    .onConflict((oc) => oc.column('document_key').doNothing())
    .returning(['id', 'document_key']).execute();
}

export function storedByDocumentKeys(trx: Transaction<DB>, keys: string[]): Promise<StoredPerson[]> {
  return trx.selectFrom('persons').select(STORED_COLUMNS).where('document_key', 'in', keys).execute(); // unscoped: identity resolution inside a write; a non-holder gets nothing of the stored values
}

export function storedById(trx: Transaction<DB>, id: string): Promise<StoredPerson> {
  return trx.selectFrom('persons').select(STORED_COLUMNS).where('id', '=', id).executeTakeFirstOrThrow(); // unscoped: identity resolution inside a write
}

export async function updatePerson(trx: Transaction<DB>, id: string, set: Partial<DB['persons']>): Promise<void> {
  await trx.updateTable('persons').set(set).where('id', '=', id).execute();
}

/** The identity values the holder's accepted change replaces. */
export function identityOf(trx: Transaction<DB>, id: string) {
  return trx.selectFrom('persons').select(['name', 'phone_masked', 'phone_enc', 'jurisdiction_code', 'demographics_enc']).where('id', '=', id).executeTakeFirstOrThrow(); // unscoped: the holder's accepted change (decided in scope)
}
