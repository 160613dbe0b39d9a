// The error codes this module answers with, and their messages (src/server/errors.ts joins every module's).
import type { ErrorTable } from '../../server/errors';

export const CASE_ERRORS = {
  case_transition: { status: 409, zh: '病例状态不能从“{from}”改为“{to}”', en: 'A case cannot go from "{from}" to "{to}"' },
  case_closed: { status: 409, zh: '该病例已结案（{status}），不能再更改', en: 'This case has ended ({status}) and cannot change' },
  reclassification: { status: 409, zh: '只能由无症状感染者订正为确诊病例', en: 'Only an asymptomatic infection can be reclassified, as a confirmed case' },
  outside_infectious_period: { status: 400, zh: '字段“{field}”：暴露时间不在传染期内（{window}）', en: 'Field "{field}": the exposure lies outside the infectious period ({window})' },
  stale: { status: 409, zh: '该记录刚被他人修改，请刷新后重试', en: 'This record was just changed by someone else; reload and try again' },
  already_case: { status: 409, zh: '该人员是在管病例，不作为密接登记', en: 'This person is an open case, not a contact' },
  contact_degree: { status: 409, zh: '只追踪密接和次密接：次密接的接触者不再登记', en: 'Tracing stops at secondary contacts: their own contacts are not registered' },
  source_cycle: { status: 409, zh: '传播来源不能指向本病例或其后代病例', en: 'A case cannot be infected by itself or by a case it infected' },
  manifest_file: { status: 400, zh: '名单文件{problem}', en: 'The list {problem}' },
} as const satisfies ErrorTable;
