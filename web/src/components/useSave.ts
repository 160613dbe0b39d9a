// The one way a form or dialog saves: busy while the request runs; then a message, an optional reset and
// the caller's next step; a refusal shown beside its field when the form has it, else as a message (or,
// for a dialog, as `error` inside it).
import { useState } from 'react';
import { App as AntApp, type FormInstance } from 'antd';
import { showFieldError } from './formErrors';

interface SaveOptions {
  form?: FormInstance;
  /** The form fields an API error may name. */
  fields?: string[];
  /** Keep other errors in `error` (shown inside a dialog) instead of a passing message. */
  inline?: boolean;
}

interface SaveSteps<T> {
  /** The success message, if any. */
  success?: string | ((result: T) => string);
  /** Empty the form afterwards (a dialog that creates one record after another). */
  reset?: boolean;
  onSaved?(result: T): void;
  /** A failure the caller handles itself (e.g. a full site that offers an override); true when handled. */
  onError?(error: unknown): boolean;
}

export function useSave({ form, fields = [], inline = false }: SaveOptions = {}) {
  const { message } = AntApp.useApp();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async <T>(request: () => Promise<T>, steps: SaveSteps<T> = {}): Promise<void> => {
    setSaving(true);
    setError(null);
    try {
      const result = await request();
      if (steps.success) message.success(typeof steps.success === 'function' ? steps.success(result) : steps.success);
      if (steps.reset) form?.resetFields();
      steps.onSaved?.(result);
    } catch (e) {
      if (steps.onError?.(e) || (form && showFieldError(form, e, fields))) return;
      if (inline) setError((e as Error).message);
      else message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  return { saving, error, setError, save };
}
