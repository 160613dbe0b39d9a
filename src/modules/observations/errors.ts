// The error codes this module answers with, and their messages (src/server/errors.ts joins every module's).
import type { ErrorTable } from '../../server/errors';

export const OBSERVATION_ERRORS = {
  not_releasable: { status: 409, zh: '暂不能解除医学观察：{blockers}', en: 'Cannot be released yet: {blockers}' },
  observation_closed: { status: 409, zh: '该医学观察已结束', en: 'This observation has already ended' },
  no_handoff: { status: 409, zh: '该人员不在转交环节，或不在本单位', en: 'No hand-off is waiting for your unit' },
} as const satisfies ErrorTable;
