// Contacts from an uploaded list (CSV, pasted text or XLSX) for one exposure.
import type { Ctx, CurrentUser } from '../../../server/context';
import { AppError, type Lang, type Text } from '../../../server/errors';
import { MAX_MANIFEST_ROWS, parseManifest } from '../../../domain/manifest';
import type { Issue } from '../../../domain/situation';
import { reportDay } from '../../../domain/time';
import { writeAudit } from '../../audit';
import { checkDocument, type CheckedDocument } from '../../persons';
import { isResidence } from '../facts';
import { manifestRecords } from '../manifest-file';
import type { ImportQuery } from '../schemas';
import { checkSite, contactExposure } from './contacts';
import { givenPersons, takeContacts, type Draft, type Taken } from './take';

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
