// The change feed: after a write commits, services publish a small event naming
// what changed and which jurisdiction codes it touches (never personal data), and
// the live dashboard stream listens. On SQLite one process owns the file, so an
// in-process emitter is the whole story. On PostgreSQL events go through the
// database (NOTIFY on publish, one LISTEN connection per process), so that every
// server process behind a load balancer sees every other's writes.
import pg from 'pg';
import { sql } from 'kysely';
import type { Database } from '../db/database';

export const CHANNEL = 'fangkong_changes';

export type ChangeKind =
  | 'arrival_registered'
  | 'arrival_received'
  | 'checks_saved'
  | 'observation_opened'
  | 'observation_released'
  | 'observation_ended'
  | 'handoff_sent'
  | 'handoff_received'
  | 'alert_closed'
  | 'case_reported'
  | 'case_updated'
  | 'contacts_added'
  /** Notifications may have been missed (the listener reconnected): everyone should refresh. */
  | 'resync';

export interface ChangeEvent {
  kind: ChangeKind;
  /** Jurisdiction codes the change touches (destination, route units, observing unit...). */
  codes: string[];
  /** Report day the change counts towards, when known. */
  day?: string;
  /** Touches every jurisdiction. */
  all?: boolean;
}

export interface ChangeFeed {
  /** Never throws, never waits: the write it reports has already committed. */
  publish(event: { kind: ChangeKind; codes: (string | null | undefined)[]; day?: string }): void;
  subscribe(listener: (event: ChangeEvent) => void): () => void;
  /** Resolves once the feed receives changes (on PostgreSQL: once LISTEN is in place). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export interface ChangeFeedOptions {
  /** Connection string for the LISTEN connection (PostgreSQL only). */
  url?: string;
  onError?: (err: unknown, what: string) => void;
  /** How long publishes are gathered into one NOTIFY (PostgreSQL only). */
  batchMs?: number;
}

/** NOTIFY payloads must stay under 8000 bytes. */
const MAX_PAYLOAD = 7000;

function normalise(event: Parameters<ChangeFeed['publish']>[0]): ChangeEvent {
  const codes = [...new Set(event.codes.filter((c): c is string => typeof c === 'string' && c.length > 0))];
  return { kind: event.kind, codes, ...(event.day ? { day: event.day } : {}) };
}

/** Merges events of the same kind and day into one, with the union of their codes. */
export function mergeEvents(events: ChangeEvent[]): ChangeEvent[] {
  const byKey = new Map<string, ChangeEvent>();
  for (const e of events) {
    const key = `${e.kind}|${e.day ?? ''}|${e.all ? 1 : 0}`;
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, { ...e, codes: [...e.codes] });
    else for (const c of e.codes) if (!seen.codes.includes(c)) seen.codes.push(c);
  }
  return [...byKey.values()];
}

/** Splits events into JSON arrays each short enough for one NOTIFY (an event too big alone is sent as `all`). */
export function toPayloads(events: ChangeEvent[], max = MAX_PAYLOAD): string[] {
  const payloads: string[] = [];
  let current: string[] = [];
  let size = 2;
  for (const e of events) {
    let json = JSON.stringify(e);
    if (json.length + 2 > max) json = JSON.stringify({ kind: e.kind, codes: [], all: true, ...(e.day ? { day: e.day } : {}) });
    if (current.length && size + json.length + 1 > max) {
      payloads.push(`[${current.join(',')}]`);
      current = [];
      size = 2;
    }
    current.push(json);
    size += json.length + 1;
  }
  if (current.length) payloads.push(`[${current.join(',')}]`);
  return payloads;
}

function parsePayload(payload: string): ChangeEvent[] {
  const parsed: unknown = JSON.parse(payload);
  const list = Array.isArray(parsed) ? parsed : [parsed];
  return list.filter((e): e is ChangeEvent =>
    !!e && typeof e === 'object' && typeof (e as ChangeEvent).kind === 'string' && Array.isArray((e as ChangeEvent).codes));
}

