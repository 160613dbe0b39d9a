// Repeated failed logins are slowed, then the account is locked for a while.

export const LOGIN_THROTTLE = { freeFailures: 3, delayStepMs: 500, maxDelayMs: 3000, lockAfter: 8, lockMinutes: 15 };

/** Delay before answering a failed login, given the failures so far (including this one). */
export function failureDelayMs(failures: number, p = LOGIN_THROTTLE): number {
  if (failures <= p.freeFailures) return 0;
  return Math.min((failures - p.freeFailures) * p.delayStepMs, p.maxDelayMs);
}

/** When the account unlocks after this failure, or null if it stays open. */
export function lockUntil(failures: number, now: Date, p = LOGIN_THROTTLE): string | null {
  if (failures < p.lockAfter) return null;
  return new Date(now.getTime() + p.lockMinutes * 60_000).toISOString();
}

export function isLocked(lockedUntil: string | null, now: Date): boolean {
  return lockedUntil !== null && Date.parse(lockedUntil) > now.getTime();
}
