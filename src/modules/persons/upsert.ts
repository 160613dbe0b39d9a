// One person per document: the row every arrival, observation, case and contact points to.
// Whoever holds the person (their residence lies in the writer's jurisdiction) keeps the identity
// up to date; a writer from elsewhere leaves it as it is, keeps what they were told on their own
// record, and the holder is asked (协查).
import type { Transaction } from 'kysely';
import type { DB, StatedIdentity } from '../../db/schema';
import type { FieldCrypto } from '../../server/field-crypto';
import type { CurrentUser } from '../../server/context';
import { newId } from '../../db/ids';
import { maskDocumentNumber, maskPhone, phoneTail } from '../../domain/masking';
import { nameBirthKeyInput, nameKey, phoneKeyInput } from '../../domain/duplicates';
import { identityDifferences, holds, NOT_STATED, type IdentityValues } from '../../domain/identity';
import { raiseRequests, recordIdentityChanges, type Ask } from '../assistance';
import { documentKeyInput, type CheckedDocument } from './documents';
import { identityOf, insertNewPersons, storedByDocumentKeys, storedById, survivorOf, updatePerson, type StoredPerson } from './repository/persons';

export type PersonRow = DB['persons'];

function nameBirthKey(crypto: FieldCrypto, key: string, birthDate: string | null): string | null {
  const input = nameBirthKeyInput(key, birthDate);
  return input && crypto.blindIndex(input);
}

/** The row to store for a person: identifiers and demographics sealed, masked forms and keys precomputed. */
export function personRow(crypto: FieldCrypto, doc: CheckedDocument, name: string, phone: string, jurisdictionCode: string, at: string): PersonRow {
  const key = nameKey(name);
  return {
    id: newId(),
    document_type: doc.type,
    document_key: crypto.blindIndex(documentKeyInput(doc.type, doc.number)),
    document_enc: crypto.encrypt(doc.number),
    document_masked: maskDocumentNumber(doc.number),
    name: name.trim(),
    name_key: key,
    phone_enc: crypto.encrypt(phone),
    phone_masked: maskPhone(phone),
    phone_tail: phoneTail(phone),
    phone_key: crypto.blindIndex(phoneKeyInput(phone)),
    demographics_enc: doc.birthDate || doc.sex ? crypto.encrypt(JSON.stringify({ birthDate: doc.birthDate, sex: doc.sex })) : null,
    birth_year: doc.birthDate ? Number(doc.birthDate.slice(0, 4)) : null,
    name_birth_key: nameBirthKey(crypto, key, doc.birthDate),
    jurisdiction_code: jurisdictionCode,
    created_at: at,
    updated_at: at,
    merged_into: null,
  };
}

/** A person as a writer gives them; `statesResidence` false when the residence is only a fallback for a new person. */
export interface GivenPerson {
  row: PersonRow;
  statesResidence: boolean;
}

/** What the holder is asked to accept: the fields given differently by a writer who does not hold the person. */
export interface IdentityAsk {
  personId: string;
  holderCode: string;
  proposed: Partial<IdentityValues>;
}

export interface Resolved {
  personId: string;
  /** To store on the writer's own record. */
  stated: StatedIdentity;
  ask: IdentityAsk | null;
  /** Set when the holder's write changed the identity: old and new values, for the record of changes. */
  changed: { holderCode: string; previous: Partial<IdentityValues>; next: Partial<IdentityValues> } | null;
}

/**
 * Finds or creates each person by document inside the writer's transaction. A new person is
 * created as given; a known one held by the writer takes the given name, phone and residence; a
 * known one held elsewhere is left unchanged. Returns, in order, the id the records belong to
 * (the survivor for a person merged away) and what the writer's record keeps.
 */
export async function resolvePersons(trx: Transaction<DB>, user: CurrentUser, given: GivenPerson[]): Promise<Resolved[]> {
  // One row per document per statement (PostgreSQL refuses to touch a row twice); the last one named wins.
  const byKey = new Map(given.map((g) => [g.row.document_key, g]));
  const unique = [...byKey.values()];
  const resolved = new Map<string, Resolved>();
  for (let i = 0; i < unique.length; i += 200) {
    const chunk = unique.slice(i, i + 200);
    const created = await insertNewPersons(trx, chunk.map((g) => g.row));
    for (const c of created) resolved.set(c.document_key, { personId: c.id, stated: NOT_STATED, ask: null, changed: null });
    const known = chunk.filter((g) => !resolved.has(g.row.document_key));
    if (!known.length) continue;
    const stored = await storedByDocumentKeys(trx, known.map((g) => g.row.document_key));
    const storedByKey = new Map(stored.map((s) => [s.document_key, s]));
    for (const g of known) {
      const s = storedByKey.get(g.row.document_key)!;
      const current = s.merged_into ? await survivorRow(trx, s.merged_into) : s;
      resolved.set(g.row.document_key, await resolveKnown(trx, user, g, current));
    }
  }
  return given.map((g) => resolved.get(g.row.document_key)!);
}

