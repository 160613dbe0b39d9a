// Close and secondary contacts (密接、次密接), one by one: placed at home or at a site, read in scope.
import type { Ctx, CurrentUser } from '../../../server/context';
import { AppError, validationError } from '../../../server/errors';
import { isWithin } from '../../../domain/division-code';
import { contactDegree } from '../../../domain/cases';
import { isSiteKind, type ContactDegree } from '../../../domain/enums';
import { reportDay } from '../../../domain/time';
import { writeAudit } from '../../audit';
import { checkDocument } from '../../persons';
import { residenceNode, scopeOf } from '../facts';
import { casePersonId } from '../repository/cases';
import { contactInScope, contactPage, createdContact, exposureInScope, type ContactRow } from '../repository/contacts';
import { contactCodes, namesOf, toContactView } from '../view';
import type { ContactFilter, NewContact } from '../schemas';
import { givenPersons, takeContacts, type Draft, type Target } from './take';

/** A site the caller may place people in: one inside their own jurisdiction. */
export async function checkSite(ctx: Ctx, user: CurrentUser, siteCode: string) {
  const site = (await ctx.nodes.get([siteCode])).get(siteCode);
  if (!site || !isSiteKind(site.kind) || !site.active || !isWithin(siteCode, ctx.config.region)) {
    throw new AppError('not_a_site', { code: siteCode }, 'siteCode');
  }
  if (!isWithin(siteCode, user.jurisdictionCode)) throw new AppError('outside_scope', {}, 'siteCode');
}

/** Where a new contact is held: a site (centralised), else their community (home). */
async function checkPlacement(ctx: Ctx, user: CurrentUser, communityCode: string | undefined, siteCode: string | undefined) {
  if (siteCode) await checkSite(ctx, user, siteCode);
  if (communityCode) await residenceNode(ctx, communityCode, 'communityCode');
  else if (!siteCode) throw validationError('communityCode', { zh: '居家管控须填写所在社区（或指定集中隔离点）', en: 'is required for home control (or name a site)' });
}

export async function contactExposure(ctx: Ctx, user: CurrentUser, exposureId: string) {
  const row = await exposureInScope(ctx.db, exposureId, user.jurisdictionCode);
  if (!row) throw new AppError('not_found');
  return row;
}

export async function loadContact(ctx: Ctx, user: CurrentUser, id: string): Promise<ContactRow> {
  const row = await contactInScope(ctx.db, id, user.jurisdictionCode);
  if (!row) throw new AppError('not_found');
  return row;
}

/**
 * The contact the caller has just entered: shown back to them even when it lives outside their
 * jurisdiction. One found already on record is shown only within their scope: it may be another
 * writer's, of another county.
 */
async function enteredContact(ctx: Ctx, user: CurrentUser, taken: { outcome: 'created' | 'existing'; contactId: string }): Promise<ContactRow> {
  if (taken.outcome === 'existing') return loadContact(ctx, user, taken.contactId);
  return createdContact(ctx.db, taken.contactId, user.jurisdictionCode);
}

export async function contactView(ctx: Ctx, row: ContactRow) {
  return toContactView(row, await namesOf(ctx, contactCodes(row)));
}

async function addOne(ctx: Ctx, user: CurrentUser, t: Omit<Target, 'siteCode' | 'override'>, input: NewContact, now: Date) {
  const doc = checkDocument(input.person.documentType, input.person.documentNumber, reportDay(now, ctx.config.timeZone));
  await checkPlacement(ctx, user, input.communityCode, input.siteCode);
  const draft: Draft = {
    line: 1, doc, name: input.person.name.trim(), phone: input.person.phone, communityCode: input.communityCode ?? null,
    address: input.address?.trim() || null, seat: input.seat?.trim() || null,
  };
  const at = now.toISOString();
  const persons = givenPersons(ctx, [draft], input.siteCode ?? null, at);
  const [taken] = await ctx.writes.run((trx) => takeContacts(trx, ctx, user, { ...t, siteCode: input.siteCode ?? null, override: input.override }, [draft], persons, at));
  if (taken.outcome === 'already_case' || taken.outcome === 'repeated') throw new AppError('already_case', {}, 'person.documentNumber');
  if (taken.outcome === 'created') {
    ctx.changes.publish({ kind: 'contacts_added', codes: [t.caseCode, ...taken.codes] });
    ctx.changes.publish({ kind: 'observation_opened', codes: taken.codes });
  }
  return { created: taken.outcome === 'created', contact: await contactView(ctx, await enteredContact(ctx, user, taken)) };
}

/** A close contact: someone exposed to the case at this exposure. */
export async function addContact(ctx: Ctx, user: CurrentUser, exposureId: string, input: NewContact, now = new Date()) {
  const e = await contactExposure(ctx, user, exposureId);
  return addOne(ctx, user, { exposureId, caseId: e.case_id, casePersonId: e.person_id, caseCode: e.jurisdiction_code, degree: 'close', viaContactId: null, exposedUntil: e.to_at }, input, now);
}

/** A secondary contact: someone in contact with a close contact (no further degree is traced). */
export async function addSecondaryContact(ctx: Ctx, user: CurrentUser, viaId: string, input: NewContact, now = new Date()) {
  const via = await loadContact(ctx, user, viaId);
  const degree = contactDegree({ degree: via.degree as ContactDegree });
  if (!degree) throw new AppError('contact_degree');
  const c = await casePersonId(ctx.db, via.case_id);
  return addOne(ctx, user, { exposureId: via.exposure_id, caseId: via.case_id, casePersonId: c.person_id, caseCode: via.case_code, degree, viaContactId: via.id, exposedUntil: null }, input, now);
}

export async function getContact(ctx: Ctx, user: CurrentUser, id: string) {
  const row = await loadContact(ctx, user, id);
  await writeAudit(ctx.db, user, [{ action: 'view', entity: 'contact', entityId: id, jurisdictionCode: row.community_code ?? row.unit_code }]);
  return contactView(ctx, row);
}

export async function listContacts(ctx: Ctx, user: CurrentUser, f: ContactFilter) {
  const scope = scopeOf(user, f.within);
  const { rows, total } = await contactPage(ctx.db, scope, f);
  const names = await namesOf(ctx, rows.flatMap(contactCodes));
  await writeAudit(ctx.db, user, [{ action: 'list', entity: 'contact', jurisdictionCode: scope, detail: { filters: Object.keys(f), returned: rows.length } }]);
  return { total, page: f.page, pageSize: f.pageSize, items: rows.map((r) => toContactView(r, names)) };
}
