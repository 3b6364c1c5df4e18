/**
 * Signing in, and choosing a password through an invitation link. Each answers one Result; what
 * a wrong password says never tells whether the account exists.
 */
import type { Db } from '../../platform/db/db.js';
import type { Config } from '../../platform/config/config.js';
import { parseInput } from '../../platform/commands/input.js';
import { MAX_PASSWORD_LENGTH } from '../../platform/identity/password-policy.js';
import {
  invalid,
  notFound,
  ok,
  refused,
  type FieldProblem,
  type Result,
} from '../../platform/commands/result.js';
import { formatDateTime } from '../../platform/web/views.js';
import { acceptInvitation, newPasswordProblems, typedText } from '../../people/index.js';
import { ChosenPassword, SignInInput } from '../inputs.js';
import { attemptSignIn } from '../sign-in-service.js';

/** The one answer to a wrong email address or password, whichever it was. */
const WRONG = 'Enter a correct email address and password';

function passwordProblems(password: string): FieldProblem[] {
  if (password === '') return [{ field: 'password', text: 'Enter your password' }];
  if (password.length > MAX_PASSWORD_LENGTH) return [{ field: 'password', text: WRONG }];
  return [];
}

/**
 * Checks an email address and password, counting failures (see attemptSignIn): `ok` with the
 * person to start a session for; `invalid` for a wrong one; `refused`, saying until when, while
 * the account is locked.
 */
export async function signIn(
  db: Db,
  config: Config,
  raw: unknown,
  requestId: string,
): Promise<Result<{ userId: string }>> {
  const parsed = parseInput(SignInInput, raw);
  const password = typedText(raw, 'password');
  const problems = [...(parsed.ok ? [] : parsed.problems), ...passwordProblems(password)];
  if (!parsed.ok || problems.length) return invalid(...problems);
  const result = await attemptSignIn(db, config, parsed.value.email, password, requestId);
  if (result.outcome === 'locked')
    return refused(
      `You entered the wrong password too many times. Your account is locked. Try again after ${formatDateTime(result.until)}.`,
    );
  if (result.outcome === 'invalid') return invalid({ field: 'email', text: WRONG });
  return ok({ userId: result.userId });
}

/**
 * The invited person's password, set through the link's `token`: it must pass the password rules
 * and be typed twice the same. A link used or expired meanwhile is not found.
 */
export async function choosePassword(
  db: Db,
  invitation: { email: string },
  token: string,
  raw: unknown,
  requestId: string,
): Promise<Result<{ userId: string }>> {
  const parsed = parseInput(ChosenPassword, raw);
  if (!parsed.ok) return invalid(...parsed.problems);
  const password = typedText(raw, 'password');
  const problems = newPasswordProblems(password, typedText(raw, 'confirmPassword'), {
    email: invitation.email,
  });
  if (problems.length) return invalid(...problems);
  const accepted = await acceptInvitation(db, token, password, requestId);
  return accepted ? ok(accepted) : notFound;
}