async function survivorRow(trx: Transaction<DB>, mergedInto: string): Promise<StoredPerson> {
  return storedById(trx, await survivorOf(trx, mergedInto));
}

async function resolveKnown(trx: Transaction<DB>, user: CurrentUser, g: GivenPerson, s: StoredPerson): Promise<Resolved> {
  const r = g.row;
  const differences = identityDifferences(
    { name: s.name, phoneKey: s.phone_key, residence: s.jurisdiction_code },
    { name: r.name, phoneKey: r.phone_key, residence: g.statesResidence ? r.jurisdiction_code : null },
  );
  const none = { personId: s.id, stated: NOT_STATED, ask: null, changed: null };
  if (!differences.length) return none;
  const proposed: Partial<IdentityValues> = {};
  const previous: Partial<IdentityValues> = {};
  for (const d of differences) {
    if (d === 'name') { proposed.name = r.name; previous.name = s.name; }
    if (d === 'phone') { proposed.phoneEnc = r.phone_enc; proposed.phoneMasked = r.phone_masked; previous.phoneMasked = s.phone_masked; }
    if (d === 'residence') { proposed.residence = r.jurisdiction_code; previous.residence = s.jurisdiction_code; }
  }
  if (holds(user.jurisdictionCode, s.jurisdiction_code)) {
    await updatePerson(trx, s.id, {
      ...(proposed.name !== undefined ? { name: r.name, name_key: r.name_key, name_birth_key: r.name_birth_key } : {}),
      ...(proposed.phoneEnc !== undefined ? { phone_enc: r.phone_enc, phone_masked: r.phone_masked, phone_tail: r.phone_tail, phone_key: r.phone_key } : {}),
      ...(proposed.residence !== undefined ? { jurisdiction_code: r.jurisdiction_code } : {}),
      updated_at: r.updated_at,
    });
    return { ...none, changed: { holderCode: s.jurisdiction_code, previous, next: proposed } };
  }
  return {
    personId: s.id,
    stated: {
      stated_name: proposed.name ?? null,
      stated_phone_enc: proposed.phoneEnc ?? null,
      stated_phone_masked: proposed.phoneMasked ?? null,
    },
    ask: { personId: s.id, holderCode: s.jurisdiction_code, proposed },
    changed: null,
  };
}

/**
 * What resolving left to do once the writer's records exist: ask the holders about the identities
 * given differently, and keep the holder's own changes as history (old → new, audited).
 */
export async function settleIdentities(
  trx: Transaction<DB>, user: CurrentUser, resolved: Resolved[], source: { entity: Ask['sourceEntity']; ids: string[] }, at: string,
): Promise<void> {
  const asks: Ask[] = [];
  const changes: Parameters<typeof recordIdentityChanges>[2] = [];
  resolved.forEach((r, i) => {
    if (r.ask) asks.push({ kind: 'identity', personId: r.personId, holderCode: r.ask.holderCode, sourceEntity: source.entity, sourceId: source.ids[i], proposed: r.ask.proposed });
    if (r.changed) {
      changes.push({ personId: r.personId, holderCode: r.changed.next.residence ?? r.changed.holderCode, sourceEntity: source.entity, sourceId: source.ids[i], previous: r.changed.previous, next: r.changed.next });
    }
  });
  await raiseRequests(trx, user, asks, at);
  await recordIdentityChanges(trx, user, changes, at);
}

/** Applies identity values the holder accepted; returns the values they replace. */
export async function applyIdentity(trx: Transaction<DB>, crypto: FieldCrypto, personId: string, next: Partial<IdentityValues>, at: string): Promise<Partial<IdentityValues>> {
  const p = await identityOf(trx, personId);
  const previous: Partial<IdentityValues> = {};
  const set: Partial<PersonRow> = { updated_at: at };
  if (next.name !== undefined) {
    previous.name = p.name;
    const birthDate = p.demographics_enc ? (JSON.parse(crypto.decrypt(p.demographics_enc)) as { birthDate: string | null }).birthDate : null;
    const key = nameKey(next.name);
    Object.assign(set, { name: next.name, name_key: key, name_birth_key: nameBirthKey(crypto, key, birthDate) });
  }
  if (next.phoneEnc) {
    previous.phoneMasked = p.phone_masked;
    const phone = crypto.decrypt(next.phoneEnc);
    Object.assign(set, { phone_enc: next.phoneEnc, phone_masked: maskPhone(phone), phone_tail: phoneTail(phone), phone_key: crypto.blindIndex(phoneKeyInput(phone)) });
  }
  if (next.residence !== undefined) {
    previous.residence = p.jurisdiction_code;
    set.jurisdiction_code = next.residence;
  }
  await updatePerson(trx, personId, set);
  return previous;
}
