// One error type with a stable code, an HTTP status and messages in both languages.

export type Lang = 'zh' | 'en';
export type Text = string | { zh: string; en: string };

const MESSAGES: Record<string, { status: number; zh: string; en: string }> = {
  validation: { status: 400, zh: '字段“{field}”{problem}', en: 'Field "{field}" {problem}' },
  invalid_document: { status: 400, zh: '证件号码无效：{problem}', en: 'Invalid document number: {problem}' },
  unknown_code: { status: 400, zh: '字段“{field}”：找不到代码 {value}', en: 'Field "{field}": unknown code {value}' },
  destination_level: { status: 400, zh: '目的地须选到社区（村）或管理单位', en: 'Destination must be a community (village) or a management unit' },
  unit_parent_level: { status: 400, zh: '管理单位须建在市（地区）、区县、乡镇（街道）或其他管理单位之下', en: 'A management unit belongs under a city, district, town or another management unit' },
  unit_codes_exhausted: { status: 409, zh: '该上级下的管理单位编码已用完（最多 999 个）', en: 'No unit codes are left under this parent (999 at most)' },
  bad_credentials: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  account_locked: { status: 423, zh: '登录失败次数过多，请 {minutes} 分钟后再试', en: 'Too many failed logins; try again in {minutes} minutes' },
  password_change_required: { status: 403, zh: '初始密码或重置的密码须先修改，才能继续使用', en: 'Change the password an administrator set before going on' },
  unauthenticated: { status: 401, zh: '请先登录', en: 'Please log in' },
  forbidden: { status: 403, zh: '无权执行此操作', en: 'You are not allowed to do this' },
  screen_token_scope: { status: 403, zh: '大屏授权只能查看数据大屏，不能访问此接口', en: 'A screen token may only read the dashboard, not this endpoint' },
  screen_token_revoked: { status: 401, zh: '大屏授权已撤销', en: 'This screen token has been revoked' },
  screen_token_expired: { status: 401, zh: '大屏授权已过期', en: 'This screen token has expired' },
  screen_token_invalid: { status: 401, zh: '大屏授权无效', en: 'Unknown screen token' },
  screen_only: { status: 403, zh: '此接口仅供大屏授权调用', en: 'Only a screen token may call this' },
  not_found: { status: 404, zh: '记录不存在', en: 'Not found' },
  not_holder: { status: 409, zh: '该人员当前不在本单位待接收', en: 'This arrival is not waiting for your unit' },
  conflict: { status: 409, zh: '{what}已存在', en: '{what} already exists' },
  region_root_only: { status: 403, zh: '全区设置只能由全区（{region}）账号修改', en: 'Region-wide settings are changed only by accounts of the whole region ({region})' },
  export_too_large: { status: 400, zh: '导出 {rows} 行，超过上限 {max} 行；请缩小筛选范围', en: 'The export would hold {rows} rows, more than the limit of {max}; narrow the filters' },
  client_id_reused: { status: 409, zh: '该 clientId 已用于另一份内容不同的提交；新的提交须使用新的 clientId', en: 'This clientId was already used for a different submission; a new submission needs a new clientId' },
  outside_scope: { status: 403, zh: '只能在本辖区内操作', en: 'Only within your own jurisdiction' },
  not_releasable: { status: 409, zh: '暂不能解除医学观察：{blockers}', en: 'Cannot be released yet: {blockers}' },
  observation_closed: { status: 409, zh: '该医学观察已结束', en: 'This observation has already ended' },
  assistance_decided: { status: 409, zh: '该协查已处理', en: 'This request has already been decided' },
  no_handoff: { status: 409, zh: '该人员不在转交环节，或不在本单位', en: 'No hand-off is waiting for your unit' },
  not_a_site: { status: 400, zh: '{code} 不是在用的留观酒店或隔离点', en: '{code} is not an active observation hotel or isolation site' },
  site_full: { status: 409, zh: '{place}已满（床位 {capacity}，在住 {occupied}）；确需安排须注明超员原因', en: '{place} is full ({occupied} of {capacity} beds taken); an override needs a reason' },
  room_occupied: { status: 409, zh: '房间 {number} 仍有 {occupants} 人在住，不能停用', en: 'Room {number} still has {occupants} occupant(s) and cannot be taken out of service' },
  care_task_closed: { status: 409, zh: '该关爱任务{status}，不能再更改', en: 'This care task is already {status}' },
  merged: { status: 404, zh: '该人员已合并到另一人员档案', en: 'This person was merged into another record' },
  same_person: { status: 409, zh: '不能把人员与其自身合并', en: 'A person cannot be merged with itself' },
  already_merged: { status: 409, zh: '该人员已被合并，不能再合并', en: 'This person has already been merged away' },
  merge_undone: { status: 409, zh: '该合并已撤销', en: 'This merge has already been undone' },
  merge_case_clash: {
    status: 409,
    zh: '两人都有未结病例，或是同一暴露的密接，不能合并；请先结案或核实',
    en: 'Both have an open case, or both are contacts of one exposure; close or check those records first',
  },
  merge_conflict: { status: 409, zh: '合并后记录又有变动（例如再次合并），无法原样撤销', en: 'Records moved on since this merge (e.g. a later merge); it cannot be undone exactly' },
  case_transition: { status: 409, zh: '病例状态不能从“{from}”改为“{to}”', en: 'A case cannot go from "{from}" to "{to}"' },
  case_closed: { status: 409, zh: '该病例已结案（{status}），不能再更改', en: 'This case has ended ({status}) and cannot change' },
  reclassification: { status: 409, zh: '只能由无症状感染者订正为确诊病例', en: 'Only an asymptomatic infection can be reclassified, as a confirmed case' },
  outside_infectious_period: { status: 400, zh: '字段“{field}”：暴露时间不在传染期内（{window}）', en: 'Field "{field}": the exposure lies outside the infectious period ({window})' },
  stale: { status: 409, zh: '该记录刚被他人修改，请刷新后重试', en: 'This record was just changed by someone else; reload and try again' },
  already_case: { status: 409, zh: '该人员是在管病例，不作为密接登记', en: 'This person is an open case, not a contact' },
  contact_degree: { status: 409, zh: '只追踪密接和次密接：次密接的接触者不再登记', en: 'Tracing stops at secondary contacts: their own contacts are not registered' },
  source_cycle: { status: 409, zh: '传播来源不能指向本病例或其后代病例', en: 'A case cannot be infected by itself or by a case it infected' },
  manifest_file: { status: 400, zh: '名单文件{problem}', en: 'The list {problem}' },
  bad_request: { status: 400, zh: '请求格式不正确', en: 'Malformed request' },
  import_cell: { status: 400, zh: '第 {line} 行“{column}”列：{problem}', en: 'Line {line}, column "{column}": {problem}' },
  import_line: { status: 400, zh: '第 {line} 行：{problem}', en: 'Line {line}: {problem}' },
  import_file: { status: 400, zh: 'CSV 文件{problem}', en: 'The CSV file {problem}' },
  payload_too_large: { status: 413, zh: '上传内容过大', en: 'The upload is too large' },
  invalid_boundary: { status: 400, zh: '边界文件“{path}”：{problem}', en: 'Boundary file "{path}": {problem}' },
  rate_limited: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  internal: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: keyof typeof MESSAGES,
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
