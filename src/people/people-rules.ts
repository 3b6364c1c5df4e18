import type { FieldProblem } from '../platform/commands/result.js';
import { passwordProblem } from '../platform/identity/password-policy.js';

/**
 * A new password's problem, if any, in the words every form uses: empty, then the password rules,
 * then (with `confirmPassword`, when the form asks for it twice) the two not matching. The
 * password is as typed: never trimmed.
 */
export function newPasswordProblems(
  password: string,
  confirmPassword: string | undefined,
  context: { email?: string },
): FieldProblem[] {
  if (password === '') return [{ field: 'password', text: 'Enter a password' }];
  const problem = passwordProblem(password, context);
  if (problem) return [{ field: 'password', text: problem }];
  if (confirmPassword !== undefined && confirmPassword !== password)
    return [
      { field: 'confirmPassword', text: 'Passwords do not match. Enter the same password twice' },
    ];
  return [];
}

/**
 * A field of a command's raw input as typed, not trimmed (a password), or '' when it is not text.
 * The schema has checked its type; this reads it before parseInput trims it.
 */
export function typedText(raw: unknown, name: string): string {
  const value: unknown = typeof raw === 'object' && raw !== null ? Reflect.get(raw, name) : '';
  return typeof value === 'string' ? value : '';
}

/**
 * An email address as Sendboard keeps it: trimmed and in lower case. Sign-in and the one-account-
 * per-address rule already ignore case, so lower case only makes what is shown match.
 */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export type PersonDetails = { name: string; email: string };
