// Taking contacts for one exposure inside the caller's transaction: persons found or created by
// document, one contact per person and exposure, each put under control through an observation.
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import type { Ctx, CurrentUser } from '../../../server/context';
import { inChunks } from '../../../db/chunks';
import { newId } from '../../../db/ids';
import { isWithin } from '../../../domain/division-code';
import { nearerDegree } from '../../../domain/cases';
import type { ContactDegree } from '../../../domain/enums';
import { writeAudit } from '../../audit';
import { raiseRequests, type Ask } from '../../assistance';
import { activeObservationsOf, openObservations } from '../../observations';
import { personRow, resolvePersons, settleIdentities, type CheckedDocument, type GivenPerson, type Resolved } from '../../persons';
import { openCasesOf } from '../repository/cases';
import { contactsOf, insertContacts, lockExposure, setContactDegree } from '../repository/contacts';

export interface Draft {
  line: number;
  doc: CheckedDocument;
  name: string;
  phone: string;
  communityCode: string | null;
  address: string | null;
  seat: string | null;
}

export interface Target {
  exposureId: string;
  caseId: string;
  casePersonId: string;
  caseCode: string;
  degree: ContactDegree;
  viaContactId: string | null;
  /** When the exposure ended: a close contact's period counts from it. */
  exposedUntil: string | null;
  siteCode: string | null;
  override?: { reason: string };
}

export type Taken =
  | { line: number; outcome: 'created'; contactId: string; observation: 'opened' | 'joined'; codes: string[] }
  | { line: number; outcome: 'existing'; contactId: string }
  | { line: number; outcome: 'repeated' }
  | { line: number; outcome: 'already_case' };

/**
 * The persons to write, encrypted before the write transaction starts. A contact named without a
 * community keeps the residence on record when known, else is recorded at their site.
 */
export function givenPersons(ctx: Ctx, drafts: Draft[], siteCode: string | null, at: string): GivenPerson[] {
  return drafts.map((d) => ({ row: personRow(ctx.crypto, d.doc, d.name, d.phone, d.communityCode ?? siteCode!, at), statesResidence: !!d.communityCode }));
}

/**
 * Takes contacts for one exposure inside the caller's transaction: finds or creates each person
 * by document, skips people who are open cases the caller can see, keeps one contact per person
 * and exposure (a re-upload finds the rows it made), and opens each new contact's control, or
 * joins the observation they are already under. A contact who is an open case elsewhere is taken
 * like any other and the case's holder is asked (协查): the answer says nothing of other
 * jurisdictions.
 */
export async function takeContacts(trx: Transaction<DB>, ctx: Ctx, user: CurrentUser, t: Target, drafts: Draft[], persons: GivenPerson[], at: string): Promise<Taken[]> {
  await lockExposure(trx, t.exposureId, ctx.dialect === 'postgres');
  const resolved = await resolvePersons(trx, user, persons);
  const personIds = resolved.map((r) => r.personId);
  const distinct = [...new Set(personIds)];
  const mine = (code: string) => isWithin(code, user.jurisdictionCode);
  const [openCases, existing, active] = await Promise.all([
    openCasesOf(trx, distinct).then((rows) => ({
      seen: new Set(rows.filter((r) => mine(r.jurisdiction_code)).map((r) => r.person_id)),
      elsewhere: new Map(rows.filter((r) => !mine(r.jurisdiction_code) && !r.held_elsewhere).map((r) => [r.person_id, r])),
    })),
    contactsOf(trx, t.exposureId, distinct).then((rows) => new Map(rows.map((r) => [r.person_id, r]))),
    activeObservationsOf(trx, distinct).then((rows) => new Map(rows.map((r) => [r.person_id, r]))),
  ]);

  const taken: Taken[] = [];
  const fresh: { draft: Draft; personId: string; stated: Resolved; held: { id: string; unit_code: string } | undefined; unitCode: string }[] = [];
  const seen = new Set<string>();
  for (const [i, d] of drafts.entries()) {
    const personId = personIds[i];
    if (seen.has(personId)) {
      taken.push({ line: d.line, outcome: 'repeated' });
      continue;
    }
    seen.add(personId);
    if (personId === t.casePersonId || openCases.seen.has(personId)) {
      taken.push({ line: d.line, outcome: 'already_case' });
      continue;
    }
    const known = existing.get(personId);
    if (known) {
      const degree = nearerDegree(known.degree as ContactDegree, t.degree);
      if (degree !== known.degree) await setContactDegree(trx, known.id, degree);
      taken.push({ line: d.line, outcome: 'existing', contactId: known.id });
      continue;
    }
    const held = active.get(personId);
    fresh.push({ draft: d, personId, stated: resolved[i], held, unitCode: held?.unit_code ?? t.siteCode ?? d.communityCode! });
  }

  const reason = t.degree === 'close' ? 'close_contact' : 'secondary_contact';
  const toOpen = fresh.filter((f) => !f.held);
  const opened = await openObservations(trx, ctx, user, toOpen.map((f) => ({
    personId: f.personId, arrivalId: null, clientId: null, reason, unitCode: f.unitCode, communityCode: f.draft.communityCode, startAt: at, room: { override: t.override },
    stated: f.stated.stated, reasonSince: t.exposedUntil ?? undefined,
  })));
  const observationOf = new Map(toOpen.map((f, i) => [f.personId, opened[i]]));
  const rows: DB['contacts'][] = fresh.map((f) => {
    const id = newId();
    // Joining an observation held elsewhere is not told either.
    const joined = !!f.held && mine(f.held.unit_code);
    taken.push({ line: f.draft.line, outcome: 'created', contactId: id, observation: joined ? 'joined' : 'opened', codes: [f.unitCode, f.draft.communityCode ?? f.unitCode] });
    return {
      id, exposure_id: t.exposureId, case_id: t.caseId, case_code: t.caseCode, person_id: f.personId, degree: t.degree, via_contact_id: t.viaContactId,
      observation_id: f.held?.id ?? observationOf.get(f.personId)!, community_code: f.draft.communityCode, unit_code: f.unitCode, address: f.draft.address,
      seat: f.draft.seat, positive_case_id: null, ...f.stated.stated, created_by: user.id, created_at: at,
    };
  });
  await insertContacts(trx, rows);
  await settleIdentities(trx, user, fresh.map((f) => f.stated), { entity: 'contact', ids: rows.map((r) => r.id) }, at);
  const asks: Ask[] = rows.flatMap((r) => {
    const held = openCases.elsewhere.get(r.person_id);
    return held ? [{ kind: 'contact' as const, personId: r.person_id, holderCode: held.jurisdiction_code, sourceEntity: 'contact' as const, sourceId: r.id, targetId: held.id }] : [];
  });
  await raiseRequests(trx, user, asks, at);
  const audit = rows.map((r) => ({ action: 'create', entity: 'contact', entityId: r.id, jurisdictionCode: r.community_code ?? r.unit_code, detail: { caseId: t.caseId, personId: r.person_id, degree: r.degree } }));
  await inChunks(audit, async (chunk) => {
    await writeAudit(trx, user, chunk);
    return [];
  });
  return taken;
}
