// Community care (关爱) for special groups under control: who is flagged with which
// needs, and the life of a care task (open -> done | cancelled; overdue while open past due).
import { CARE_GROUPS, CARE_NEEDS, type CareGroup, type CareNeed, type CareTaskStatus } from './enums';

export interface CareFlags {
  groups: CareGroup[];
  needs: CareNeed[];
}

/** Each group and need once, in the canonical order; null when nothing is left to flag. */
export function normaliseFlags(groups: readonly CareGroup[], needs: readonly CareNeed[]): CareFlags | null {
  const flags = { groups: CARE_GROUPS.filter((g) => groups.includes(g)), needs: CARE_NEEDS.filter((n) => needs.includes(n)) };
  return flags.groups.length || flags.needs.length ? flags : null;
}

/** A task is overdue while it is open and its due time has passed. */
export function isTaskOverdue(task: { status: string; dueAt: string }, now: Date): boolean {
  return task.status === 'open' && Date.parse(task.dueAt) < now.getTime();
}

export type TaskAction = 'complete' | 'cancel';

export type TaskStep = { ok: true; status: CareTaskStatus; changed: boolean } | { ok: false };

/**
 * Closing a task: an open task becomes done or cancelled; repeating the same close (a retry)
 * changes nothing; a task closed the other way cannot be closed again.
 */
export function closeTask(status: CareTaskStatus, action: TaskAction): TaskStep {
  const target: CareTaskStatus = action === 'complete' ? 'done' : 'cancelled';
  if (status === 'open') return { ok: true, status: target, changed: true };
  if (status === target) return { ok: true, status, changed: false };
  return { ok: false };
}
