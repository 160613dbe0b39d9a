// Tests whose figures depend on the day or the hour run at a fixed instant: every clock reading of
// the process (the app's included) starts there and keeps running at the real pace, to the
// millisecond. Vitest's fake Date would do the first, but it advances in coarse steps of its own
// (20 ms, slower under load), which gives successive writes the same instant and time-ordered ids
// an arbitrary order.
const RealDate = Date;
let offset = 0;

class ShiftedDate extends RealDate {
  constructor(...args: [] | [number | string | Date] | [number, number, ...number[]]) {
    if (args.length === 0) super(RealDate.now() + offset);
    else super(...(args as [number]));
  }

  static override now(): number {
    return RealDate.now() + offset;
  }
}

/** From now on the process clock reads `at`, and runs on from there. */
export function pinClock(at: string): void {
  moveClock(at);
  globalThis.Date = ShiftedDate as DateConstructor;
}

/** Moves the pinned clock to `at`, from where it runs on. */
export function moveClock(at: string | number): void {
  offset = (typeof at === 'number' ? at : RealDate.parse(at)) - RealDate.now();
}

export function unpinClock(): void {
  globalThis.Date = RealDate;
  offset = 0;
}
