// The SQL of exposures and contacts.
import { type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { inChunks } from '../../../db/chunks';
import { inScope, shownIdentity, shownName } from '../../../db/scope';
import { scopedCases } from './cases';
import type { ContactFilter } from '../schemas';

/** A contact is visible with their case, where they live, and where their control is held. */
const CONTACT_SCOPE_COLUMNS = ['contacts.case_code', 'contacts.community_code', 'contacts.unit_code'];

export function scopedContacts<O>(q: SelectQueryBuilder<any, any, O>, scopeCode: string): SelectQueryBuilder<any, any, O> {
  return q.where((eb) => inScope(eb, CONTACT_SCOPE_COLUMNS, scopeCode));
}

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

export function contactsOf(trx: Kysely<DB>, exposureId: string, personIds: string[]) {
  return inChunks(personIds, (ids) => trx.selectFrom('contacts').select(['id', 'person_id', 'degree']) // unscoped: inside a write: contacts of an exposure of a case in scope
    .where('exposure_id', '=', exposureId).where('person_id', 'in', ids).execute());
}

export async function insertContacts(trx: Transaction<DB>, rows: DB['contacts'][]): Promise<void> {
  await inChunks(rows, async (chunk) => {
    await trx.insertInto('contacts').values(chunk).onConflict((oc) => oc.columns(['exposure_id', 'person_id']).doNothing()).execute();
    return [];
  });
}

// ---- exposures ----

export function exposureByClientId(db: Kysely<DB>, clientId: string) {
  return db.selectFrom('exposures').selectAll().where('client_id', '=', clientId).executeTakeFirst(); // unscoped: a retry by clientId, checked against the case in scope
}

/** Inserts an exposure unless its clientId is on record; returns whether it was inserted. */
export async function insertExposure(trx: Transaction<DB>, row: DB['exposures']): Promise<boolean> {
  return !!(await trx.insertInto('exposures').values(row).onConflict((oc) => oc.column('client_id').doNothing()).returning('id').executeTakeFirst());
}

export function exposuresOfCase(db: Kysely<DB>, caseId: string) {
  return db.selectFrom('exposures').selectAll().where('case_id', '=', caseId).orderBy('from_at').orderBy('id').execute(); // unscoped: exposures of a case loaded in scope
}

/** An exposure with its case, if the scope may see the case. */
export function exposureInScope(db: Kysely<DB>, exposureId: string, scopeCode: string) {
  return scopedCases(db.selectFrom('exposures').innerJoin('cases', 'cases.id', 'exposures.case_id')
    .select(['exposures.id', 'exposures.case_id', 'exposures.to_at', 'cases.person_id', 'cases.jurisdiction_code']), scopeCode)
    .where('exposures.id', '=', exposureId).executeTakeFirst();
}

// ---- contacts ----

export function contactInScope(db: Kysely<DB>, id: string, scopeCode: string): Promise<ContactRow | undefined> {
  return scopedContacts(selectContactColumns(contactRows(db), scopeCode), scopeCode).where('contacts.id', '=', id).executeTakeFirst();
}

/** The contact a caller has just created, shown to them with the columns of their scope. */
export function createdContact(db: Kysely<DB>, id: string, scopeCode: string): Promise<ContactRow> {
  // unscoped: the contact this caller created just now
  return selectContactColumns(contactRows(db), scopeCode).where('contacts.id', '=', id).executeTakeFirstOrThrow();
}

export async function setContactDegree(trx: Transaction<DB>, id: string, degree: DB['contacts']['degree']): Promise<void> {
  await trx.updateTable('contacts').set({ degree, via_contact_id: null }).where('id', '=', id).execute();
}

/** Records the case a contact became, unless one is recorded already. */
export async function setPositiveCase(trx: Transaction<DB>, contactId: string, caseId: string): Promise<void> {
  await trx.updateTable('contacts').set({ positive_case_id: caseId }).where('id', '=', contactId).where('positive_case_id', 'is', null).execute();
}

/** Contacts are seen where their control is held: they follow their observation to the unit that received it. */
export async function moveContactsWithObservation(trx: Transaction<DB>, observationId: string, unitCode: string): Promise<void> {
  await trx.updateTable('contacts').set({ unit_code: unitCode }).where('observation_id', '=', observationId).execute();
}

export function contactById(trx: Transaction<DB>, id: string) {
  return trx.selectFrom('contacts').select(['id', 'observation_id', 'case_code', 'community_code', 'unit_code']).where('id', '=', id).executeTakeFirstOrThrow(); // unscoped: the asker's contact named by the request being decided
}

/** A page of the contacts in scope, latest first, and how many match. */
export async function contactPage(db: Kysely<DB>, scope: string, f: Omit<ContactFilter, 'within'>) {
  let base = scopedContacts(contactRows(db), scope) as ReturnType<typeof contactRows>;
  if (f.caseId) base = base.where('contacts.case_id', '=', f.caseId);
  if (f.exposureId) base = base.where('contacts.exposure_id', '=', f.exposureId);
  if (f.degree) base = base.where('contacts.degree', '=', f.degree);
  if (f.status === 'positive') base = base.where('contacts.positive_case_id', 'is not', null);
  else if (f.status) {
    base = base.where('contacts.positive_case_id', 'is', null);
    if (f.status === 'under_control') base = base.where('observations.status', '=', 'active');
    else if (f.status === 'released') base = base.where('observations.status', '=', 'released');
    else base = base.where((eb) => eb.or([eb('observations.status', 'is', null), eb('observations.status', 'not in', ['active', 'released'])]));
  }
  if (f.q) base = base.where((eb) => eb(shownName(eb, 'contacts', scope), 'like', `${f.q!.replace(/[%_]/g, '')}%`));
  const [rows, count] = await Promise.all([
    selectContactColumns(base, scope).orderBy('contacts.created_at', 'desc').orderBy('contacts.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
