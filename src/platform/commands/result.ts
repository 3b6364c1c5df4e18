/**
 * What every command answers, whoever called it: a page form and the JSON API turn the same result
 * into a redirect or a re-shown form, and a status code, so both give the same verdict.
 */
import type { Db } from '../db/db.js';
import type { Actor } from '../identity/types.js';
import type { Tenant } from '../tenancy/tenancy.js';

/**
 * A problem with one field of the input: `text` is shown beside the field on a page; the API's
 * 400 says `detail` when there is one (the same verdict in a developer's words, naming the
 * property), else `text`.
 */
export type FieldProblem = { field: string; text: string; detail?: string };

export type Ok<T> = { kind: 'ok'; value: T };
/** The input breaks a rule: the form shows the problems, the API answers 400. */
export type Invalid = { kind: 'invalid'; problems: FieldProblem[] };
/** The change is refused as things stand (it has history, a round is closed): 409. */
export type Refused = { kind: 'refused'; message: string };
export type NotFound = { kind: 'not-found' };
export type Forbidden = { kind: 'forbidden' };
/** Changed by someone else since the version the editor read: both versions go on the conflict page. */
export type Conflict<C> = { kind: 'conflict'; current: C };

export type Result<T, C = never> = Ok<T> | Invalid | Refused | NotFound | Forbidden | Conflict<C>;

export const ok = <T>(value: T): Ok<T> => ({ kind: 'ok', value });
export const invalid = (...problems: FieldProblem[]): Invalid => ({ kind: 'invalid', problems });
export const problem = (field: string, text: string): Invalid => invalid({ field, text });
export const refused = (message: string): Refused => ({ kind: 'refused', message });
export const notFound: NotFound = { kind: 'not-found' };
export const forbidden: Forbidden = { kind: 'forbidden' };
export const conflict = <C>(current: C): Conflict<C> => ({ kind: 'conflict', current });

/** Who is acting, on which partnership, with which database: every command's first argument. */
export type CommandContext = { db: Db; actor: Actor; tenant: Tenant };

/**
 * Thrown inside a command's transaction to undo it and answer `invalid` or `refused`: a rule that
 * can only be checked after some writes (or under a lock) still leaves nothing half-written.
 */
export class RuleBroken extends Error {
  constructor(readonly result: Invalid | Refused) {
    super(
      result.kind === 'invalid' ? result.problems.map((p) => p.text).join('; ') : result.message,
    );
  }
}

/** Runs a command body, turning a RuleBroken thrown from it (after its rollback) into its result. */
export async function settle<T, C = never>(
  run: () => Promise<Result<T, C>>,
): Promise<Result<T, C>> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof RuleBroken) return error.result;
    throw error;
  }
}
