// Recording a case inside the reporter's transaction: one open case per person, a second report attaches to it.
import type { Transaction } from 'kysely';
import type { DB, StatedIdentity } from '../../db/schema';
import type { CurrentUser } from '../../server/context';
import { newId } from '../../db/ids';
import { isWithin } from '../../domain/division-code';
import type { CaseFoundBy, CaseOrigin } from '../../domain/enums';
import { writeAudit } from '../audit';
import { raiseRequests } from '../assistance';
import * as q from './repository/cases';
import type { Facts } from './facts';

export interface CaseRecord {
  clientId: string;
  personId: string;
  origin: CaseOrigin;
  originCode: string | null;
  foundBy: CaseFoundBy;
  jurisdictionCode: string;
  communityCode: string | null;
  sourceCaseId: string | null;
  sourceContactId: string | null;
  /** The name and phone the reporter's record keeps (see src/domain/identity.ts). */
  stated: StatedIdentity;
  facts: Facts & { reportedAt: string; firstPositiveAt: string };
}

export type RecordOutcome = 'created' | 'retried' | 'attached';

/** The case a report ended in, and how. */
export interface Recorded {
  id: string;
  jurisdiction_code: string;
  outcome: RecordOutcome;
}

/**
 * Stores a case inside the caller's transaction. When the person already holds an open case the
 * caller may see (found by the database's unique index, also under concurrent reports) the report
 * is attached to it as an event instead, once per clientId. When that case is held elsewhere the
 * report stays the caller's own case, kept out of the one-open-case rule, and the holder is asked
 * to link the two (协查); the caller is not told.
 */
export async function recordCase(trx: Transaction<DB>, user: CurrentUser, r: CaseRecord, at: string): Promise<Recorded> {
  const open = await q.openCaseOf(trx, r.personId);
  if (open && isWithin(open.jurisdiction_code, user.jurisdictionCode)) return attach(trx, user, r, open);
  const id = newId();
  const inserted = await q.insertCase(trx, await caseRow(trx, user, r, id, !!open, at));
  if (!inserted) {
    // A concurrent report took the open case first.
    const now = (await q.openCaseOf(trx, r.personId))!;
    if (isWithin(now.jurisdiction_code, user.jurisdictionCode)) return attach(trx, user, r, now);
    await q.insertCase(trx, await caseRow(trx, user, r, id, true, at));
  }
  const f = r.facts;
  const status = f.status ?? 'reported';
  await q.insertCaseEvents(trx, [{
    id: newId(), case_id: id, client_id: null, kind: 'reported', from_value: null, to_value: f.classification,
    detail: JSON.stringify({ status, reportingUnit: f.reportingUnit.trim(), foundBy: r.foundBy }), actor_id: user.id, actor_name: user.displayName, at: f.reportedAt,
  }]);
  await writeAudit(trx, user, [{ action: 'create', entity: 'case', entityId: id, jurisdictionCode: r.jurisdictionCode, detail: { classification: f.classification, status } }]);
  const held = open ?? (inserted ? null : await q.openCaseOf(trx, r.personId));
  if (held) {
    await raiseRequests(trx, user, [{ kind: 'case', personId: r.personId, holderCode: held.jurisdiction_code, sourceEntity: 'case', sourceId: id, targetId: held.id }], at);
  }
  return { id, jurisdiction_code: r.jurisdictionCode, outcome: 'created' };
}

async function caseRow(trx: Transaction<DB>, user: CurrentUser, r: CaseRecord, id: string, heldElsewhere: boolean, at: string): Promise<DB['cases']> {
  const source = r.sourceCaseId
    ? await q.sourceCluster(trx, r.sourceCaseId)
    : null;
  const f = r.facts;
  const status = f.status ?? 'reported';
  return {
    id,
    client_id: r.clientId,
    person_id: r.personId,
    classification: f.classification,
    reported_classification: f.classification,
    clinical_type: f.clinicalType ?? null,
    origin: r.origin,
    origin_code: r.origin === 'imported' ? r.originCode : null,
    found_by: r.foundBy,
    reported_at: f.reportedAt,
    reporting_unit: f.reportingUnit.trim(),
    jurisdiction_code: r.jurisdictionCode,
    community_code: r.communityCode,
    onset_date: f.onsetDate ?? null,
    first_positive_at: f.firstPositiveAt,
    status,
    status_since: f.reportedAt,
    controlled_at: status === 'reported' ? null : f.reportedAt,
    facility: f.facility?.trim() || null,
    ended_at: null,
    reclassified_at: null,
    source_case_id: r.sourceCaseId,
    source_contact_id: r.sourceContactId,
    // A new case starts its own cluster, named by its id, or joins its source's.
    cluster_id: source?.cluster_id ?? id,
    held_elsewhere: heldElsewhere ? 1 : 0,
    linked_case_id: null,
    ...r.stated,
    created_by: user.id,
    created_at: at,
    updated_at: at,
  };
}

async function attach(trx: Transaction<DB>, user: CurrentUser, r: CaseRecord, open: { id: string; client_id: string; jurisdiction_code: string }): Promise<Recorded> {
  if (open.client_id === r.clientId) return { id: open.id, jurisdiction_code: open.jurisdiction_code, outcome: 'retried' };
  const f = r.facts;
  await q.insertAttachedEvent(trx, {
    id: newId(), case_id: open.id, client_id: r.clientId, kind: 'attached', from_value: null, to_value: f.classification,
    detail: JSON.stringify({ reportingUnit: f.reportingUnit.trim(), reportedAt: f.reportedAt, foundBy: r.foundBy, jurisdictionCode: r.jurisdictionCode }),
    actor_id: user.id, actor_name: user.displayName, at: f.reportedAt,
  });
  await writeAudit(trx, user, [{ action: 'attach', entity: 'case', entityId: open.id, jurisdictionCode: open.jurisdiction_code, detail: { reportedFor: r.jurisdictionCode } }]);
  return { id: open.id, jurisdiction_code: open.jurisdiction_code, outcome: 'attached' };
}
