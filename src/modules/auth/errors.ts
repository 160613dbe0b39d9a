// The error codes this module answers with, and their messages (src/server/errors.ts joins every module's).
import type { ErrorTable } from '../../server/errors';

export const AUTH_ERRORS = {
  bad_credentials: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  account_locked: { status: 423, zh: '登录失败次数过多，请 {minutes} 分钟后再试', en: 'Too many failed logins; try again in {minutes} minutes' },
  password_change_required: { status: 403, zh: '初始密码或重置的密码须先修改，才能继续使用', en: 'Change the password an administrator set before going on' },
} as const satisfies ErrorTable;
