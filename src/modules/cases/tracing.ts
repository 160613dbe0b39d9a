// Tracing (流调溯源): a case's exposures within its infectious period, and the close and
// secondary contacts found through them, one by one or from an uploaded list. Each contact is
// put under control through an observation (so their community or site lists them without
// re-entry); a contact who tests positive becomes a case linked to the source.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { Ctx, CurrentUser } from '../../server/context';
import { AppError, validationError, type Lang, type Text } from '../../server/errors';
import { checkClientRequest, recordClientRequest } from '../../db/client-requests';
import { newId } from '../../db/ids';
import { isWithin } from '../../domain/division-code';
import { contactDegree, exposureProblem, infectiousPeriod, nearerDegree, placeKey, type InfectiousPeriod } from '../../domain/cases';
import { isSiteKind, type ContactDegree } from '../../domain/enums';
import { MAX_MANIFEST_ROWS, parseManifest } from '../../domain/manifest';
import type { Issue } from '../../domain/situation';
import { localMinute, reportDay } from '../../domain/time';
import { writeAudit } from '../audit/queries';
import { shownName } from '../../db/scope';
import { checkDocument, type CheckedDocument } from '../arrivals/documents';
import { personRow, resolvePersons, settleIdentities, type GivenPerson, type Resolved } from '../persons/upsert';
import { raiseRequests, type Ask } from '../assistance/requests';
import { closeObservation, openObservations } from '../observations/service';
import { linkSharedPlace } from './clusters';
import { manifestRecords } from './manifest-file';
import * as q from './queries';
import { checkFacts, existingCase, isResidence, problemError, recordCase, residenceNode, scopeOf } from './service';
import { contactCodes, namesOf, toContactView, toExposureView } from './view';
import type { ContactFilter, ImportQuery, NewContact, NewExposure, PositiveContact } from './schemas';

// ---- exposures ----

async function tracedCase(ctx: Ctx, user: CurrentUser, id: string) {
  const row = await q.scopedCases(ctx.db.selectFrom('cases').selectAll('cases'), user.jurisdictionCode).where('cases.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found');
  return row;
}

function windowText(p: InfectiousPeriod, tz: string): Text {
  const from = localMinute(p.from, tz);
  return p.to
    ? { zh: `${from} 至 ${localMinute(p.to, tz)}`, en: `${from} to ${localMinute(p.to, tz)}` }
    : { zh: `${from} 起，尚未隔离收治`, en: `from ${from}, not yet isolated or admitted` };
}

async function exposureView(ctx: Ctx, e: DB['exposures']) {
  const [names, counts] = await Promise.all([namesOf(ctx, [e.place_code]), q.contactCounts(ctx.db, [e.id])]);
  return toExposureView(e, names, counts.get(e.id));
}

