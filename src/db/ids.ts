import { randomUUID } from 'node:crypto';

/**
 * A UUIDv7: time-ordered, so new rows append to the end of primary-key indexes.
 * The random part comes from randomUUID, whose pooled entropy is much cheaper
 * than a randomBytes call per id.
 */
export function newId(): string {
  const hex = Date.now().toString(16).padStart(12, '0');
  const random = randomUUID();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${random.slice(15, 18)}-${random.slice(19)}`;
}
