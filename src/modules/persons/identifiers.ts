// A person's document number and phone as shown: masked, or in full when revealed (the caller
// checks the permission and audits the reveal).
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
