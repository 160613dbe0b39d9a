// A person's identifiers as shown: masked, or in full when revealed (the caller checks the
// permission and audits the reveal). The birth date travels only with the full number: beside a
// masked one it would give the number back; the birth year is enough for the work.
import type { FieldCrypto } from '../../server/field-crypto';

export interface StoredIdentifiers {
  document_enc: string;
  document_masked: string;
  phone_enc: string | null;
  phone_masked: string | null;
}

export function identifiers(crypto: FieldCrypto, r: StoredIdentifiers, reveal: boolean) {
  return {
    documentNumber: reveal ? crypto.decrypt(r.document_enc) : r.document_masked,
    phone: reveal ? (r.phone_enc ? crypto.decrypt(r.phone_enc) : null) : r.phone_masked,
  };
}

export interface StoredDemographics {
  demographics_enc: string | null;
  birth_year: number | null;
}

export function demographics(crypto: FieldCrypto, r: StoredDemographics, reveal: boolean) {
  const d = r.demographics_enc ? (JSON.parse(crypto.decrypt(r.demographics_enc)) as { birthDate: string | null; sex: string | null }) : null;
  return {
    birthYear: r.birth_year,
    sex: d?.sex ?? null,
    ...(reveal ? { birthDate: d?.birthDate ?? null } : {}),
  };
}
