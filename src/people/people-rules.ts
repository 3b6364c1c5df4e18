import { type FormErrors, requireEmail, requireText } from '../platform/web/forms.js';
import { passwordProblem } from '../platform/identity/password-policy.js';

export function validateNewPassword(
  errors: FormErrors,
  password: string,
  confirmPassword: string,
  context: { email?: string },
  fields = { password: 'password', confirm: 'confirmPassword' },
): void {
  if (password === '') errors.add(fields.password, 'Enter a password');
  else {
    const problem = passwordProblem(password, context);
    if (problem) errors.add(fields.password, problem);
    else if (confirmPassword !== password)
      errors.add(fields.confirm, 'Passwords do not match. Enter the same password twice');
  }
}

/** A new account: name, email and a password typed twice. */
export function validateNewAccount(
  input: { name: string; email: string; password: string; confirmPassword: string },
  errors: FormErrors,
  options: { nameField?: string } = {},
): void {
  requireText(errors, options.nameField ?? 'name', input.name, { label: 'full name', max: 120 });
  requireEmail(errors, 'email', input.email);
  validateNewPassword(errors, input.password, input.confirmPassword, { email: input.email });
}

/**
 * An email address as Sendboard keeps it: trimmed and in lower case. Sign-in and the one-account-
 * per-address rule already ignore case, so lower case only makes what is shown match.
 */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export type PersonDetails = { name: string; email: string };
