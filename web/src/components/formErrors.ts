import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/** Puts an API error next to its field when the form has it; returns false when it does not. */
export function showFieldError(form: FormInstance, e: unknown, fields: string[]): boolean {
  if (!(e instanceof ApiError) || !e.field) return false;
  const name = e.field.split('.');
  if (!fields.includes(name[0])) return false;
  form.setFields([{ name, errors: [e.message] }]);
  return true;
}
