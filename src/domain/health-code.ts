// The platform's own health-code text, as a scanner gun types it:
//
//   FKHC1:<payload>
//
// where <payload> is base64url (no padding) of the UTF-8 text
//
//   name|documentType|documentNumber|phone|color|issuedAt
//
// (color: green|yellow|red; issuedAt: ISO-8601 UTC). Base64url keeps the
// scanned text ASCII, which scanner guns in keyboard mode can type reliably;
// a signature field will follow in version 2. Any other text is kept raw.
import { DOCUMENT_TYPES, HEALTH_CODE_COLORS, type DocumentType, type HealthCodeColor } from './enums';

export const HEALTH_CODE_PREFIX = 'FKHC1:';

export interface HealthCodeContent {
  name: string;
  documentType: DocumentType;
  documentNumber: string;
  phone: string;
  color: HealthCodeColor;
  issuedAt: string;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export function encodeHealthCode(c: HealthCodeContent): string {
  const fields = [c.name, c.documentType, c.documentNumber, c.phone, c.color, c.issuedAt];
  if (fields.some((f) => f.includes('|'))) throw new Error('health code fields must not contain "|"');
  return HEALTH_CODE_PREFIX + toBase64Url(new TextEncoder().encode(fields.join('|')));
}

/** Returns the content of a platform health code, or null for any other text. */
export function parseHealthCode(scanned: string): HealthCodeContent | null {
  const text = scanned.trim();
  if (!text.startsWith(HEALTH_CODE_PREFIX)) return null;
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(text.slice(HEALTH_CODE_PREFIX.length)));
  } catch {
    return null;
  }
  const parts = decoded.split('|');
  if (parts.length !== 6) return null;
  const [name, documentType, documentNumber, phone, color, issuedAt] = parts;
  if (!name || !documentNumber) return null;
  if (!(DOCUMENT_TYPES as readonly string[]).includes(documentType)) return null;
  if (!(HEALTH_CODE_COLORS as readonly string[]).includes(color)) return null;
  if (Number.isNaN(Date.parse(issuedAt))) return null;
  return {
    name,
    documentType: documentType as DocumentType,
    documentNumber,
    phone,
    color: color as HealthCodeColor,
    issuedAt,
  };
}
