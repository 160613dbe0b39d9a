import type { Kysely } from 'kysely';
import type { Config } from './config';
import type { Dialect } from '../db/database';
import type { DB } from '../db/schema';
import type { FieldCrypto } from './field-crypto';
import type { WriteBatcher } from '../db/write-batch';
import type { NodeCache } from '../db/reference/node-cache';
import type { ReferenceCache } from '../db/reference/reference-cache';
import type { SessionCache } from '../modules/auth/session-cache';
import type { Role } from '../domain/enums';
import type { ChangeFeed } from './events';

/** What every service gets: the database, the configuration and the key material. */
export interface Ctx {
  db: Kysely<DB>;
  dialect: Dialect;
  config: Config;
  crypto: FieldCrypto;
  /** Runs a write transaction; on SQLite concurrent writes share one commit. */
  writes: WriteBatcher;
  /** Jurisdiction nodes by code, cached. */
  nodes: NodeCache;
  /** Active entry points and high-risk areas, cached. */
  reference: ReferenceCache;
  /** Sessions verified in the last few seconds. */
  sessions: SessionCache;
  /** Committed changes, for the live dashboard (across processes on PostgreSQL). */
  changes: ChangeFeed;
}

export interface CurrentUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  jurisdictionCode: string;
  canReveal: boolean;
  /** A password set by an administrator not yet replaced: only auth/me, auth/password and auth/logout answer. */
  mustChangePassword?: boolean;
  /** Set when the caller is a wall screen on a screen token rather than a person: dashboard reading only. */
  screenTokenId?: string;
  /** The request's address, for the audit log; set per request. */
  source?: string;
}
