// 协查 requests raised inside the asker's transaction, and the holder's own identity changes kept with them.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { CurrentUser } from '../../server/context';
import type { AssistanceKind } from '../../domain/enums';
import type { IdentityValues } from '../../domain/identity';
import { newId } from '../../db/ids';
import { writeAudit } from '../audit';
import { insertRequests } from './repository';

export interface Ask {
  kind: AssistanceKind;
  personId: string;
  holderCode: string;
  sourceEntity: 'arrival' | 'observation' | 'case' | 'contact';
  sourceId: string;
  /** The holder's record it concerns: their open case. */
  targetId?: string | null;
  proposed?: Partial<IdentityValues>;
}

/**
 * Raises requests to the jurisdictions holding the persons, in the asker's transaction. Audited
 * under the holder's jurisdiction; the asker is never told (an answer must not say whether
 * someone is known elsewhere).
 */
export async function raiseRequests(trx: Transaction<DB>, user: CurrentUser, asks: Ask[], at: string): Promise<void> {
  if (!asks.length) return;
  const rows = asks.map((a) => ({
    id: newId(),
    kind: a.kind,
    person_id: a.personId,
    holder_code: a.holderCode,
    requester_code: user.jurisdictionCode,
    requested_by: user.id,
    source_entity: a.sourceEntity,
    source_id: a.sourceId,
    target_id: a.targetId ?? null,
    proposed: a.proposed ? JSON.stringify(a.proposed) : null,
    previous: null,
    status: 'open' as const,
    decided_by: null,
    decided_at: null,
    note: null,
    created_at: at,
  }));
  await insertRequests(trx, rows);
  await writeAudit(trx, user, rows.map((r) => ({
    action: 'request', entity: 'assistance', entityId: r.id, jurisdictionCode: r.holder_code, detail: { kind: r.kind, personId: r.person_id, source: r.source_entity },
  })));
}

/** A change the holder made by writing the person with other values: kept with the requests as the history of the identity. */
export async function recordIdentityChanges(
  trx: Transaction<DB>, user: CurrentUser,
  changes: { personId: string; holderCode: string; sourceEntity: Ask['sourceEntity']; sourceId: string; previous: Partial<IdentityValues>; next: Partial<IdentityValues> }[],
  at: string,
): Promise<void> {
  if (!changes.length) return;
  const rows = changes.map((c) => ({
    id: newId(), kind: 'identity' as const, person_id: c.personId, holder_code: c.holderCode, requester_code: user.jurisdictionCode, requested_by: user.id,
    source_entity: c.sourceEntity, source_id: c.sourceId, target_id: null, proposed: JSON.stringify(c.next), previous: JSON.stringify(c.previous),
    status: 'applied' as const, decided_by: user.id, decided_at: at, note: null, created_at: at,
  }));
  await insertRequests(trx, rows);
  await writeAudit(trx, user, rows.map((r, i) => ({
    action: 'update', entity: 'person', entityId: r.person_id, jurisdictionCode: r.holder_code,
    detail: { changeId: r.id, fields: Object.keys(changes[i].next).filter((k) => k !== 'phoneEnc') },
  })));
}
