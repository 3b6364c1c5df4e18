/**
 * The account commands: the signed-in person's own name, password and API tokens. Each checks
 * its input against its schema and answers one Result. They act on the person's account, in no
 * partnership, so their context has no tenant.
 */
import { parseInput } from '../../platform/commands/input.js';
import { MAX_PASSWORD_LENGTH } from '../../platform/identity/password-policy.js';
import {
  conflict,
  invalid,
  notFound,
  ok,
  type CommandContext,
  type FieldProblem,
  type Result,
} from '../../platform/commands/result.js';
import { findUserById, type UserRecord } from '../../platform/identity/identity-repository.js';
import { hashPassword, verifyPassword } from '../../platform/identity/passwords.js';
import { newPasswordProblems, typedText } from '../../people/index.js';
import { changeOwnName, setOwnPassword } from '../account-service.js';
import { NameChange, PasswordChange, TokenInput } from '../inputs.js';
import { createToken, revokeToken } from '../token-service.js';

/** Who acts, with which database: an account command acts in no partnership. */
export type AccountContext = Pick<CommandContext, 'db' | 'actor'>;

/** The name as someone else left it, and the name asked for: both go on the conflict page. */
export type NameConflict = { current: UserRecord; asked: string };

/** Your own name changed, as of the account version read; the same name changes nothing. */
export async function changeYourName(
  { db, actor }: AccountContext,
  userId: string,
  raw: unknown,
): Promise<Result<{ name: string; unchanged: boolean }, NameConflict>> {
  const parsed = parseInput(NameChange, raw);
  if (!parsed.ok) return invalid(...parsed.problems);
  const { name, version } = parsed.value;
  const result = await changeOwnName(db, actor, userId, name, version);
  if (result.outcome === 'not-found') return notFound;
  if (result.outcome === 'conflict') return conflict({ current: result.current, asked: name });
  return ok({ name, unchanged: result.outcome === 'unchanged' });
}

/** The current password's problem, if any: it must be given, and be right. */
async function currentPasswordProblem(
  typed: string,
  record: UserRecord | undefined,
): Promise<FieldProblem[]> {
  if (typed === '') return [{ field: 'currentPassword', text: 'Enter your current password' }];
  if (
    typed.length > MAX_PASSWORD_LENGTH ||
    !(await verifyPassword(typed, record?.password_hash ?? null))
  )
    return [{ field: 'currentPassword', text: 'Your current password is not correct' }];
  return [];
}

/**
 * Your password changed, given the current one: the new one must pass the password rules and be
 * typed twice the same. Your other sessions are signed out; `sessionId` (this one) is kept.
 */
export async function changeYourPassword(
  { db, actor }: AccountContext,
  user: { id: string; email: string },
  sessionId: string | undefined,
  raw: unknown,
): Promise<Result<void>> {
  const parsed = parseInput(PasswordChange, raw);
  if (!parsed.ok) return invalid(...parsed.problems);
  const password = typedText(raw, 'password');
  const record = await findUserById(db, user.id);
  const problems = [
    ...(await currentPasswordProblem(typedText(raw, 'currentPassword'), record)),
    ...newPasswordProblems(password, typedText(raw, 'confirmPassword'), { email: user.email }),
  ];
  if (problems.length) return invalid(...problems);
  await setOwnPassword(db, actor, user.id, await hashPassword(password), sessionId);
  return ok(undefined);
}

/** A new personal API token: its secret is in the result, the only time it is shown. */
export async function createApiToken(
  { db, actor }: AccountContext,
  userId: string,
  raw: unknown,
): Promise<Result<{ id: string; name: string; token: string }>> {
  const parsed = parseInput(TokenInput, raw);
  if (!parsed.ok) return invalid(...parsed.problems);
  const { name } = parsed.value;
  return ok({ ...(await createToken(db, actor, userId, name)), name });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One of your tokens revoked; any other id (or one already revoked) is not found. */
export async function revokeApiToken(
  { db, actor }: AccountContext,
  userId: string,
  tokenId: string,
): Promise<Result<void>> {
  if (!UUID.test(tokenId) || !(await revokeToken(db, actor, userId, tokenId))) return notFound;
  return ok(undefined);
}
