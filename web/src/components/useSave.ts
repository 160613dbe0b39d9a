// The one way a form or dialog saves: busy while the request runs; then a message, an optional reset and
// the caller's next step; a refusal shown beside its field when the form has it, else as a message.
import { useState } from 'react';
import { App as AntApp, type FormInstance } from 'antd';
import { showFieldError } from './formErrors';

interface SaveSteps<T> {
  /** The success message, if any. */
  success?: string | ((result: T) => string);
  /** Empty the form afterwards (a dialog that creates one record after another). */
  reset?: boolean;
  onSaved?(result: T): void;
}

/** `fields` are the form fields an API error may name. */
export function useSave(form?: FormInstance, fields: string[] = []) {
  const { message } = AntApp.useApp();
  const [saving, setSaving] = useState(false);
  const save = async <T>(request: () => Promise<T>, steps: SaveSteps<T> = {}): Promise<void> => {
    setSaving(true);
    try {
      const result = await request();
      if (steps.success) message.success(typeof steps.success === 'function' ? steps.success(result) : steps.success);
      if (steps.reset) form?.resetFields();
      steps.onSaved?.(result);
    } catch (e) {
      if (!(form && showFieldError(form, e, fields))) message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  return { saving, save };
}
