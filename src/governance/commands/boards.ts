/**
 * The board commands: a board's details and its members. Each checks its input against its
 * schema, then against the partnership's records, writes with its audit entry in one
 * transaction, and answers a Result, for the pages and the API alike.
 */
import { recordAudit } from '../../platform/audit/record.js';
import { parseInput } from '../../platform/commands/input.js';
import {
  conflict,
  invalid,
  notFound,
  ok,
  problem,
  refused,
  RuleBroken,
  settle,
  type CommandContext,
  type Result,
} from '../../platform/commands/result.js';
import type { Queryable } from '../../platform/db/db.js';
import { findMember } from '../../platform/directory/directory.js';
import type { Tenant } from '../../platform/tenancy/tenancy.js';
import { boardRemovalProblem, memberRemovalProblem } from '../governance-rules.js';
import {
  deleteBoard,
  deleteBoardMember,
  findBoard,
  findBoardMember,
  findMemberClash,
  insertBoard,
  insertBoardMember,
  updateBoard,
  updateBoardMember,
  type BoardFields,
  type BoardRow,
  type MemberFields,
  type MemberRow,
} from '../governance-repository.js';
import { BoardChange, BoardInput, MemberChange, MemberInput } from '../inputs.js';

const boardFields = (input: BoardInput): BoardFields => ({
  name: input.name,
  kind: input.kind,
  termsOfReference: input.termsOfReference ?? '',
});

export async function createBoard(
  { db, actor, tenant }: CommandContext,
  raw: unknown,
): Promise<Result<BoardRow>> {
  const parsed = parseInput(BoardInput, raw);
  if (!parsed.ok) return invalid(...parsed.problems);
  const fields = boardFields(parsed.value);
  return db.transaction(async (tx) => {
    const id = await insertBoard(tx, tenant, fields);
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'board',
      entityId: id,
      action: 'create',
      after: fields,
    });
    return ok((await findBoard(tx, tenant, id))!);
  });
}

export type BoardConflict = { current: BoardRow; asked: BoardFields };

/** Changes a board's details, as of the version the editor read. */
export async function changeBoard(
  { db, actor, tenant }: CommandContext,
  boardId: string,
  raw: unknown,
): Promise<Result<BoardRow, BoardConflict>> {
  const parsed = parseInput(BoardChange, raw);
  if (!parsed.ok) return invalid(...parsed.problems);
  const fields = boardFields(parsed.value);
  return db.transaction(async (tx) => {
    const current = await findBoard(tx, tenant, boardId);
    if (!current) return notFound;
    if (
      current.version !== parsed.value.version ||
      !(await updateBoard(tx, tenant, boardId, fields, parsed.value.version))
    )
      return conflict({ current, asked: fields });
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'board',
      entityId: boardId,
      action: 'update',
      before: {
        name: current.name,
        kind: current.kind,
        termsOfReference: current.terms_of_reference,
      },
      after: fields,
    });
    return ok((await findBoard(tx, tenant, boardId))!);
  });
}

/** Deletes a board without meetings; refused with the reason while it has any. */
export function removeBoard(
  { db, actor, tenant }: CommandContext,
  boardId: string,
): Promise<Result<true>> {
  return settle(() =>
    db.transaction(async (tx) => {
      const board = await findBoard(tx, tenant, boardId, true);
      if (!board) return notFound;
      const why = boardRemovalProblem(board.name, board.meeting_count, board.escalated_risks);
      if (why) return refused(why);
      await deleteBoard(tx, tenant, boardId);
      await recordAudit(tx, actor, {
        partnershipId: tenant.partnershipId,
        entityType: 'board',
        entityId: boardId,
        action: 'delete',
        before: { name: board.name, kind: board.kind },
      });
      return ok(true as const);
    }),
  );
}

/** For the delete page and DELETE route kits: true once deleted, false if not found, else throws. */
export async function asRemoval(result: Promise<Result<true>>): Promise<boolean> {
  const settled = await result;
  if (settled.kind === 'ok') return true;
  if (settled.kind === 'refused' || settled.kind === 'invalid') throw new RuleBroken(settled);
  return false;
}

/**
 * A member is a current member of the partnership or a name, never both nor neither; one chair
 * per board, and nobody on it twice. Throws the problem so the transaction leaves nothing.
 */
