/** Governance's store for boards, their members and their meetings: the only SQL, by Tenant. */
import type { Queryable } from '../platform/db/db.js';
import { deleteRow, insertRow, updateAtVersion } from '../platform/db/rows.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import type { BoardKind, MeetingStatus } from './governance-rules.js';

export type BoardRow = {
  id: string;
  kind: BoardKind;
  name: string;
  terms_of_reference: string;
  version: number;
  chair_name: string | null;
  member_count: number;
  meeting_count: number;
  next_meeting_on: string | null;
  /** Risks escalated to it (the risk register's table, read here for the count alone). */
  escalated_risks: number;
};

const BOARD = `SELECT b.id, b.kind, b.name, b.terms_of_reference, b.version,
    (SELECT COALESCE(u.name, m.name) FROM board_members m LEFT JOIN users u ON u.id = m.user_id
      WHERE m.board_id = b.id AND m.is_chair) AS chair_name,
    (SELECT count(*)::int FROM board_members m WHERE m.board_id = b.id) AS member_count,
    (SELECT count(*)::int FROM board_meetings mt WHERE mt.board_id = b.id) AS meeting_count,
    (SELECT count(*)::int FROM risks r WHERE r.partnership_id = b.partnership_id
      AND r.escalated_to_board_id = b.id) AS escalated_risks,
    (SELECT min(mt.meets_on)::text FROM board_meetings mt WHERE mt.board_id = b.id
      AND mt.status = 'planned' AND mt.meets_on >= CURRENT_DATE) AS next_meeting_on
  FROM boards b`;

export async function listBoards(q: Queryable, tenant: Tenant): Promise<BoardRow[]> {
  return q.query<BoardRow>(`${BOARD} WHERE b.partnership_id = $1 ORDER BY lower(b.name), b.id`, [
    tenant.partnershipId,
  ]);
}

export async function findBoard(
  q: Queryable,
  tenant: Tenant,
  id: string,
  lock = false,
): Promise<BoardRow | undefined> {
  // FOR UPDATE cannot sit beside aggregates: lock the row first, then read it whole.
  if (lock)
    await q.query('SELECT 1 FROM boards WHERE partnership_id = $1 AND id = $2 FOR UPDATE', [
      tenant.partnershipId,
      id,
    ]);
  const rows = await q.query<BoardRow>(`${BOARD} WHERE b.partnership_id = $1 AND b.id = $2`, [
    tenant.partnershipId,
    id,
  ]);
  return rows[0];
}

export type BoardFields = { kind: BoardKind; name: string; termsOfReference: string };

const boardColumns = (input: BoardFields) => ({
  kind: input.kind,
  name: input.name,
  terms_of_reference: input.termsOfReference,
});

export async function insertBoard(q: Queryable, tenant: Tenant, input: BoardFields) {
  return insertRow(q, tenant, 'boards', boardColumns(input));
}

/** Saves only if nobody changed the board since `version` was read. */
export async function updateBoard(
  q: Queryable,
  tenant: Tenant,
  id: string,
  input: BoardFields,
  version: number,
): Promise<boolean> {
  return updateAtVersion(q, tenant, 'boards', id, boardColumns(input), version);
}

export async function deleteBoard(q: Queryable, tenant: Tenant, id: string): Promise<void> {
  await deleteRow(q, tenant, 'boards', id);
}

export type MemberRow = {
  id: string;
  board_id: string;
  user_id: string | null;
  /** The person's name in Sendboard, or the name recorded for someone outside it. */
  name: string;
  stored_name: string;
  role: string;
  is_chair: boolean;
  version: number;
  follow_ups: number;
};

const MEMBER = `SELECT m.id, m.board_id, m.user_id, COALESCE(u.name, m.name) AS name,
    m.name AS stored_name, m.role, m.is_chair, m.version,
    (SELECT count(*)::int FROM board_follow_ups f WHERE f.owner_member_id = m.id) AS follow_ups
  FROM board_members m LEFT JOIN users u ON u.id = m.user_id`;

export async function listBoardMembers(
  q: Queryable,
  tenant: Tenant,
  boardId: string,
): Promise<MemberRow[]> {
  return q.query<MemberRow>(
    `${MEMBER} WHERE m.partnership_id = $1 AND m.board_id = $2
     ORDER BY m.is_chair DESC, lower(COALESCE(u.name, m.name)), m.id`,
    [tenant.partnershipId, boardId],
  );
}

export async function findBoardMember(
  q: Queryable,
  tenant: Tenant,
  boardId: string,
  id: string,
): Promise<MemberRow | undefined> {
  const rows = await q.query<MemberRow>(
    `${MEMBER} WHERE m.partnership_id = $1 AND m.board_id = $2 AND m.id = $3`,
    [tenant.partnershipId, boardId, id],
  );
  return rows[0];
}

export type MemberFields = { userId: string | null; name: string; role: string; chair: boolean };

const memberColumns = (input: MemberFields) => ({
  user_id: input.userId,
  name: input.name,
  role: input.role,
  is_chair: input.chair,
});

