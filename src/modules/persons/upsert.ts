// One person per document: the row every arrival, observation and case points to.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { FieldCrypto } from '../../server/field-crypto';
import { newId } from '../../db/ids';
import { maskDocumentNumber, maskPhone, phoneTail } from '../../domain/masking';
import { nameKey, phoneKeyInput } from '../../domain/duplicates';
import { documentKeyInput, type CheckedDocument } from '../arrivals/documents';
import { survivorOf } from './queries';

export type PersonRow = DB['persons'];

/** The row to store for a person, with identifiers encrypted, their masked forms and duplicate keys precomputed. */
export function personRow(crypto: FieldCrypto, doc: CheckedDocument, name: string, phone: string, jurisdictionCode: string, at: string): PersonRow {
  return {
    id: newId(),
    document_type: doc.type,
    document_key: crypto.blindIndex(documentKeyInput(doc.type, doc.number)),
    document_enc: crypto.encrypt(doc.number),
    document_masked: maskDocumentNumber(doc.number),
    name: name.trim(),
    name_key: nameKey(name),
    phone_enc: crypto.encrypt(phone),
    phone_masked: maskPhone(phone),
    phone_tail: phoneTail(phone),
    phone_key: crypto.blindIndex(phoneKeyInput(phone)),
    birth_date: doc.birthDate,
    sex: doc.sex,
    jurisdiction_code: jurisdictionCode,
    created_at: at,
    updated_at: at,
    merged_into: null,
  };
}

/**
 * Inserts the person or, when the document is known, refreshes name, phone and residence.
 * Returns the id their records belong to: the stored one, or its survivor when it was merged away.
 */
export async function upsertPerson(trx: Transaction<DB>, person: PersonRow): Promise<string> {
  const stored = await insertOrRefresh(trx, [person]).executeTakeFirstOrThrow();
  return stored.merged_into ? toSurvivor(trx, stored.merged_into, person) : stored.id;
}

/** The same for many persons in few statements (a list of contacts); returns their ids in order. */
export async function upsertPersons(trx: Transaction<DB>, persons: PersonRow[]): Promise<string[]> {
  // One row per document per statement (PostgreSQL refuses to update a row twice); the last one named wins.
  const byKey = new Map(persons.map((p) => [p.document_key, p]));
  const unique = [...byKey.values()];
  const ids = new Map<string, string>();
  for (let i = 0; i < unique.length; i += 200) {
    for (const stored of await insertOrRefresh(trx, unique.slice(i, i + 200)).execute()) {
      ids.set(stored.document_key, stored.merged_into ? await toSurvivor(trx, stored.merged_into, byKey.get(stored.document_key)!) : stored.id);
    }
  }
  return persons.map((p) => ids.get(p.document_key)!);
}

function insertOrRefresh(trx: Transaction<DB>, persons: PersonRow[]) {
  return trx
    .insertInto('persons')
    .values(persons)
    .onConflict((oc) =>
      oc.column('document_key').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        name_key: eb.ref('excluded.name_key'),
        phone_enc: eb.ref('excluded.phone_enc'),
        phone_masked: eb.ref('excluded.phone_masked'),
        phone_tail: eb.ref('excluded.phone_tail'),
        phone_key: eb.ref('excluded.phone_key'),
        jurisdiction_code: eb.ref('excluded.jurisdiction_code'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .returning(['id', 'merged_into', 'document_key']);
}

/** Merged away: the record belongs to the survivor, who now lives where this registration says. */
async function toSurvivor(trx: Transaction<DB>, mergedInto: string, person: PersonRow): Promise<string> {
  const survivorId = await survivorOf(trx, mergedInto);
  await trx.updateTable('persons').set({ jurisdiction_code: person.jurisdiction_code, updated_at: person.updated_at }).where('id', '=', survivorId).execute();
  return survivorId;
}