export function createChangeFeed(database: Pick<Database, 'db' | 'dialect'>, options: ChangeFeedOptions = {}): ChangeFeed {
  const listeners = new Set<(event: ChangeEvent) => void>();
  const report = (err: unknown, what: string) => {
    try {
      options.onError?.(err, what);
    } catch {
      // The logger itself failed: nothing more to do.
    }
  };
  const deliver = (events: ChangeEvent[]) => {
    for (const e of events) {
      for (const l of [...listeners]) {
        try {
          l(e);
        } catch (err) {
          report(err, 'change listener failed');
        }
      }
    }
  };
  const subscribe = (listener: (event: ChangeEvent) => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };

  if (database.dialect === 'sqlite') {
    let closed = false;
    return {
      publish(event) {
        if (closed) return;
        const e = normalise(event);
        // Off the caller's stack: a slow or failing subscriber never touches the write path.
        setImmediate(() => deliver([e]));
      },
      subscribe,
      ready: async () => {},
      async close() {
        closed = true;
        listeners.clear();
      },
    };
  }

  if (!options.url) throw new Error('createChangeFeed: a connection string is needed on PostgreSQL');
  const url = options.url;
  const batchMs = options.batchMs ?? 10;
  let closed = false;

  // Publishing: events gathered for a few milliseconds go out as one NOTIFY through the pool.
  let pending: ChangeEvent[] = [];
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  const inFlight = new Set<Promise<void>>();
  function flush() {
    flushTimer = null;
    if (!pending.length) return;
    const payloads = toPayloads(mergeEvents(pending));
    pending = [];
    const p = (async () => {
      for (const payload of payloads) {
        try {
          await sql`select pg_notify(${CHANNEL}, ${payload})`.execute(database.db);
        } catch (err) {
          report(err, 'change notification failed');
        }
      }
    })();
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  }

  // Listening: one dedicated connection per process, reconnected when it drops.
  let client: pg.Client | null = null;
  let connectedOnce = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let backoff = 250;
  let markReady!: () => void;
  const readyPromise = new Promise<void>((resolve) => (markReady = resolve));

  function scheduleReconnect() {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void connect();
    }, backoff);
    backoff = Math.min(backoff * 2, 5000);
  }

  function drop(c: pg.Client) {
    if (client !== c) return;
    client = null;
    c.end().catch(() => {});
    scheduleReconnect();
  }

  async function connect() {
    if (closed) return;
    const c = new pg.Client({ connectionString: url, keepAlive: true, application_name: 'fangkong-listener' });
    c.on('error', (err) => {
      report(err, 'change listener connection failed');
      drop(c);
    });
    c.on('end', () => drop(c));
    c.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      try {
        deliver(parsePayload(msg.payload));
      } catch (err) {
        report(err, 'bad change notification');
      }
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      report(err, 'change listener could not connect');
      c.end().catch(() => {});
      scheduleReconnect();
      return;
    }
    if (closed) {
      await c.end().catch(() => {});
      return;
    }
    client = c;
    backoff = 250;
    // Whatever was notified while we were away is lost: tell everyone to refresh.
    if (connectedOnce) deliver([{ kind: 'resync', codes: [], all: true }]);
    connectedOnce = true;
    markReady();
  }
  void connect();

  return {
    publish(event) {
      if (closed) return;
      pending.push(normalise(event));
      flushTimer ??= setTimeout(flush, batchMs);
    },
    subscribe,
    // A server starts even when the listener cannot connect yet; it keeps retrying.
    ready: () => Promise.race([readyPromise, new Promise<void>((resolve) => setTimeout(resolve, 5000).unref())]),
    async close() {
      if (closed) return;
      if (flushTimer) clearTimeout(flushTimer);
      flush();
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      await Promise.all([...inFlight]);
      listeners.clear();
      const c = client;
      client = null;
      if (c) await c.end().catch(() => {});
      markReady();
    },
  };
}