export async function addExposure(ctx: Ctx, user: CurrentUser, caseId: string, input: NewExposure, now = new Date()) {
  const c = await tracedCase(ctx, user, caseId);
  await checkClientRequest(ctx.db, 'exposures', input.clientId, { caseId, ...input });
  const seen = await ctx.db.selectFrom('exposures').selectAll().where('client_id', '=', input.clientId).executeTakeFirst(); // unscoped: a retry by clientId, checked against the case in scope
  if (seen) {
    if (seen.case_id !== caseId) throw new AppError('conflict', { what: { zh: 'clientId', en: 'clientId' } }, 'clientId');
    return { created: false, exposure: await exposureView(ctx, seen) };
  }
  if (input.setting === 'transport' && !input.transport) throw validationError('transport', { zh: '交通工具须填写班次', en: 'is required for transport' });
  if (input.setting !== 'transport' && !input.placeCode) throw validationError('placeCode', { zh: '须填写地点的区划代码', en: 'is required unless transport' });
  if (input.placeCode && !(await ctx.nodes.get([input.placeCode])).has(input.placeCode)) {
    throw new AppError('unknown_code', { field: 'placeCode', value: input.placeCode }, 'placeCode');
  }
  const tz = ctx.config.timeZone;
  const from = new Date(input.from).toISOString();
  const to = new Date(input.to).toISOString();
  const period = infectiousPeriod({ onsetDate: c.onset_date, firstPositiveAt: c.first_positive_at, controlledAt: c.controlled_at }, tz);
  const problem = exposureProblem(period, { from, to }, now);
  if (problem?.problem === 'outside') throw new AppError('outside_infectious_period', { field: problem.field, window: windowText(period, tz) }, problem.field);
  if (problem?.problem === 'order') throw validationError('to', { zh: '不能早于开始时间', en: 'must not be before from' });
  if (problem?.problem === 'future') throw problemError('from', 'future');

  const transportNumber = input.transport?.number.trim().toUpperCase() ?? null;
  const row: DB['exposures'] = {
    id: newId(),
    client_id: input.clientId,
    case_id: caseId,
    setting: input.setting,
    place_code: input.placeCode ?? null,
    address: input.address.trim(),
    from_at: from,
    to_at: to,
    transport_mode: input.transport?.mode ?? null,
    transport_number: transportNumber,
    seat: input.transport?.seat?.trim() || null,
    place_key: placeKey({ setting: input.setting, placeCode: input.placeCode ?? null, address: input.address, transportNumber, from }, tz),
    note: input.note?.trim() || null,
    created_by: user.id,
    created_at: now.toISOString(),
  };
  const created = await ctx.writes.run(async (trx) => {
    await recordClientRequest(trx, 'exposures', input.clientId, { caseId, ...input }, row.id);
    const inserted = await trx.insertInto('exposures').values(row).onConflict((oc) => oc.column('client_id').doNothing()).returning('id').executeTakeFirst();
    if (!inserted) return false;
    await linkSharedPlace(trx, user, row.place_key);
    await writeAudit(trx, user, [{ action: 'create', entity: 'exposure', entityId: row.id, jurisdictionCode: c.jurisdiction_code, detail: { caseId, setting: row.setting } }]);
    return true;
  });
  if (created) ctx.changes.publish({ kind: 'case_updated', codes: [c.jurisdiction_code] });
  const stored = await ctx.db.selectFrom('exposures').selectAll().where('client_id', '=', input.clientId).executeTakeFirstOrThrow(); // unscoped: the exposure just written for a case in scope
  return { created, exposure: await exposureView(ctx, stored) };
}

export async function listExposures(ctx: Ctx, user: CurrentUser, caseId: string) {
  const c = await tracedCase(ctx, user, caseId);
  const rows = await ctx.db.selectFrom('exposures').selectAll().where('case_id', '=', caseId).orderBy('from_at').orderBy('id').execute(); // unscoped: exposures of a case loaded in scope
  const [names, counts] = await Promise.all([namesOf(ctx, rows.map((r) => r.place_code)), q.contactCounts(ctx.db, rows.map((r) => r.id))]);
  await writeAudit(ctx.db, user, [{ action: 'list', entity: 'exposure', entityId: caseId, jurisdictionCode: c.jurisdiction_code, detail: { returned: rows.length } }]);
  return rows.map((r) => toExposureView(r, names, counts.get(r.id)));
}

// ---- contacts ----

interface Draft {
  line: number;
  doc: CheckedDocument;
  name: string;
  phone: string;
  communityCode: string | null;
  address: string | null;
  seat: string | null;
}

