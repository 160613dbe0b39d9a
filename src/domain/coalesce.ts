// Gathers items that arrive in bursts and hands them on at most once per interval:
// the first item after a quiet interval goes out at once (leading edge), later ones
// wait until the interval since the last hand-off has passed and then go out together,
// each distinct key once. Used so that hundreds of changes a second make a dashboard
// refresh at most twice a second.

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface Coalescer<K> {
  add(key: K): void;
  /** Drops whatever is pending and cancels the timer. */
  stop(): void;
}

/** Milliseconds to wait before the next hand-off may go out (0: now). */
export function delayBeforeFlush(lastFlushAt: number | null, now: number, intervalMs: number): number {
  if (lastFlushAt === null) return 0;
  return Math.max(0, lastFlushAt + intervalMs - now);
}

export function createCoalescer<K>(intervalMs: number, flush: (keys: K[]) => void, timers: Timers = realTimers): Coalescer<K> {
  const pending = new Set<K>();
  let lastFlushAt: number | null = null;
  let timer: unknown = null;
  let stopped = false;

  function fire() {
    timer = null;
    if (stopped || pending.size === 0) return;
    const keys = [...pending];
    pending.clear();
    lastFlushAt = timers.now();
    flush(keys);
  }

  return {
    add(key) {
      if (stopped) return;
      pending.add(key);
      if (timer !== null) return;
      const wait = delayBeforeFlush(lastFlushAt, timers.now(), intervalMs);
      if (wait === 0) fire();
      else timer = timers.setTimeout(fire, wait);
    },
    stop() {
      stopped = true;
      pending.clear();
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
  };
}
