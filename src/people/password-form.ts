import type { TObject } from 'typebox';
import type { FormBody } from '../platform/web/forms.js';
import { readForm, type ReadForm } from '../platform/web/form-input.js';
import { typedText } from './people-rules.js';

/**
 * A form with password fields: the other fields read with readForm, each password as typed (never
 * trimmed) for its command's password rules, and never among the values shown again.
 */
export function readPasswordForm(
  schema: TObject,
  body: FormBody | undefined,
  passwords: readonly string[],
): ReadForm {
  const form = readForm(schema, body, { omit: passwords });
  const typed = Object.fromEntries(passwords.map((name) => [name, typedText(body, name)]));
  return { ...form, input: { ...form.input, ...typed } };
}