interface Target {
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

type Taken =
  | { line: number; outcome: 'created'; contactId: string; observation: 'opened' | 'joined'; codes: string[] }
  | { line: number; outcome: 'existing'; contactId: string }
  | { line: number; outcome: 'repeated' }
  | { line: number; outcome: 'already_case' };

/**
 * The persons to write, encrypted before the write transaction starts. A contact named without a
 * community keeps the residence on record when known, else is recorded at their site.
 */
function givenPersons(ctx: Ctx, drafts: Draft[], siteCode: string | null, at: string): GivenPerson[] {
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
async function takeContacts(trx: Transaction<DB>, ctx: Ctx, user: CurrentUser, t: Target, drafts: Draft[], persons: GivenPerson[], at: string): Promise<Taken[]> {
  await q.lockExposure(trx, t.exposureId, ctx.dialect === 'postgres');
  const resolved = await resolvePersons(trx, user, persons);
  const personIds = resolved.map((r) => r.personId);
  const distinct = [...new Set(personIds)];
  const mine = (code: string) => isWithin(code, user.jurisdictionCode);
  const [openCases, existing, active] = await Promise.all([
    q.openCasesOf(trx, distinct).then((rows) => ({
      seen: new Set(rows.filter((r) => mine(r.jurisdiction_code)).map((r) => r.person_id)),
      elsewhere: new Map(rows.filter((r) => !mine(r.jurisdiction_code) && !r.held_elsewhere).map((r) => [r.person_id, r])),
    })),
    q.contactsOf(trx, t.exposureId, distinct).then((rows) => new Map(rows.map((r) => [r.person_id, r]))),
    q.activeObservationsOf(trx, distinct).then((rows) => new Map(rows.map((r) => [r.person_id, r]))),
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
      const degree = nearerDegree(known.degree, t.degree);
      if (degree !== known.degree) await trx.updateTable('contacts').set({ degree, via_contact_id: null }).where('id', '=', known.id).execute();
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
  await q.insertContacts(trx, rows);
  await settleIdentities(trx, user, fresh.map((f) => f.stated), { entity: 'contact', ids: rows.map((r) => r.id) }, at);
  const asks: Ask[] = rows.flatMap((r) => {
    const held = openCases.elsewhere.get(r.person_id);
    return held ? [{ kind: 'contact' as const, personId: r.person_id, holderCode: held.jurisdiction_code, sourceEntity: 'contact' as const, sourceId: r.id, targetId: held.id }] : [];
  });
  await raiseRequests(trx, user, asks, at);
  const audit = rows.map((r) => ({ action: 'create', entity: 'contact', entityId: r.id, jurisdictionCode: r.community_code ?? r.unit_code, detail: { caseId: t.caseId, personId: r.person_id, degree: r.degree } }));
  await q.inChunks(audit, async (chunk) => {
    await writeAudit(trx, user, chunk);
    return [];
  });
  return taken;
}

/** A site the caller may place people in: one inside their own jurisdiction. */
async function checkSite(ctx: Ctx, user: CurrentUser, siteCode: string) {
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

async function contactExposure(ctx: Ctx, user: CurrentUser, exposureId: string) {
  const row = await q.scopedCases(ctx.db.selectFrom('exposures').innerJoin('cases', 'cases.id', 'exposures.case_id')
    .select(['exposures.id', 'exposures.case_id', 'exposures.to_at', 'cases.person_id', 'cases.jurisdiction_code']), user.jurisdictionCode)
    .where('exposures.id', '=', exposureId).executeTakeFirst();
  if (!row) throw new AppError('not_found');
  return row;
}

async function loadContact(ctx: Ctx, user: CurrentUser, id: string): Promise<q.ContactRow> {
  const row = await q.scopedContacts(q.selectContactColumns(q.contactRows(ctx.db), user.jurisdictionCode), user.jurisdictionCode).where('contacts.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found');
  return row;
}

/**
 * The contact the caller has just entered: shown back to them even when it lives outside their
 * jurisdiction. One found already on record is shown only within their scope: it may be another
 * writer's, of another county.
 */
async function enteredContact(ctx: Ctx, user: CurrentUser, taken: { outcome: 'created' | 'existing'; contactId: string }): Promise<q.ContactRow> {
  if (taken.outcome === 'existing') return loadContact(ctx, user, taken.contactId);
  // unscoped: the contact this caller created just now
  return q.selectContactColumns(q.contactRows(ctx.db), user.jurisdictionCode).where('contacts.id', '=', taken.contactId).executeTakeFirstOrThrow();
}

async function contactView(ctx: Ctx, row: q.ContactRow) {
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
  const degree = contactDegree({ degree: via.degree });
  if (!degree) throw new AppError('contact_degree');
  const c = await ctx.db.selectFrom('cases').select('person_id').where('id', '=', via.case_id).executeTakeFirstOrThrow(); // unscoped: the case of a contact loaded in scope
  return addOne(ctx, user, { exposureId: via.exposure_id, caseId: via.case_id, casePersonId: c.person_id, caseCode: via.case_code, degree, viaContactId: via.id, exposedUntil: null }, input, now);
}

const LINE = {
  community: { zh: '居家管控须填写社区代码（或上传时指定集中隔离点）', en: 'home control needs a community code (or upload with a site)' },
  unknownCommunity: (v: string) => ({ zh: `找不到社区或单位代码 ${v}`, en: `unknown community or unit code ${v}` }),
  alreadyCase: { zh: '该人员是在管病例，未作为密接登记', en: 'this person is an open case, not taken as a contact' },
};

function issueOf(line: number, field: 'documentNumber' | 'communityCode', heading: string | undefined, problem: Text): Issue {
  return { field: `line[${line}].${field}`, line, column: heading, problem: typeof problem === 'string' ? { zh: problem, en: problem } : problem };
}

/**
 * Takes a list of contacts for an exposure (CSV, pasted text or XLSX) in one transaction.
 * Lines with problems are reported by number and left out; the rest are taken. Uploading the
 * same list again creates nothing new.
 */
export async function importContacts(ctx: Ctx, user: CurrentUser, exposureId: string, body: string | Buffer, query: ImportQuery, lang: Lang, now = new Date()) {
  const e = await contactExposure(ctx, user, exposureId);
  const { records, unclosedQuoteAt } = await manifestRecords(body);
  if (unclosedQuoteAt !== null) throw new AppError('import_line', { line: String(unclosedQuoteAt), problem: { zh: '有未闭合的引号', en: 'a quote is never closed' } }, `line[${unclosedQuoteAt}]`);
  const parsed = parseManifest(records);
  if (parsed.headingProblem) {
    const first = parsed.issues[0];
    if (first.line === undefined) throw new AppError('manifest_file', { problem: first.problem }, 'file');
    throw new AppError(first.column ? 'import_cell' : 'import_line', { line: String(first.line), column: first.column ?? '', problem: first.problem }, first.field);
  }
  if (parsed.rows.length + parsed.issues.length === 0) throw new AppError('manifest_file', { problem: { zh: '只有列名，没有人员', en: 'has headings but nobody on it' } }, 'file');
  if (parsed.rows.length > MAX_MANIFEST_ROWS) {
    throw new AppError('manifest_file', { problem: { zh: `超过 ${MAX_MANIFEST_ROWS} 行，请分批上传`, en: `has more than ${MAX_MANIFEST_ROWS} lines; upload it in parts` } }, 'file');
  }
  if (query.siteCode) await checkSite(ctx, user, query.siteCode);

  const issues: Issue[] = [...parsed.issues];
  const today = reportDay(now, ctx.config.timeZone);
  const nodes = await ctx.nodes.get(parsed.rows.flatMap((r) => (r.communityCode ? [r.communityCode] : [])));
  const drafts: Draft[] = [];
  for (const r of parsed.rows) {
    let doc: CheckedDocument;
    try {
      doc = checkDocument(r.documentType, r.documentNumber, today);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      issues.push(issueOf(r.line, 'documentNumber', parsed.headings.documentNumber, err.params.problem ?? ''));
      continue;
    }
    if (r.communityCode) {
      if (!isResidence(ctx, nodes.get(r.communityCode))) {
        issues.push(issueOf(r.line, 'communityCode', parsed.headings.communityCode, LINE.unknownCommunity(r.communityCode)));
        continue;
      }
    } else if (!query.siteCode) {
      issues.push(issueOf(r.line, 'communityCode', parsed.headings.communityCode, LINE.community));
      continue;
    }
    drafts.push({ line: r.line, doc, name: r.name, phone: r.phone, communityCode: r.communityCode, address: r.address, seat: r.seat });
  }

  const at = now.toISOString();
  const persons = givenPersons(ctx, drafts, query.siteCode ?? null, at);
  const taken = drafts.length
    ? await ctx.writes.run(async (trx) => {
      const result = await takeContacts(trx, ctx, user, {
        exposureId, caseId: e.case_id, casePersonId: e.person_id, caseCode: e.jurisdiction_code, degree: 'close', viaContactId: null, exposedUntil: e.to_at,
        siteCode: query.siteCode ?? null, override: query.override ? { reason: query.override } : undefined,
      }, drafts, persons, at);
      await writeAudit(trx, user, [{
        action: 'import', entity: 'contact', entityId: exposureId, jurisdictionCode: e.jurisdiction_code,
        detail: { lines: parsed.rows.length + parsed.issues.length, taken: result.filter((r) => r.outcome === 'created').length, issues: issues.length },
      }]);
      return result;
    })
    : [];
  for (const t of taken) if (t.outcome === 'already_case') issues.push(issueOf(t.line, 'documentNumber', parsed.headings.documentNumber, LINE.alreadyCase));
  const created = taken.filter((t): t is Extract<Taken, { outcome: 'created' }> => t.outcome === 'created');
  if (created.length) {
    const codes = [...new Set(created.flatMap((t) => t.codes))];
    ctx.changes.publish({ kind: 'contacts_added', codes: [e.jurisdiction_code, ...codes] });
    ctx.changes.publish({ kind: 'observation_opened', codes });
  }
  issues.sort((a, b) => a.line! - b.line!);
  return {
    exposureId,
    lines: parsed.rows.length + parsed.issues.length,
    created: created.length,
    existing: taken.filter((t) => t.outcome === 'existing').length,
    repeated: taken.filter((t) => t.outcome === 'repeated').length,
    observationsOpened: created.filter((t) => t.observation === 'opened').length,
    observationsJoined: created.filter((t) => t.observation === 'joined').length,
    issues: issues.map((i) => ({
      line: i.line!,
      field: i.field,
      message: new AppError(i.column ? 'import_cell' : 'import_line', { line: String(i.line), column: i.column ?? '', problem: i.problem }).message_(lang),
    })),
  };
}

export async function getContact(ctx: Ctx, user: CurrentUser, id: string) {
  const row = await loadContact(ctx, user, id);
  await writeAudit(ctx.db, user, [{ action: 'view', entity: 'contact', entityId: id, jurisdictionCode: row.community_code ?? row.unit_code }]);
  return contactView(ctx, row);
}

export async function listContacts(ctx: Ctx, user: CurrentUser, f: ContactFilter) {
  const scope = scopeOf(user, f.within);
  let base = q.scopedContacts(q.contactRows(ctx.db), scope) as ReturnType<typeof q.contactRows>;
  if (f.caseId) base = base.where('contacts.case_id', '=', f.caseId);
  if (f.exposureId) base = base.where('contacts.exposure_id', '=', f.exposureId);
  if (f.degree) base = base.where('contacts.degree', '=', f.degree);
  if (f.status === 'positive') base = base.where('contacts.positive_case_id', 'is not', null);
  else if (f.status) {
    base = base.where('contacts.positive_case_id', 'is', null);
    if (f.status === 'under_control') base = base.where('observations.status', '=', 'active');
    else if (f.status === 'released') base = base.where('observations.status', '=', 'released');
    else base = base.where((eb) => eb.or([eb('observations.status', 'is', null), eb('observations.status', 'not in', ['active', 'released'])]));
  }
  if (f.q) base = base.where((eb) => eb(shownName(eb, 'contacts', scope), 'like', `${f.q!.replace(/[%_]/g, '')}%`));
  const [rows, count] = await Promise.all([
    q.selectContactColumns(base, scope).orderBy('contacts.created_at', 'desc').orderBy('contacts.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const names = await namesOf(ctx, rows.flatMap(contactCodes));
  await writeAudit(ctx.db, user, [{ action: 'list', entity: 'contact', jurisdictionCode: scope, detail: { filters: Object.keys(f), returned: rows.length } }]);
  return { total: Number(count.n), page: f.page, pageSize: f.pageSize, items: rows.map((r) => toContactView(r, names)) };
}

const POSITIVE_REASON = '核酸检测阳性，转为病例管理';

/**
 * Ends the contact's control as transferred, in the transaction that records them as a case. The
 * contact belongs to the caller's case, so the caller ends it wherever it is held; the audit names them.
 */
async function transferControl(trx: Transaction<DB>, ctx: Ctx, user: CurrentUser, observationId: string | null, at: string) {
  if (!observationId) return null;
  const o = await trx.selectFrom('observations').select(['id', 'unit_code', 'community_code']).where('id', '=', observationId).executeTakeFirst(); // unscoped: the contact's observation, ended as transferred by the contact's tracer
  return o && (await closeObservation(trx, ctx, user, o, 'transferred', POSITIVE_REASON, at)) ? o : null;
}

/** A contact tests positive: a case linked to the source case (and its cluster), found under contact control. */
export async function markPositive(ctx: Ctx, user: CurrentUser, contactId: string, input: PositiveContact, now = new Date()) {
  const contact = await loadContact(ctx, user, contactId);
  await checkClientRequest(ctx.db, 'cases', input.clientId, { contactId, ...input });
  const done = (await q.caseByClientId(ctx.db, input.clientId))
    ?? (contact.positive_case_id ? await ctx.db.selectFrom('cases').select(['id', 'jurisdiction_code']).where('id', '=', contact.positive_case_id).executeTakeFirst() : undefined); // unscoped: the case a contact in scope became; answered through the scoped getCase
  if (done) {
    // A retry after the case was recorded: make sure the control ended too.
    const ended = await ctx.writes.run((trx) => transferControl(trx, ctx, user, contact.observation_id, now.toISOString()));
    if (ended) ctx.changes.publish({ kind: 'observation_ended', codes: [ended.unit_code, ended.community_code] });
    return { created: false, case: await existingCase(ctx, user, done, now), contact: await contactView(ctx, await loadContact(ctx, user, contactId)) };
  }
  const code = input.jurisdictionCode ?? (isWithin(contact.case_code, user.jurisdictionCode) ? contact.case_code : null);
  if (!code) throw validationError('jurisdictionCode', { zh: '源病例不在本辖区，须填写病例所属辖区', en: 'is required when the source case is not in your jurisdiction' });
  if (!(await ctx.nodes.get([code])).has(code)) throw new AppError('unknown_code', { field: 'jurisdictionCode', value: code }, 'jurisdictionCode');
  if (!isWithin(code, user.jurisdictionCode)) throw new AppError('outside_scope', {}, 'jurisdictionCode');
  const facts = checkFacts(ctx, { ...input, origin: 'local' }, now);
  const at = now.toISOString();
  const result = await ctx.writes.run(async (trx) => {
    const r = await recordClientRequest(trx, 'cases', input.clientId, { contactId, ...input }, await recordCase(trx, user, {
      clientId: input.clientId, personId: contact.person_id, origin: 'local', originCode: null, foundBy: 'contact_control',
      jurisdictionCode: code, communityCode: contact.community_code, sourceCaseId: contact.case_id, sourceContactId: contact.id,
      stated: { stated_name: contact.stated_name, stated_phone_enc: contact.stated_phone_enc, stated_phone_masked: contact.stated_phone_masked }, facts,
    }, at));
    await trx.updateTable('contacts').set({ positive_case_id: r.id }).where('id', '=', contact.id).where('positive_case_id', 'is', null).execute();
    await writeAudit(trx, user, [{ action: 'positive', entity: 'contact', entityId: contact.id, jurisdictionCode: contact.community_code ?? contact.unit_code, detail: { caseId: r.id } }]);
    await transferControl(trx, ctx, user, contact.observation_id, at);
    return r;
  });
  ctx.changes.publish({ kind: 'case_reported', codes: [code, contact.case_code, contact.community_code, contact.unit_code] });
  return {
    created: result.outcome === 'created',
    case: await existingCase(ctx, user, result, now),
    contact: await contactView(ctx, await loadContact(ctx, user, contactId)),
  };
}
