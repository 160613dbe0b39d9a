// The error codes this module answers with, and their messages (src/server/errors.ts joins every module's).
import type { ErrorTable } from '../../server/errors';

export const CARE_ERRORS = {
  care_task_closed: { status: 409, zh: '该关爱任务{status}，不能再更改', en: 'This care task is already {status}' },
} as const satisfies ErrorTable;
