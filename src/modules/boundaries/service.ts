// Boundary maps uploaded by the deployment: checked by the domain rules, stored whole, audited;
// read back by dashboard readers within their own jurisdiction.
import type { Ctx, CurrentUser } from '../../server/context';
import { AppError, validationError } from '../../server/errors';
import { isWithin } from '../../domain/division-code';
import { checkReviewNumber, checkSize, parseBoundary, resolveBoundary, type Problem, type ReferenceNode } from '../../domain/geojson';
import { writeAudit } from '../audit';
import type { BoundaryInput, BoundaryListQuery, BoundarySummary } from './schemas';
import * as q from './repository';

function invalidFile(p: Problem): AppError {
  return new AppError('invalid_boundary', { path: p.field, problem: { zh: p.zh, en: p.en } }, p.field === 'geojson' ? p.field : 'geojson.' + p.field);
}

function toSummary(r: q.SummaryRow): BoundarySummary {
  return {
    code: r.code,
    name: r.name,
    reviewNumber: r.review_number,
    featureCount: r.feature_count,
    bytes: r.bytes,
    uploadedAt: r.uploaded_at,
    uploadedBy: r.display_name,
  };
}

export async function listBoundaries(ctx: Ctx, user: CurrentUser, f: BoundaryListQuery): Promise<{ items: BoundarySummary[] }> {
  const within = f.within ?? user.jurisdictionCode;
  if (!isWithin(within, user.jurisdictionCode)) throw new AppError('outside_scope', {}, 'within');
  return { items: (await q.listBoundaries(ctx.db, within)).map(toSummary) };
}

/**
 * The stored GeoJSON as the body of the answer, spliced in as text: it can be megabytes, and
 * parsing it only to serialise it again would cost every dashboard view.
 */
export async function boundaryJson(ctx: Ctx, user: CurrentUser, code: string): Promise<string> {
  // Outside the caller's jurisdiction it does not exist for them.
  const row = isWithin(code, user.jurisdictionCode) ? await q.boundaryWithGeojson(ctx.db, code) : undefined;
  if (!row) throw new AppError('not_found');
  const head = JSON.stringify({
    code: row.code,
    name: row.name,
    reviewNumber: row.review_number,
    featureCount: row.feature_count,
    uploadedAt: row.uploaded_at,
  });
  return head.slice(0, -1) + ',"geojson":' + row.geojson + '}';
}

export async function uploadBoundary(ctx: Ctx, user: CurrentUser, code: string, input: BoundaryInput) {
  const target = (await ctx.nodes.get([code])).get(code);
  if (!target) throw new AppError('not_found');
  if (!isWithin(code, user.jurisdictionCode)) throw new AppError('outside_scope', {}, 'code');
  const review = checkReviewNumber(input.reviewNumber);
  if (!review.ok) throw validationError(review.problem.field, review.problem);
  const parsed = parseBoundary(input.geojson);
  if (!parsed.ok) throw invalidFile(parsed.problem);

  const codes = parsed.value.features.flatMap((f) => f.code ?? []);
  const names = [...new Set(parsed.value.features.flatMap((f) => (f.code ? [] : [f.name!])))];
  const [nodes, named] = await Promise.all([ctx.nodes.get(codes), names.length ? q.nodesNamed(ctx.db, code, names) : []]);
  const toRef = (n: { code: string; name: string; parent_code: string | null }): ReferenceNode => ({ code: n.code, name: n.name, parentCode: n.parent_code });
  const resolved = resolveBoundary(parsed.value, target, { byCode: new Map([...nodes].map(([c, n]) => [c, toRef(n)])), named: named.map(toRef) });
  if (!resolved.ok) throw invalidFile(resolved.problem);

  const geojson = JSON.stringify(resolved.value);
  const bytes = Buffer.byteLength(geojson);
  const size = checkSize(bytes);
  if (!size.ok) throw validationError(size.problem.field, size.problem);
  const featureCount = resolved.value.features.length;

  const previous = await ctx.writes.run(async (trx) => {
    const before = await q.reviewNumberOf(trx, code);
    await q.upsertBoundary(trx, {
      jurisdiction_code: code,
      geojson,
      review_number: review.value,
      feature_count: featureCount,
      bytes,
      uploaded_by: user.id,
      uploaded_at: new Date().toISOString(),
    });
    await writeAudit(trx, user, [{
      action: before ? 'replace' : 'upload',
      entity: 'boundary',
      entityId: code,
      jurisdictionCode: code,
      detail: { reviewNumber: review.value, featureCount, bytes, ...(before ? { previousReviewNumber: before.review_number } : {}) },
    }]);
    return before;
  });
  return { created: !previous, boundary: toSummary((await q.boundarySummary(ctx.db, code))!) };
}

export async function deleteBoundary(ctx: Ctx, user: CurrentUser, code: string): Promise<void> {
  if (!isWithin(code, user.jurisdictionCode)) throw new AppError('not_found');
  await ctx.writes.run(async (trx) => {
    const reviewNumber = await q.deleteBoundary(trx, code);
    if (reviewNumber === null) throw new AppError('not_found');
    await writeAudit(trx, user, [{ action: 'delete', entity: 'boundary', entityId: code, jurisdictionCode: code, detail: { reviewNumber } }]);
  });
}
