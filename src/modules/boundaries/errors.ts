// The error codes this module answers with, and their messages (src/server/errors.ts joins every module's).
import type { ErrorTable } from '../../server/errors';

export const BOUNDARY_ERRORS = {
  invalid_boundary: { status: 400, zh: '边界文件“{path}”：{problem}', en: 'Boundary file "{path}": {problem}' },
} as const satisfies ErrorTable;
