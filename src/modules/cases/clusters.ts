// Clusters (聚集性疫情) and transmission chains: cases join a cluster through their source and
// through exposures shared in place and time; the chain is the graph of one cluster.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { Ctx, CurrentUser } from '../../server/context';
import { AppError } from '../../server/errors';
import { isWithin } from '../../domain/division-code';
import { buildChain, components, sharedExposureLinks } from '../../domain/chains';
import { reportDay } from '../../domain/time';
import { writeAudit } from '../audit';
import * as q from './repository/clusters';
import { scopeOf } from './facts';
import { namesOf } from './view';
import type { ClusterQuery } from './schemas';

/**
 * After an exposure is added at `placeKey`: the clusters of cases that were there at
 * overlapping times become one (inside the caller's transaction).
 */
export async function linkSharedPlace(trx: Transaction<DB>, user: CurrentUser, placeKey: string): Promise<void> {
  const here = await q.exposuresAt(trx, placeKey);
  const clusterOf = new Map(here.map((e) => [e.case_id, e.cluster_id]));
  const links = sharedExposureLinks(here.map((e) => ({ caseId: e.case_id, placeKey, from: e.from_at, to: e.to_at })))
    .map(([a, b]) => [clusterOf.get(a)!, clusterOf.get(b)!] as const);
  const roots = components(clusterOf.values(), links);
  const groups = new Map<string, string[]>();
  for (const [cluster, root] of roots) groups.set(root, [...(groups.get(root) ?? []), cluster]);
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const survivor = await q.joinClusters(trx, group);
    await writeAudit(trx, user, [{ action: 'merge', entity: 'cluster', entityId: survivor, detail: { merged: group.filter((c) => c !== survivor), by: 'shared_exposure' } }]);
  }
}

type SizeRow = { cluster_id: string; size: number; first_reported_at: unknown; last_reported_at: unknown };

/** Names, contact counts and the first place (of a case the caller may see) of a page of clusters. */
async function describe(ctx: Ctx, page: SizeRow[], scope: string) {
  const details = await q.clusterDetails(ctx.db, page.map((c) => c.cluster_id), scope);
  const firstPlace = new Map<string, { place_code: string | null; address: string }>();
  for (const p of details.places) if (!firstPlace.has(p.cluster_id)) firstPlace.set(p.cluster_id, p);
  const names = await namesOf(ctx, [...firstPlace.values()].map((p) => p.place_code));
  return page.map((c) => {
    const place = firstPlace.get(c.cluster_id);
    return {
      id: c.cluster_id,
      name: details.names.find((n) => n.id === c.cluster_id)?.name ?? null,
      size: Number(c.size),
      contacts: Number(details.contacts.find((n) => n.cluster_id === c.cluster_id)?.n ?? 0),
      firstReportedAt: c.first_reported_at as string,
      lastReportedAt: c.last_reported_at as string,
      firstPlace: place ? { code: place.place_code, name: place.place_code ? names.get(place.place_code) ?? null : null, address: place.address } : null,
    };
  });
}

/** Clusters with a case inside the scope, largest first. */
export async function listClusters(ctx: Ctx, user: CurrentUser, f: ClusterQuery) {
  const scope = scopeOf(user, f.within);
  const { rows, total } = await q.clusterPage(ctx.db, scope, f.minSize, f.page, f.pageSize);
  return { total, items: await describe(ctx, rows, scope) };
}

export async function renameCluster(ctx: Ctx, user: CurrentUser, id: string, name: string, now = new Date()) {
  const size = await q.clusterInScope(ctx.db, user.jurisdictionCode, id);
  if (!size) throw new AppError('not_found');
  const at = now.toISOString();
  const trimmed = name.trim();
  await ctx.writes.run(async (trx) => {
    await q.nameCluster(trx, id, trimmed, user.id, at);
    await writeAudit(trx, user, [{ action: 'update', entity: 'cluster', entityId: id, detail: { field: 'name' } }]);
  });
  return (await describe(ctx, [size], user.jurisdictionCode))[0];
}

/**
 * The graph of the case's cluster. Cases of other jurisdictions appear without a name; contacts
 * the caller may not see are only counted on their place.
 */
export async function caseChain(ctx: Ctx, user: CurrentUser, caseId: string, maxContacts: number) {
  const root = await q.caseClusterInScope(ctx.db, caseId, user.jurisdictionCode);
  if (!root) throw new AppError('not_found');
  const scope = user.jurisdictionCode;
  const tz = ctx.config.timeZone;
  const [cases, exposures, contacts, totals, named] = await Promise.all([
    q.clusterCases(ctx.db, root.cluster_id, scope),
    q.clusterExposures(ctx.db, root.cluster_id),
    q.drawnClusterContacts(ctx.db, root.cluster_id, scope, maxContacts),
    q.clusterContactTotals(ctx.db, root.cluster_id),
    q.clusterName(ctx.db, root.cluster_id),
  ]);
  const places = await namesOf(ctx, exposures.map((e) => e.place_code));
  const visibleCases = new Set(cases.filter((c) => isWithin(c.jurisdiction_code, scope)).map((c) => c.id));
  // A place is labelled by an exposure the caller may see: the address of another jurisdiction's case is left out.
  const ordered = [...exposures].sort((a, b) => Number(visibleCases.has(b.case_id)) - Number(visibleCases.has(a.case_id)));
  const placeName = (e: (typeof exposures)[number]) => (e.place_code ? places.get(e.place_code) ?? e.place_code : '');
  const graph = buildChain(
    cases.map((c) => ({
      id: c.id,
      name: visibleCases.has(c.id) ? c.name : null,
      jurisdictionCode: c.jurisdiction_code,
      classification: c.classification,
      status: c.status,
      reportedAt: c.reported_at,
      sourceCaseId: c.source_case_id,
      sourceContactId: c.source_contact_id,
    })),
    ordered.map((e) => ({
      id: e.id,
      caseId: e.case_id,
      placeKey: e.place_key,
      place: e.setting === 'transport' && e.transport_number
        ? `${e.transport_number} ${reportDay(e.from_at, tz)}`
        : visibleCases.has(e.case_id) ? `${placeName(e)} ${e.address}`.trim() : placeName(e),
      setting: e.setting,
      from: e.from_at,
      to: e.to_at,
    })),
    contacts.map((c) => ({
      id: c.id,
      exposureId: c.exposure_id,
      viaContactId: c.via_contact_id,
      degree: c.degree,
      name: c.name,
      positiveCaseId: c.positive_case_id,
    })),
    new Map(totals.map((t) => [t.exposure_id, Number(t.n)])),
  );
  await writeAudit(ctx.db, user, [{
    action: 'view', entity: 'case_chain', entityId: caseId, jurisdictionCode: root.jurisdiction_code,
    detail: { clusterId: root.cluster_id, cases: cases.length, contacts: contacts.length - graph.contactsNotShown },
  }]);
  return { cluster: { id: root.cluster_id, name: named?.name ?? null, size: cases.length }, ...graph };
}
