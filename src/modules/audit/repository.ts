import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { CurrentUser } from '../../server/context';
import type { AuditOutcome } from '../../domain/enums';
import { inScope } from '../../db/scope';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  jurisdictionCode?: string | null;
  /** Never personal data: ids, counts, field names, filters. */
  detail?: Record<string, unknown>;
  outcome?: AuditOutcome;
}

/**
 * Writes audit records; call it with the transaction that does the audited work. The source is the
 * caller's address, from the user of the request (or given for an anonymous one, a failed login).
 */
export async function writeAudit(db: Kysely<DB>, user: Pick<CurrentUser, 'id' | 'username' | 'jurisdictionCode' | 'source'> | null, entries: AuditEntry[], source?: string): Promise<void> {
  if (entries.length === 0) return;
  const at = new Date().toISOString();
  await db
    .insertInto('audit_log')
    .values(
      entries.map((e) => ({
        at,
        user_id: user?.id ?? null,
        username: user?.username ?? null,
        actor_jurisdiction: user?.jurisdictionCode ?? null,
        action: e.action,
        entity: e.entity,
        entity_id: e.entityId ?? null,
        jurisdiction_code: e.jurisdictionCode ?? null,
        detail: e.detail ? JSON.stringify(e.detail) : null,
        source: user?.source ?? source ?? null,
        outcome: e.outcome ?? 'ok',
      })),
    )
    .execute();
}

export interface AuditFilter {
  from?: string;
  to?: string;
  action?: string;
  entity?: string;
  entityId?: string;
  username?: string;
  page: number;
  pageSize: number;
}

/**
 * Newest first: the records of accounts acting within `scopeCode` (the reader's jurisdiction), or
 * with no scope (a reader at the region's root) every record, anonymous ones such as failed logins too.
 */
export async function listAudit(db: Kysely<DB>, scopeCode: string | null, f: AuditFilter) {
  let q = db.selectFrom('audit_log');
  if (scopeCode !== null) q = q.where((eb) => inScope(eb, ['audit_log.actor_jurisdiction'], scopeCode));
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.username) q = q.where('username', '=', f.username);
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      id: Number(r.id),
      at: r.at,
      userId: r.user_id,
      username: r.username,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      jurisdictionCode: r.jurisdiction_code,
      detail: r.detail ? JSON.parse(r.detail) : null,
      source: r.source,
      outcome: r.outcome,
    })),
  };
}
