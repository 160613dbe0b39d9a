// The error codes this module answers with, and their messages (src/server/errors.ts joins every module's).
import type { ErrorTable } from '../../server/errors';

export const SCREEN_TOKEN_ERRORS = {
  screen_token_scope: { status: 403, zh: '大屏授权只能查看数据大屏，不能访问此接口', en: 'A screen token may only read the dashboard, not this endpoint' },
  screen_token_revoked: { status: 401, zh: '大屏授权已撤销', en: 'This screen token has been revoked' },
  screen_token_expired: { status: 401, zh: '大屏授权已过期', en: 'This screen token has expired' },
  screen_token_invalid: { status: 401, zh: '大屏授权无效', en: 'Unknown screen token' },
  screen_only: { status: 403, zh: '此接口仅供大屏授权调用', en: 'Only a screen token may call this' },
} as const satisfies ErrorTable;
