import type { FormInstance } from 'antd';
import { toApiError } from '../api/client.ts';
import type { Lang } from '../i18n/context.ts';
import { bilingual } from './ErrorAlert.tsx';

/** The form field an API error names, if the form has it. */
export function errorField<F extends string>(e: unknown, fields: readonly F[]): F | undefined {
  if (!e) return undefined;
  const field = toApiError(e).field;
  return fields.find((f) => f === field);
}

/**
 * Shows an API error under the field it names (`field` of the error body), in the UI
 * language. Returns false when the error names no field of the form: show it as an alert.
 */
export function showFieldError<F extends string>(
  form: FormInstance,
  e: unknown,
  fields: readonly F[],
  lang: Lang,
): boolean {
  const field = errorField(e, fields);
  if (!field) return false;
  form.setFields([{ name: field, errors: [bilingual(toApiError(e), lang).primary] }]);
  return true;
}
