import { dictionary } from '@zxcvbn-ts/language-common';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return common;
}

/**
 * Returns why a new password is not acceptable, or undefined when it is.
 * NCSC guidance: length over complexity rules, and refuse passwords on common-password lists,
 * including a common word padded with digits or symbols ("password1234!").
 */
export function passwordProblem(
  password: string,
  context: { email?: string; name?: string } = {},
): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `Password must be ${MIN_PASSWORD_LENGTH} characters or more`;
  if (password.length > MAX_PASSWORD_LENGTH)
    return `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer`;
  const lower = password.toLowerCase();
  const stripped = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
  const list = commonPasswords();
  if (list.has(lower) || (stripped.length >= 4 && list.has(stripped)) || /^[\d\W_]+$/.test(lower)) {
    return 'Password is too common. Choose a password that is harder to guess, like three random words';
  }
  if (new Set(lower).size < 4)
    return 'Password is too easy to guess. Use more different characters, like three random words';
  const emailName = context.email?.split('@')[0]?.toLowerCase();
  if (
    (emailName && emailName.length >= 4 && lower.includes(emailName)) ||
    lower.includes('sendboard')
  ) {
    return 'Password must not contain your email address or the name of this service';
  }
  return undefined;
}
