// One error type with a stable code, an HTTP status and messages in both languages.
import { ARRIVAL_ERRORS } from '../modules/arrivals/errors';
import { ASSISTANCE_ERRORS } from '../modules/assistance/errors';
import { AUDIT_ERRORS } from '../modules/audit/errors';
import { AUTH_ERRORS } from '../modules/auth/errors';
import { BOUNDARY_ERRORS } from '../modules/boundaries/errors';
import { CARE_ERRORS } from '../modules/care/errors';
import { CASE_ERRORS } from '../modules/cases/errors';
import { JURISDICTION_ERRORS } from '../modules/jurisdictions/errors';
import { OBSERVATION_ERRORS } from '../modules/observations/errors';
import { PERSON_ERRORS } from '../modules/persons/errors';
import { SCREEN_TOKEN_ERRORS } from '../modules/screen-tokens/errors';
import { SITE_ERRORS } from '../modules/sites/errors';

export type Lang = 'zh' | 'en';
export type Text = string | { zh: string; en: string };

export interface ErrorMessage {
  status: number;
  zh: string;
  en: string;
}
export type ErrorTable = Record<string, ErrorMessage>;

/** Codes any route may answer with; each module's own codes sit beside it in its errors.ts. */
const COMMON_ERRORS = {
  validation: { status: 400, zh: '字段“{field}”{problem}', en: 'Field "{field}" {problem}' },
  unknown_code: { status: 400, zh: '字段“{field}”：找不到代码 {value}', en: 'Field "{field}": unknown code {value}' },
  unauthenticated: { status: 401, zh: '请先登录', en: 'Please log in' },
  forbidden: { status: 403, zh: '无权执行此操作', en: 'You are not allowed to do this' },
  not_found: { status: 404, zh: '记录不存在', en: 'Not found' },
  conflict: { status: 409, zh: '{what}已存在', en: '{what} already exists' },
  region_root_only: { status: 403, zh: '全区设置只能由全区（{region}）账号修改', en: 'Region-wide settings are changed only by accounts of the whole region ({region})' },
  client_id_reused: { status: 409, zh: '该 clientId 已用于另一份内容不同的提交；新的提交须使用新的 clientId', en: 'This clientId was already used for a different submission; a new submission needs a new clientId' },
  outside_scope: { status: 403, zh: '只能在本辖区内操作', en: 'Only within your own jurisdiction' },
  bad_request: { status: 400, zh: '请求格式不正确', en: 'Malformed request' },
  import_cell: { status: 400, zh: '第 {line} 行“{column}”列：{problem}', en: 'Line {line}, column "{column}": {problem}' },
  import_line: { status: 400, zh: '第 {line} 行：{problem}', en: 'Line {line}: {problem}' },
  import_file: { status: 400, zh: 'CSV 文件{problem}', en: 'The CSV file {problem}' },
  payload_too_large: { status: 413, zh: '上传内容过大', en: 'The upload is too large' },
  rate_limited: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  internal: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
} as const satisfies ErrorTable;

const MODULE_ERRORS = [
  ARRIVAL_ERRORS, ASSISTANCE_ERRORS, AUDIT_ERRORS, AUTH_ERRORS, BOUNDARY_ERRORS, CARE_ERRORS, CASE_ERRORS, JURISDICTION_ERRORS,
  OBSERVATION_ERRORS, PERSON_ERRORS, SCREEN_TOKEN_ERRORS, SITE_ERRORS,
] as const;

type Merged<T extends readonly object[]> = T extends readonly [infer H, ...infer R extends readonly object[]] ? H & Merged<R> : unknown;
const MESSAGES = Object.assign({}, COMMON_ERRORS, ...MODULE_ERRORS) as typeof COMMON_ERRORS & Merged<typeof MODULE_ERRORS>;

/** Every code an error answer can carry: `new AppError('typo')` does not compile. */
export type ErrorCode = keyof typeof MESSAGES;
export const ERROR_CODES = Object.keys(MESSAGES) as ErrorCode[];

// Two modules declaring one code would silently share (or override) its message.
if ([COMMON_ERRORS, ...MODULE_ERRORS].reduce((n, t) => n + Object.keys(t).length, 0) !== ERROR_CODES.length) {
  throw new Error('an error code is declared by two tables');
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, Text> = {},
    readonly field?: string,
  ) {
    super(code);
    this.status = MESSAGES[code].status;
  }

  message_(lang: Lang): string {
    return MESSAGES[this.code][lang].replace(/\{(\w+)\}/g, (_, k: string) => {
      const v = this.params[k];
      return v === undefined ? '' : typeof v === 'string' ? v : v[lang];
    });
  }

  toJSON(lang: Lang) {
    return { code: this.code, message: this.message_(lang), ...(this.field ? { field: this.field } : {}) };
  }
}

export function validationError(field: string, problem: { zh: string; en: string }): AppError {
  return new AppError('validation', { field, problem }, field);
}

export function langOf(acceptLanguage: string | undefined): Lang {
  return acceptLanguage && /^\s*en\b/i.test(acceptLanguage) ? 'en' : 'zh';
}
