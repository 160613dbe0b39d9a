// Moving every sealed field and keyed index from one secret to another: decrypted with the old
// keys, sealed and indexed again with the new ones, a batch per transaction (a rotation stopped
// halfway is resumed by running it again: rows already moved are recognised and skipped).
import type { Kysely } from 'kysely';
import type { DB } from './schema';
import type { FieldCrypto } from '../server/field-crypto';
import { documentKeyInput } from '../modules/persons/documents';
import { nameBirthKeyInput, phoneKeyInput } from '../domain/duplicates';

const BATCH = 500;
const STATING = ['arrivals', 'observations', 'contacts', 'cases'] as const;

/** Decrypts with the old keys, or recognises a value already sealed with the new ones (null then). */
function opener(from: FieldCrypto, to: FieldCrypto) {
  return (stored: string): string | null => {
    try {
      return from.decrypt(stored);
    } catch {
      to.decrypt(stored); // throws when it is neither's: nothing is written over a value no key opens
      return null;
    }
  };
}

export interface RotationCounts {
  persons: number;
  stated: number;
  requests: number;
}

export async function rotateSecret(db: Kysely<DB>, from: FieldCrypto, to: FieldCrypto, progress: (c: RotationCounts) => void = () => {}): Promise<RotationCounts> {
  const open = opener(from, to);
  const counts: RotationCounts = { persons: 0, stated: 0, requests: 0 };
  const reseal = (v: string | null) => {
    if (!v) return v;
    const plain = open(v);
    return plain === null ? v : to.encrypt(plain);
  };

  for (let after = ''; ;) {
    const rows = await db.selectFrom('persons')
      .select(['id', 'document_type', 'document_enc', 'phone_enc', 'demographics_enc', 'name_key'])
      .where('id', '>', after).orderBy('id').limit(BATCH).execute();
    if (!rows.length) break;
    await db.transaction().execute(async (trx) => {
      for (const r of rows) {
        const number = open(r.document_enc);
        if (number === null) continue;
        const phone = r.phone_enc ? open(r.phone_enc) : null;
        const demographics = r.demographics_enc ? open(r.demographics_enc) : null;
        const birthDate = demographics ? (JSON.parse(demographics) as { birthDate: string | null }).birthDate : null;
        const nameBirth = r.name_key ? nameBirthKeyInput(r.name_key, birthDate) : null;
        await trx.updateTable('persons').set({
          document_enc: to.encrypt(number),
          document_key: to.blindIndex(documentKeyInput(r.document_type, number)),
          phone_enc: phone === null ? r.phone_enc : to.encrypt(phone),
          phone_key: phone === null ? null : to.blindIndex(phoneKeyInput(phone)),
          demographics_enc: demographics === null ? r.demographics_enc : to.encrypt(demographics),
          name_birth_key: nameBirth && to.blindIndex(nameBirth),
        }).where('id', '=', r.id).execute();
      }
    });
    counts.persons += rows.length;
    after = rows[rows.length - 1].id;
    progress(counts);
  }

  for (const table of STATING) {
    for (let after = ''; ;) {
      const rows = await db.selectFrom(table).select(['id', 'stated_phone_enc'])
        .where('stated_phone_enc', 'is not', null).where('id', '>', after).orderBy('id').limit(BATCH).execute();
      if (!rows.length) break;
      await db.transaction().execute(async (trx) => {
        for (const r of rows) await trx.updateTable(table).set({ stated_phone_enc: reseal(r.stated_phone_enc) }).where('id', '=', r.id).execute();
      });
      counts.stated += rows.length;
      after = rows[rows.length - 1].id;
      progress(counts);
    }
  }

  const resealJson = (json: string | null) => {
    if (!json) return json;
    const v = JSON.parse(json) as { phoneEnc?: string | null };
    return v.phoneEnc ? JSON.stringify({ ...v, phoneEnc: reseal(v.phoneEnc) }) : json;
  };
  for (let after = ''; ;) {
    const rows = await db.selectFrom('assistance_requests').select(['id', 'proposed', 'previous']).where('id', '>', after).orderBy('id').limit(BATCH).execute();
    if (!rows.length) break;
    await db.transaction().execute(async (trx) => {
      for (const r of rows) {
        await trx.updateTable('assistance_requests').set({ proposed: resealJson(r.proposed), previous: resealJson(r.previous) }).where('id', '=', r.id).execute();
      }
    });
    counts.requests += rows.length;
    after = rows[rows.length - 1].id;
    progress(counts);
  }
  return counts;
}
