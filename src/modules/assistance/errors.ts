// The error codes this module answers with, and their messages (src/server/errors.ts joins every module's).
import type { ErrorTable } from '../../server/errors';

export const ASSISTANCE_ERRORS = {
  assistance_decided: { status: 409, zh: '该协查已处理', en: 'This request has already been decided' },
} as const satisfies ErrorTable;
