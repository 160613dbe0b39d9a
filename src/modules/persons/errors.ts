// The error codes this module answers with, and their messages (src/server/errors.ts joins every module's).
import type { ErrorTable } from '../../server/errors';

export const PERSON_ERRORS = {
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
} as const satisfies ErrorTable;
