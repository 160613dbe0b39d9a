// Checks a document number for its type and gives what it encodes.
import type { DocumentType } from '../../domain/enums';
import { parseResidentId, type IdNumberProblem } from '../../domain/id-number';
import { AppError } from '../../server/errors';

const PROBLEMS: Record<IdNumberProblem, { zh: string; en: string }> = {
  length: { zh: '居民身份证号码应为18位', en: 'a resident ID number has 18 characters' },
  characters: { zh: '只能是17位数字加一位数字或X', en: 'must be 17 digits followed by a digit or X' },
  birth_date: { zh: '出生日期不存在', en: 'the birth date does not exist' },
  checksum: { zh: '校验位不正确', en: 'the check character is wrong' },
};

const OTHER_FORMATS: Record<Exclude<DocumentType, 'resident_id'>, RegExp> = {
  passport: /^[A-Z0-9]{5,17}$/,
  hk_macao_permit: /^[HMCK][0-9]{8,10}$/,
  taiwan_permit: /^([0-9]{8}|[A-Z0-9]{8,10})$/,
  other: /^[A-Z0-9-]{3,32}$/,
};

export interface CheckedDocument {
  type: DocumentType;
  number: string;
  birthDate: string | null;
  sex: 'male' | 'female' | null;
}

export function checkDocument(type: DocumentType, raw: string, today: string): CheckedDocument {
  const number = raw.trim().toUpperCase();
  if (type === 'resident_id') {
    const r = parseResidentId(number, today);
    if (!r.ok) throw new AppError('invalid_document', { problem: PROBLEMS[r.problem] }, 'person.documentNumber');
    return { type, number: r.value.number, birthDate: r.value.birthDate, sex: r.value.sex };
  }
  if (!OTHER_FORMATS[type].test(number)) {
    throw new AppError('invalid_document', { problem: { zh: '格式不正确', en: 'has the wrong format' } }, 'person.documentNumber');
  }
  return { type, number, birthDate: null, sex: null };
}

/** The key that makes one person per document. */
export function documentKeyInput(type: DocumentType, number: string): string {
  return `${type}:${number}`;
}
