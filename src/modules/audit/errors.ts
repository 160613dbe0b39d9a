// The error codes this module answers with, and their messages (src/server/errors.ts joins every module's).
import type { ErrorTable } from '../../server/errors';

export const AUDIT_ERRORS = {
  export_too_large: { status: 400, zh: '导出 {rows} 行，超过上限 {max} 行；请缩小筛选范围', en: 'The export would hold {rows} rows, more than the limit of {max}; narrow the filters' },
} as const satisfies ErrorTable;
