import { describe, expect, it } from 'vitest';
import { closeTask, isTaskOverdue, normaliseFlags } from './care';

describe('care flags', () => {
  it('keeps each group and need once, in the canonical order', () => {
    expect(normaliseFlags(['pregnant', 'elderly', 'pregnant'], ['food', 'antenatal_care'])).toEqual({
      groups: ['elderly', 'pregnant'],
      needs: ['antenatal_care', 'food'],
    });
  });

  it('keeps needs without a group, and clears when both are empty', () => {
    expect(normaliseFlags([], ['dialysis'])).toEqual({ groups: [], needs: ['dialysis'] });
    expect(normaliseFlags([], [])).toBeNull();
  });
});

describe('care task deadlines', () => {
  const now = new Date('2026-08-21T04:00:00Z');

  it('is overdue only while open and past due', () => {
    expect(isTaskOverdue({ status: 'open', dueAt: '2026-08-21T03:59:59Z' }, now)).toBe(true);
    expect(isTaskOverdue({ status: 'open', dueAt: '2026-08-21T04:00:00Z' }, now)).toBe(false);
    expect(isTaskOverdue({ status: 'open', dueAt: '2026-08-22T00:00:00Z' }, now)).toBe(false);
    expect(isTaskOverdue({ status: 'done', dueAt: '2026-08-20T00:00:00Z' }, now)).toBe(false);
    expect(isTaskOverdue({ status: 'cancelled', dueAt: '2026-08-20T00:00:00Z' }, now)).toBe(false);
  });
});

describe('closing a care task', () => {
  it('completes or cancels an open task', () => {
    expect(closeTask('open', 'complete')).toEqual({ ok: true, status: 'done', changed: true });
    expect(closeTask('open', 'cancel')).toEqual({ ok: true, status: 'cancelled', changed: true });
  });

  it('treats a repeated close as a retry, and refuses the other close', () => {
    expect(closeTask('done', 'complete')).toEqual({ ok: true, status: 'done', changed: false });
    expect(closeTask('cancelled', 'cancel')).toEqual({ ok: true, status: 'cancelled', changed: false });
    expect(closeTask('done', 'cancel')).toEqual({ ok: false });
    expect(closeTask('cancelled', 'complete')).toEqual({ ok: false });
  });
});
