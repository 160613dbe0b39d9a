import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCoalescer, delayBeforeFlush } from './coalesce';

describe('delayBeforeFlush', () => {
  it('sends at once after a quiet interval, otherwise waits for the rest of it', () => {
    expect(delayBeforeFlush(null, 1000, 500)).toBe(0);
    expect(delayBeforeFlush(1000, 1600, 500)).toBe(0);
    expect(delayBeforeFlush(1000, 1500, 500)).toBe(0);
    expect(delayBeforeFlush(1000, 1200, 500)).toBe(300);
  });
});

describe('createCoalescer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('hands on the first item at once and a burst at most once per interval, each key once', () => {
    const out: string[][] = [];
    const c = createCoalescer<string>(500, (keys) => out.push(keys));
    c.add('a');
    expect(out).toEqual([['a']]);
    // 300 items over the next 1.2 s: two more hand-offs, not 300.
    for (let i = 0; i < 300; i++) {
      c.add(i % 2 ? 'b' : 'c');
      vi.advanceTimersByTime(4);
    }
    vi.advanceTimersByTime(500);
    expect(out.length).toBe(4);
    expect(out.slice(1).every((keys) => keys.length === 2 && keys.includes('b') && keys.includes('c'))).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('never hands on two batches closer than the interval', () => {
    const times: number[] = [];
    const c = createCoalescer<number>(500, () => times.push(Date.now()));
    for (let i = 0; i < 1000; i++) {
      c.add(i);
      vi.advanceTimersByTime(3);
    }
    vi.advanceTimersByTime(1000);
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(500);
    expect(times.length).toBeLessThanOrEqual(8);
  });

  it('sends nothing after stop', () => {
    const out: string[][] = [];
    const c = createCoalescer<string>(500, (keys) => out.push(keys));
    c.add('a');
    c.add('b');
    c.stop();
    vi.advanceTimersByTime(1000);
    c.add('c');
    expect(out).toEqual([['a']]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
