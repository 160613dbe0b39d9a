// Who may change a person's identity, and what a writer from elsewhere keeps instead.
//
// A person is held by the jurisdiction of their residence. Only a user whose jurisdiction holds
// the person changes their name, phone or residence (or accepts a change someone else proposed).
// A writer from elsewhere keeps the name and phone they were given on their own record (the
// arrival, the observation, the contact, the case) and sees those; the holder is asked (协查).
// (What a viewer is shown is written as SQL: `shownIdentity` in src/db/scope.ts.)
import { isWithin } from './division-code';

export type IdentityField = 'name' | 'phone' | 'residence';

/** Identity values as a change proposes or records them; a phone travels sealed, with its masked form. */
export interface IdentityValues {
  name: string;
  phoneEnc: string | null;
  phoneMasked: string | null;
  residence: string;
}

/** Whether a user bound to `scopeCode` holds the person living at `residence`. */
export function holds(scopeCode: string, residence: string): boolean {
  return isWithin(residence, scopeCode);
}

/**
 * The fields a write gives differently from the stored identity. Phones are compared by their
 * keyed index (the same number however written); a residence of null was not stated.
 */
export function identityDifferences(
  stored: { name: string; phoneKey: string | null; residence: string },
  given: { name: string; phoneKey: string | null; residence: string | null },
): IdentityField[] {
  const out: IdentityField[] = [];
  if (given.name !== stored.name) out.push('name');
  if (given.phoneKey && given.phoneKey !== stored.phoneKey) out.push('phone');
  if (given.residence && given.residence !== stored.residence) out.push('residence');
  return out;
}

/** A record written by the holder, or with the holder's values: nothing of its own to keep. */
export const NOT_STATED = { stated_name: null, stated_phone_enc: null, stated_phone_masked: null } as const;

