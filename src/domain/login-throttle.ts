// Failed logins are counted per account and source address: a source that keeps guessing is
// slowed, then shut out of that account for a while, while the account stays open to others.

export const LOGIN_THROTTLE = { freeFailures: 3, delayStepMs: 500, maxDelayMs: 3000, lockAfter: 8, lockMinutes: 15 };

/** Delay before answering a failed login, given the failures so far (including this one). */
export function failureDelayMs(failures: number, p = LOGIN_THROTTLE): number {
  if (failures <= p.freeFailures) return 0;
  return Math.min((failures - p.freeFailures) * p.delayStepMs, p.maxDelayMs);
}

/** Whether this many failed attempts in a row shut the source out (for lockMinutes after the last). */
export function locksOut(failures: number, p = LOGIN_THROTTLE): boolean {
  return failures >= p.lockAfter;
}

/** An attempt beyond the lock (counting itself) is refused without looking at the password. */
export function isShutOut(attempts: number, p = LOGIN_THROTTLE): boolean {
  return attempts > p.lockAfter;
}

/** Attempts older than this start a fresh count. */
export function countSince(now: Date, p = LOGIN_THROTTLE): string {
  return new Date(now.getTime() - p.lockMinutes * 60_000).toISOString();
}
