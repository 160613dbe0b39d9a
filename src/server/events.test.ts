import { describe, expect, it } from 'vitest';
import { createChangeFeed, mergeEvents, toPayloads, type ChangeEvent } from './events';
import { concerns } from '../modules/dashboard/stream';

describe('change events', () => {
  it('merges events of one kind and day, with the union of their codes', () => {
    const merged = mergeEvents([
      { kind: 'arrival_registered', codes: ['540102002001', '540102002'] },
      { kind: 'arrival_registered', codes: ['540102003001', '540102002'] },
      { kind: 'checks_saved', codes: ['540102002001'] },
    ]);
    expect(merged).toEqual([
      { kind: 'arrival_registered', codes: ['540102002001', '540102002', '540102003001'] },
      { kind: 'checks_saved', codes: ['540102002001'] },
    ]);
  });

  it('splits payloads under the NOTIFY limit, and widens an event too big alone to everyone', () => {
    const many: ChangeEvent[] = Array.from({ length: 500 }, (_, i) => ({ kind: 'checks_saved', codes: [`5401020020${String(i).padStart(2, '0')}`] }));
    const payloads = toPayloads(many, 1000);
    expect(payloads.length).toBeGreaterThan(1);
    for (const p of payloads) expect(p.length).toBeLessThanOrEqual(1000);
    expect(payloads.flatMap((p) => JSON.parse(p))).toEqual(many);
    const huge: ChangeEvent = { kind: 'checks_saved', codes: Array.from({ length: 200 }, (_, i) => `code${i}`) };
    expect(JSON.parse(toPayloads([huge], 1000)[0])).toEqual([{ kind: 'checks_saved', codes: [], all: true }]);
  });

  it('matches a stream when any code lies within its jurisdiction', () => {
    const e: ChangeEvent = { kind: 'arrival_registered', codes: ['540102003001', '540102002'] };
    expect(concerns(e, '540102002')).toBe(true);
    expect(concerns(e, '540102002001')).toBe(false);
    expect(concerns(e, '5401')).toBe(true);
    expect(concerns({ kind: 'resync', codes: [], all: true }, '540102002001')).toBe(true);
  });

  it('fans out in process on SQLite, without personal data and off the caller’s stack', async () => {
    const feed = createChangeFeed({ db: null as never, dialect: 'sqlite' });
    const seen: ChangeEvent[] = [];
    const off = feed.subscribe((e) => seen.push(e));
    feed.publish({ kind: 'arrival_registered', codes: ['540102002001', null, undefined, '540102002001', '540102002'] });
    expect(seen).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual([{ kind: 'arrival_registered', codes: ['540102002001', '540102002'] }]);
    off();
    feed.publish({ kind: 'checks_saved', codes: ['540102002001'] });
    await new Promise((r) => setImmediate(r));
    expect(seen.length).toBe(1);
    await feed.close();
  });
});
