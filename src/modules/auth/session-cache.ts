// Verified sessions, remembered briefly so that a busy desk's every request does
// not look its session up again. Logout and account changes in this process take
// effect at once; in other processes within the time-to-live.
import type { CurrentUser } from '../../server/context';

export interface SessionCache {
  get(tokenHash: string, now: number): CurrentUser | undefined;
  set(tokenHash: string, user: CurrentUser, expiresAt: number, now: number): void;
  forgetToken(tokenHash: string): void;
  forgetUser(userId: string): void;
}

export function createSessionCache(ttlMs = 5_000, limit = 20_000): SessionCache {
  const entries = new Map<string, { user: CurrentUser; until: number }>();
  return {
    get(hash, now) {
      const e = entries.get(hash);
      if (!e) return undefined;
      if (e.until <= now) {
        entries.delete(hash);
        return undefined;
      }
      return e.user;
    },
    set(hash, user, expiresAt, now) {
      if (entries.size >= limit) entries.clear();
      entries.set(hash, { user, until: Math.min(now + ttlMs, expiresAt) });
    },
    forgetToken(hash) {
      entries.delete(hash);
    },
    forgetUser(userId) {
      for (const [hash, e] of entries) if (e.user.id === userId) entries.delete(hash);
    },
  };
}
