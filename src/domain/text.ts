// Text as typed into forms or sent by other systems: the same name must be stored the same way,
// and text that only looks like something (spaces, invisible marks) must not pass for it.

// C0 controls but tab and line feed, DEL and C1 controls.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
// Bidirectional embeddings, overrides, isolates and marks: they can make text read differently than it is stored.
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
// Zero-width spaces and joiners, word joiner, byte-order mark, soft hyphen.
const ZERO_WIDTH = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
// Carriage returns become line feeds, so "\r\n" and "\n" store alike.
const CR = /\r\n?/g;
const PLAIN = /^[\x21-\x7E](?:[\x20-\x7E]*[\x21-\x7E])?$/;

/**
 * NFC, without control, bidirectional and zero-width characters, trimmed of whitespace at
 * both ends (ideographic space U+3000 included). Line feeds and tabs inside are kept.
 */
export function normaliseText(value: string): string {
  if (PLAIN.test(value)) return value;
  return value.normalize('NFC').replace(CR, '\n').replace(CONTROL, '').replace(BIDI, '').replace(ZERO_WIDTH, '').trim();
}
