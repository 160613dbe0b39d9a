// The error codes this module answers with, and their messages (src/server/errors.ts joins every module's).
import type { ErrorTable } from '../../server/errors';

export const ARRIVAL_ERRORS = {
  invalid_document: { status: 400, zh: '证件号码无效：{problem}', en: 'Invalid document number: {problem}' },
  destination_level: { status: 400, zh: '目的地须选到社区（村）或管理单位', en: 'Destination must be a community (village) or a management unit' },
  not_holder: { status: 409, zh: '该人员当前不在本单位待接收', en: 'This arrival is not waiting for your unit' },
} as const satisfies ErrorTable;
