// Merging two persons into one, keeping every history, audited and reversible by an admin.
import type { Ctx, CurrentUser } from '../../server/context';
import { AppError } from '../../server/errors';
import { newId } from '../../db/ids';
import { mergeProblem, undoProblem } from '../../domain/duplicates';
import { writeAudit } from '../audit';
import {
  PERSON_TABLES, caseRecordsClash, countHeld, findMerge, insertMerge, lockPersons, markUndone, mergeCareFlag, moveRows, parseMoved, rowsOf, setMergedInto, undoCareFlag,
  type Moved,
} from './repository/merges';
import type { MergeView } from './schemas';

/** Rows moved per table; care_flags counts 1 when the flag moved or was combined. */
function counts(moved: Moved): Record<string, number> {
  return { ...Object.fromEntries(PERSON_TABLES.map((t) => [t, moved.rows[t].length])), care_flags: moved.careFlag ? 1 : 0 };
}

/** Moves every row of `mergedId` to `survivorId` and flags the merged person; their document row stays. */
export async function mergePersons(ctx: Ctx, user: CurrentUser, survivorId: string, mergedId: string, now = new Date()): Promise<MergeView> {
  const at = now.toISOString();
  return ctx.writes.run(async (trx) => {
    const persons = await lockPersons(trx, ctx.dialect, user.jurisdictionCode, [survivorId, mergedId]);
    const survivor = persons.find((p) => p.id === survivorId);
    const merged = persons.find((p) => p.id === mergedId);
    if (!survivor || !merged) throw new AppError('not_found');
    const problem = mergeProblem({ id: survivor.id, mergedInto: survivor.merged_into }, { id: merged.id, mergedInto: merged.merged_into });
    if (problem) throw new AppError(problem);
    if (await caseRecordsClash(trx, survivorId, mergedId)) throw new AppError('merge_case_clash');
    const rows = await rowsOf(trx, mergedId);
    await moveRows(trx, rows, mergedId, survivorId);
    const moved: Moved = { rows, careFlag: await mergeCareFlag(trx, mergedId, survivorId, user.id, at) };
    await setMergedInto(trx, mergedId, survivorId, at);
    const id = newId();
    await insertMerge(trx, {
      id, survivor_id: survivorId, merged_id: mergedId, moved: JSON.stringify(moved), merged_by: user.id, merged_at: at, undone_by: null, undone_at: null,
    });
    await writeAudit(trx, user, [{
      action: 'merge', entity: 'person_merge', entityId: id, jurisdictionCode: survivor.jurisdiction_code, detail: { survivorId, mergedId, moved: counts(moved) },
    }]);
    return { id, survivorId, mergedId, moved: counts(moved), mergedAt: at, undoneAt: null };
  });
}

/** Moves back exactly the rows the merge moved and clears the flag; refused once any of them moved on. */
export async function undoMerge(ctx: Ctx, user: CurrentUser, mergeId: string, now = new Date()): Promise<MergeView> {
  const at = now.toISOString();
  return ctx.writes.run(async (trx) => {
    const merge = await findMerge(trx, mergeId);
    if (!merge) throw new AppError('not_found');
    const persons = await lockPersons(trx, ctx.dialect, user.jurisdictionCode, [merge.survivor_id, merge.merged_id]);
    const survivor = persons.find((p) => p.id === merge.survivor_id);
    const merged = persons.find((p) => p.id === merge.merged_id);
    if (!survivor || !merged) throw new AppError('not_found');
    const moved = parseMoved(merge.moved);
    const problem = undoProblem(
      { survivorId: survivor.id, undoneAt: merge.undone_at, movedCount: PERSON_TABLES.reduce((n, t) => n + moved.rows[t].length, 0) },
      { mergedInto: merged.merged_into },
      await countHeld(trx, moved.rows, survivor.id),
    );
    if (problem) throw new AppError(problem);
    await moveRows(trx, moved.rows, survivor.id, merged.id);
    await undoCareFlag(trx, moved.careFlag, survivor.id, merged.id, user.id, at);
    await setMergedInto(trx, merged.id, null, at);
    await markUndone(trx, mergeId, user.id, at);
    await writeAudit(trx, user, [{
      action: 'undo', entity: 'person_merge', entityId: mergeId, jurisdictionCode: survivor.jurisdiction_code,
      detail: { survivorId: survivor.id, mergedId: merged.id, moved: counts(moved) },
    }]);
    return { id: mergeId, survivorId: survivor.id, mergedId: merged.id, moved: counts(moved), mergedAt: merge.merged_at, undoneAt: at };
  });
}
