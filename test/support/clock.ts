// Tests whose figures depend on the day run at a fixed instant: the process clock starts there and keeps ticking.
import { vi } from 'vitest';

/** Sets every clock reading of the process (the app's included) to start at `at`; only Date is replaced, timers stay real. */
export function pinClock(at: string): void {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(at), shouldAdvanceTime: true });
}

export function unpinClock(): void {
  vi.useRealTimers();
}

/** Moves the pinned clock to `at`, from where it keeps ticking. */
export function moveClock(at: string | number): void {
  vi.setSystemTime(at);
}
