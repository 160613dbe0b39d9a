// The error codes this module answers with, and their messages (src/server/errors.ts joins every module's).
import type { ErrorTable } from '../../server/errors';

export const JURISDICTION_ERRORS = {
  unit_parent_level: { status: 400, zh: '管理单位须建在市（地区）、区县、乡镇（街道）或其他管理单位之下', en: 'A management unit belongs under a city, district, town or another management unit' },
  unit_codes_exhausted: { status: 409, zh: '该上级下的管理单位编码已用完（最多 999 个）', en: 'No unit codes are left under this parent (999 at most)' },
} as const satisfies ErrorTable;