export async function insertBoardMember(
  q: Queryable,
  tenant: Tenant,
  boardId: string,
  input: MemberFields,
): Promise<string> {
  return insertRow(q, tenant, 'board_members', { board_id: boardId, ...memberColumns(input) });
}

export async function updateBoardMember(
  q: Queryable,
  tenant: Tenant,
  id: string,
  input: MemberFields,
  version: number,
): Promise<boolean> {
  return updateAtVersion(q, tenant, 'board_members', id, memberColumns(input), version);
}

export async function deleteBoardMember(q: Queryable, tenant: Tenant, id: string): Promise<void> {
  await deleteRow(q, tenant, 'board_members', id);
}

/** Another member of the board already chairs it, or someone is on it twice. */
export async function findMemberClash(
  q: Queryable,
  tenant: Tenant,
  boardId: string,
  exceptId: string | null,
  input: MemberFields,
): Promise<{ chair: boolean; twice: boolean }> {
  const rows = await q.query<{ chair: boolean; twice: boolean }>(
    `SELECT COALESCE(bool_or(is_chair), false) AS chair,
       COALESCE(bool_or(user_id IS NOT NULL AND user_id = $4), false) AS twice
     FROM board_members WHERE partnership_id = $1 AND board_id = $2 AND id IS DISTINCT FROM $3`,
    [tenant.partnershipId, boardId, exceptId, input.userId],
  );
  return { chair: input.chair && rows[0]!.chair, twice: rows[0]!.twice };
}

export type MeetingRow = {
  id: string;
  board_id: string;
  board_name: string;
  meets_on: string;
  starts_at: string | null;
  place: string;
  status: MeetingStatus;
  version: number;
};

const MEETING = `SELECT mt.id, mt.board_id, b.name AS board_name, mt.meets_on::text AS meets_on,
    mt.starts_at, mt.place, mt.status, mt.version
  FROM board_meetings mt JOIN boards b ON b.id = mt.board_id`;

export async function listBoardMeetings(
  q: Queryable,
  tenant: Tenant,
  boardId: string,
): Promise<MeetingRow[]> {
  return q.query<MeetingRow>(
    `${MEETING} WHERE mt.partnership_id = $1 AND mt.board_id = $2
     ORDER BY mt.meets_on DESC, mt.starts_at DESC NULLS LAST, mt.id`,
    [tenant.partnershipId, boardId],
  );
}

export async function findMeeting(
  q: Queryable,
  tenant: Tenant,
  id: string,
): Promise<MeetingRow | undefined> {
  const rows = await q.query<MeetingRow>(`${MEETING} WHERE mt.partnership_id = $1 AND mt.id = $2`, [
    tenant.partnershipId,
    id,
  ]);
  return rows[0];
}

export type MeetingFields = {
  meetsOn: string;
  startsAt: string | null;
  place: string;
  status: MeetingStatus;
};

const meetingColumns = (input: MeetingFields) => ({
  meets_on: input.meetsOn,
  starts_at: input.startsAt,
  place: input.place,
  status: input.status,
});

export async function insertMeeting(
  q: Queryable,
  tenant: Tenant,
  boardId: string,
  input: MeetingFields,
): Promise<string> {
  return insertRow(q, tenant, 'board_meetings', { board_id: boardId, ...meetingColumns(input) });
}

export async function updateMeeting(
  q: Queryable,
  tenant: Tenant,
  id: string,
  input: MeetingFields,
  version: number,
): Promise<boolean> {
  return updateAtVersion(q, tenant, 'board_meetings', id, meetingColumns(input), version);
}

/** Locks the meeting so nothing is added to it while it is being deleted. */
export async function lockMeeting(q: Queryable, tenant: Tenant, id: string): Promise<boolean> {
  const rows = await q.query(
    'SELECT 1 FROM board_meetings WHERE partnership_id = $1 AND id = $2 FOR UPDATE',
    [tenant.partnershipId, id],
  );
  return rows.length === 1;
}

/** What a meeting records: it cannot be deleted while it records anything. */
export async function meetingRecordCounts(
  q: Queryable,
  tenant: Tenant,
  id: string,
): Promise<{ decisions: number; followUps: number }> {
  const rows = await q.query<{ decisions: number; follow_ups: number }>(
    `SELECT (SELECT count(*)::int FROM board_decisions WHERE partnership_id = $1 AND meeting_id = $2) AS decisions,
       (SELECT count(*)::int FROM board_follow_ups WHERE partnership_id = $1 AND meeting_id = $2) AS follow_ups`,
    [tenant.partnershipId, id],
  );
  return { decisions: rows[0]!.decisions, followUps: rows[0]!.follow_ups };
}

export async function deleteMeeting(q: Queryable, tenant: Tenant, id: string): Promise<void> {
  await deleteRow(q, tenant, 'board_meetings', id);
}

/** The partnership's plans, for an agenda item's link (newest first). */
export async function listPlanChoices(
  q: Queryable,
  tenant: Tenant,
): Promise<{ id: string; title: string }[]> {
  return q.query(
    'SELECT id, title FROM plans WHERE partnership_id = $1 ORDER BY created_at DESC, id',
    [tenant.partnershipId],
  );
}
