/** The meeting commands: a board's meetings, made, changed and deleted, each answering a Result. */
import { recordAudit } from '../../platform/audit/record.js';
import { parseInput } from '../../platform/commands/input.js';
import {
  conflict,
  invalid,
  notFound,
  ok,
  refused,
  type CommandContext,
  type FieldProblem,
  type Result,
} from '../../platform/commands/result.js';
import { meetingRemovalProblem } from '../governance-rules.js';
import {
  deleteMeeting,
  findBoard,
  findMeeting,
  insertMeeting,
  lockMeeting,
  meetingRecordCounts,
  updateMeeting,
  type MeetingFields,
  type MeetingRow,
} from '../governance-repository.js';
import { MeetingChange, MeetingInput } from '../inputs.js';

const DATE_MISSING: FieldProblem = { field: 'meetsOn', text: 'Enter the date of the meeting' };

/** A meeting needs its date: the schema lets null through (a form's empty date), this does not. */
function meetingFields(
  schema: typeof MeetingInput | typeof MeetingChange,
  raw: unknown,
): { ok: true; fields: MeetingFields; version: number } | { ok: false; problems: FieldProblem[] } {
  const parsed = parseInput(schema, raw);
  const sent = raw && typeof raw === 'object' ? Reflect.get(raw, 'meetsOn') : undefined;
  if (!parsed.ok) {
    const hasDate = parsed.problems.some((p) => p.field === 'meetsOn');
    return {
      ok: false,
      problems: sent === null && !hasDate ? [DATE_MISSING, ...parsed.problems] : parsed.problems,
    };
  }
  const { meetsOn, startsAt, place, status } = parsed.value;
  if (!meetsOn) return { ok: false, problems: [DATE_MISSING] };
  const version = 'version' in parsed.value ? parsed.value.version : 1;
  return {
    ok: true,
    fields: { meetsOn, startsAt: startsAt ?? null, place: place ?? '', status },
    version,
  };
}

const audited = (f: MeetingFields) => ({ ...f });

export async function createMeeting(
  { db, actor, tenant }: CommandContext,
  boardId: string,
  raw: unknown,
): Promise<Result<MeetingRow>> {
  const checked = meetingFields(MeetingInput, raw);
  if (!checked.ok) return invalid(...checked.problems);
  return db.transaction(async (tx) => {
    if (!(await findBoard(tx, tenant, boardId, true))) return notFound;
    const id = await insertMeeting(tx, tenant, boardId, checked.fields);
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'meeting',
      entityId: id,
      action: 'create',
      after: { boardId, ...audited(checked.fields) },
    });
    return ok((await findMeeting(tx, tenant, id))!);
  });
}

export type MeetingConflict = { current: MeetingRow; asked: MeetingFields };

export async function changeMeeting(
  { db, actor, tenant }: CommandContext,
  meetingId: string,
  raw: unknown,
): Promise<Result<MeetingRow, MeetingConflict>> {
  const checked = meetingFields(MeetingChange, raw);
  if (!checked.ok) return invalid(...checked.problems);
  return db.transaction(async (tx) => {
    const current = await findMeeting(tx, tenant, meetingId);
    if (!current) return notFound;
    if (
      current.version !== checked.version ||
      !(await updateMeeting(tx, tenant, meetingId, checked.fields, checked.version))
    )
      return conflict({ current, asked: checked.fields });
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'meeting',
      entityId: meetingId,
      action: 'update',
      before: {
        meetsOn: current.meets_on,
        startsAt: current.starts_at,
        place: current.place,
        status: current.status,
      },
      after: audited(checked.fields),
    });
    return ok((await findMeeting(tx, tenant, meetingId))!);
  });
}

/** Deletes a meeting that records no decision or follow-up (its agenda goes with it). */
export function removeMeeting(
  { db, actor, tenant }: CommandContext,
  meetingId: string,
): Promise<Result<true>> {
  return db.transaction(async (tx) => {
    if (!(await lockMeeting(tx, tenant, meetingId))) return notFound;
    const meeting = (await findMeeting(tx, tenant, meetingId))!;
    const counts = await meetingRecordCounts(tx, tenant, meetingId);
    const why = meetingRemovalProblem(counts.decisions, counts.followUps);
    if (why) return refused(why);
    await deleteMeeting(tx, tenant, meetingId);
    await recordAudit(tx, actor, {
      partnershipId: tenant.partnershipId,
      entityType: 'meeting',
      entityId: meetingId,
      action: 'delete',
      before: { boardId: meeting.board_id, meetsOn: meeting.meets_on, status: meeting.status },
    });
    return ok(true as const);
  });
}