async function checkMember(
  tx: Queryable,
  tenant: Tenant,
  boardId: string,
  memberId: string | null,
  input: MemberInput,
): Promise<MemberFields> {
  const fields: MemberFields = {
    userId: input.userId ?? null,
    name: input.name ?? '',
    role: input.role ?? '',
    chair: input.chair ?? false,
  };
  if (fields.userId && fields.name)
    throw new RuleBroken(
      problem('name', 'Select a person from the list or enter a name, not both'),
    );
  if (!fields.userId && !fields.name)
    throw new RuleBroken(problem('name', 'Select a person from the list or enter a name'));
  if (fields.userId) {
    const member = await findMember(tx, tenant, fields.userId);
    if (!member || member.disabled_at)
      throw new RuleBroken(problem('userId', 'Select a person from the list'));
  }
  const clash = await findMemberClash(tx, tenant, boardId, memberId, fields);
  if (clash.twice)
    throw new RuleBroken(problem('userId', 'That person is already a member of this board'));
  if (clash.chair)
    throw new RuleBroken(
      problem('chair', 'This board already has a chair: change that member first'),
    );
  return fields;
}

const memberAudit = (m: MemberRow) => ({
  user_id: m.user_id,
  name: m.stored_name,
  role: m.role,
  chair: m.is_chair,
});

export async function addBoardMember(
  { db, actor, tenant }: CommandContext,
  boardId: string,
  raw: unknown,
): Promise<Result<MemberRow>> {
  const parsed = parseInput(MemberInput, raw);
  if (!parsed.ok) return invalid(...parsed.problems);
  return settle(() =>
    db.transaction(async (tx) => {
      if (!(await findBoard(tx, tenant, boardId, true))) return notFound;
      const fields = await checkMember(tx, tenant, boardId, null, parsed.value);
      const id = await insertBoardMember(tx, tenant, boardId, fields);
      const member = (await findBoardMember(tx, tenant, boardId, id))!;
      await recordAudit(tx, actor, {
        partnershipId: tenant.partnershipId,
        entityType: 'board',
        entityId: boardId,
        action: 'add member',
        after: memberAudit(member),
      });
      return ok(member);
    }),
  );
}

export type MemberConflict = { current: MemberRow; asked: MemberFields };

export async function changeBoardMember(
  { db, actor, tenant }: CommandContext,
  boardId: string,
  memberId: string,
  raw: unknown,
): Promise<Result<MemberRow, MemberConflict>> {
  const parsed = parseInput(MemberChange, raw);
  if (!parsed.ok) return invalid(...parsed.problems);
  return settle(() =>
    db.transaction(async (tx) => {
      if (!(await findBoard(tx, tenant, boardId, true))) return notFound;
      const current = await findBoardMember(tx, tenant, boardId, memberId);
      if (!current) return notFound;
      const fields = await checkMember(tx, tenant, boardId, memberId, parsed.value);
      const { version } = parsed.value;
      if (
        current.version !== version ||
        !(await updateBoardMember(tx, tenant, memberId, fields, version))
      )
        return conflict({ current, asked: fields });
      const after = (await findBoardMember(tx, tenant, boardId, memberId))!;
      await recordAudit(tx, actor, {
        partnershipId: tenant.partnershipId,
        entityType: 'board',
        entityId: boardId,
        action: 'change member',
        before: memberAudit(current),
        after: memberAudit(after),
      });
      return ok(after);
    }),
  );
}

/** Takes a member off a board; refused while they own follow-up actions. */
export function removeBoardMember(
  { db, actor, tenant }: CommandContext,
  boardId: string,
  memberId: string,
): Promise<Result<true>> {
  return db.transaction(async (tx) => {
    if (!(await findBoard(tx, tenant, boardId, true))) return notFound;
    const member = await findBoardMember(tx, tenant, boardId, memberId);
    if (!member) return notFound;
    const why = memberRemovalProblem(member.name, member.follow_ups);
    if (why) return refused(why);
    await deleteBoardMember(tx, tenant, memberId);
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'board',
      entityId: boardId,
      action: 'remove member',
      before: memberAudit(member),
    });
    return ok(true as const);
  });
}
