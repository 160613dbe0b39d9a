import type { Ctx, CurrentUser } from '../../server/context';
import { AppError, type Lang } from '../../server/errors';
import { canReveal } from '../../domain/permissions';
import { duplicateGroups } from '../../domain/duplicates';
import { writeAudit } from '../audit';
import { arrivalsOfPerson } from '../arrivals';
import { casesOfPerson } from '../cases';
import { observationsOfPerson } from '../observations';
import { duplicateCandidates, findPersonInScope, mergedInto, searchPersons, survivorOf } from './repository/persons';
import { codesOf, namesOf, toRecord, toSummary } from './view';
import type { PersonFilter } from './schemas';
import { identifiers } from './identifiers';

/** 404 for a person merged away, naming the survivor when the caller may see them. */
class MergedPerson extends AppError {
  constructor(readonly survivorId: string) {
    super('merged');
  }
  override toJSON(lang: Lang) {
    return { ...super.toJSON(lang), survivorId: this.survivorId };
  }
}

/** A person visible to the caller and not merged away; otherwise 404 (code `merged` with the survivor's id when there is one). */
async function visiblePerson(ctx: Ctx, user: CurrentUser, id: string) {
  const person = await findPersonInScope(ctx.db, user.jurisdictionCode, id);
  if (person && !person.merged_into) return person;
  const survivorId = await survivorOf(ctx.db, id);
  if (survivorId !== id && (await findPersonInScope(ctx.db, user.jurisdictionCode, survivorId))) throw new MergedPerson(survivorId);
  throw new AppError('not_found');
}

/** The person record: identity (masked), residence, arrivals with hand-offs, observations with checks and alerts, cases. */
export async function getPerson(ctx: Ctx, user: CurrentUser, id: string) {
  const person = await visiblePerson(ctx, user, id);
  const [arrivals, observations, cases, merges] = await Promise.all([
    arrivalsOfPerson(ctx.db, id, user.jurisdictionCode),
    observationsOfPerson(ctx.db, id, user.jurisdictionCode),
    casesOfPerson(ctx.db, id, user.jurisdictionCode),
    mergedInto(ctx.db, id),
  ]);
  const history = { arrivals, observations, cases, merges };
  const names = await namesOf(ctx, codesOf(ctx, person, history));
  await writeAudit(ctx.db, user, [{ action: 'view', entity: 'person', entityId: id, jurisdictionCode: person.jurisdiction_code }]);
  return toRecord(ctx, person, history, names);
}

export async function listPersons(ctx: Ctx, user: CurrentUser, f: PersonFilter) {
  const { rows, total } = await searchPersons(ctx, user.jurisdictionCode, f);
  const names = await namesOf(ctx, rows.map((r) => r.jurisdiction_code));
  await writeAudit(ctx.db, user, [{ action: 'list', entity: 'person', jurisdictionCode: user.jurisdictionCode, detail: { filters: Object.keys(f), returned: rows.length } }]);
  return { total, page: f.page, pageSize: f.pageSize, items: rows.map((r) => toSummary(ctx, r, names)) };
}

/** Likely duplicates inside the caller's jurisdiction, for review before a merge. */
export async function listDuplicates(ctx: Ctx, user: CurrentUser, limit: number) {
  const rows = await duplicateCandidates(ctx.db, user.jurisdictionCode, limit);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const groups = duplicateGroups(rows.map((r) => ({ id: r.id, nameBirthKey: r.name_birth_key, phoneKey: r.phone_key })));
  const names = await namesOf(ctx, rows.map((r) => r.jurisdiction_code));
  await writeAudit(ctx.db, user, [{ action: 'list', entity: 'person_duplicates', jurisdictionCode: user.jurisdictionCode, detail: { groups: groups.length } }]);
  return { groups: groups.map((g) => ({ rule: g.rule, persons: g.ids.map((id) => toSummary(ctx, byId.get(id)!, names)) })) };
}

export async function revealPerson(ctx: Ctx, user: CurrentUser, id: string) {
  if (!canReveal(user, 'arrivals:read')) throw new AppError('forbidden');
  const person = await findPersonInScope(ctx.db, user.jurisdictionCode, id);
  if (!person) throw new AppError('not_found');
  await writeAudit(ctx.db, user, [{ action: 'reveal', entity: 'person', entityId: id, jurisdictionCode: person.jurisdiction_code, detail: { fields: ['documentNumber', 'phone'] } }]);
  return identifiers(ctx.crypto, person, true);
}
