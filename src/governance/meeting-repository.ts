/** Governance's store for what a meeting records: agenda items, decisions and follow-ups. */
import type { Queryable } from '../platform/db/db.js';
import { insertRow, updateAtVersion } from '../platform/db/rows.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import type { MeetingStatus } from './governance-rules.js';

export type AgendaItemRow = {
  id: string;
  meeting_id: string;
  position: number;
  title: string;
  presenter: string;
  plan_id: string | null;
  plan_title: string | null;
  /** The board report presented under this item (see the reports capability). */
  report_id: string | null;
  version: number;
};
export type DecisionRow = { id: string; meeting_id: string; text: string; version: number };
export type FollowUpRow = {
  id: string;
  meeting_id: string;
  text: string;
  owner_member_id: string | null;
  owner_name: string | null;
  due_on: string | null;
  done_on: string | null;
  version: number;
};

const AGENDA = `SELECT a.id, a.meeting_id, a.position, a.title, a.presenter, a.plan_id,
    p.title AS plan_title, a.report_id, a.version
  FROM agenda_items a LEFT JOIN plans p ON p.id = a.plan_id`;
const DECISION = 'SELECT d.id, d.meeting_id, d.text, d.version FROM board_decisions d';
const FOLLOW_UP = `SELECT f.id, f.meeting_id, f.text, f.owner_member_id,
    COALESCE(u.name, m.name) AS owner_name, f.due_on::text AS due_on, f.done_on::text AS done_on, f.version
  FROM board_follow_ups f LEFT JOIN board_members m ON m.id = f.owner_member_id
  LEFT JOIN users u ON u.id = m.user_id`;

/** Everything a meeting records, in three queries. */
export async function loadMeetingRecord(q: Queryable, tenant: Tenant, meetingId: string) {
  const params = [tenant.partnershipId, meetingId];
  const [agenda, decisions, followUps] = await Promise.all([
    q.query<AgendaItemRow>(
      `${AGENDA} WHERE a.partnership_id = $1 AND a.meeting_id = $2 ORDER BY a.position, a.id`,
      params,
    ),
    q.query<DecisionRow>(
      `${DECISION} WHERE d.partnership_id = $1 AND d.meeting_id = $2 ORDER BY d.created_at, d.id`,
      params,
    ),
    q.query<FollowUpRow>(
      `${FOLLOW_UP} WHERE f.partnership_id = $1 AND f.meeting_id = $2 ORDER BY f.created_at, f.id`,
      params,
    ),
  ]);
  return { agenda, decisions, followUps };
}

export const findAgendaItem = async (q: Queryable, tenant: Tenant, meetingId: string, id: string) =>
  (
    await q.query<AgendaItemRow>(
      `${AGENDA} WHERE a.partnership_id = $1 AND a.meeting_id = $2 AND a.id = $3`,
      [tenant.partnershipId, meetingId, id],
    )
  )[0];

export const findDecision = async (q: Queryable, tenant: Tenant, meetingId: string, id: string) =>
  (
    await q.query<DecisionRow>(
      `${DECISION} WHERE d.partnership_id = $1 AND d.meeting_id = $2 AND d.id = $3`,
      [tenant.partnershipId, meetingId, id],
    )
  )[0];

export const findFollowUp = async (q: Queryable, tenant: Tenant, meetingId: string, id: string) =>
  (
    await q.query<FollowUpRow>(
      `${FOLLOW_UP} WHERE f.partnership_id = $1 AND f.meeting_id = $2 AND f.id = $3`,
      [tenant.partnershipId, meetingId, id],
    )
  )[0];

export type AgendaFields = { title: string; presenter: string; planId: string | null };
export type DecisionFields = { text: string };
export type FollowUpFields = {
  text: string;
  ownerMemberId: string | null;
  dueOn: string | null;
  doneOn: string | null;
};

export async function insertAgendaItem(
  q: Queryable,
  tenant: Tenant,
  meetingId: string,
  input: AgendaFields,
): Promise<string> {
  const rows = await q.query<{ id: string }>(
    `INSERT INTO agenda_items (partnership_id, meeting_id, position, title, presenter, plan_id)
     VALUES ($1, $2, (SELECT COALESCE(max(position), 0) + 1 FROM agenda_items WHERE meeting_id = $2), $3, $4, $5)
     RETURNING id`,
    [tenant.partnershipId, meetingId, input.title, input.presenter, input.planId],
  );
  return rows[0]!.id;
}

export async function updateAgendaItem(
  q: Queryable,
  tenant: Tenant,
  id: string,
  input: AgendaFields,
  version: number,
): Promise<boolean> {
  return updateAtVersion(
    q,
    tenant,
    'agenda_items',
    id,
    { title: input.title, presenter: input.presenter, plan_id: input.planId },
    version,
  );
}

export async function insertDecision(
  q: Queryable,
  tenant: Tenant,
  meetingId: string,
  input: DecisionFields,
): Promise<string> {
  return insertRow(q, tenant, 'board_decisions', { meeting_id: meetingId, text: input.text });
}

export async function updateDecision(
  q: Queryable,
  tenant: Tenant,
  id: string,
  input: DecisionFields,
  version: number,
): Promise<boolean> {
  return updateAtVersion(q, tenant, 'board_decisions', id, { text: input.text }, version);
}

const followUpColumns = (input: FollowUpFields) => ({
  text: input.text,
  owner_member_id: input.ownerMemberId,
  due_on: input.dueOn,
  done_on: input.doneOn,
});

export async function insertFollowUp(
  q: Queryable,
  tenant: Tenant,
  meetingId: string,
  input: FollowUpFields,
): Promise<string> {
  return insertRow(q, tenant, 'board_follow_ups', {
    meeting_id: meetingId,
    ...followUpColumns(input),
  });
}

export async function updateFollowUp(
  q: Queryable,
  tenant: Tenant,
  id: string,
  input: FollowUpFields,
  version: number,
): Promise<boolean> {
  return updateAtVersion(q, tenant, 'board_follow_ups', id, followUpColumns(input), version);
}

const ITEM_TABLES = {
  agenda: 'agenda_items',
  decision: 'board_decisions',
  followUp: 'board_follow_ups',
} as const;
export type ItemTable = keyof typeof ITEM_TABLES;

export async function deleteMeetingItem(
  q: Queryable,
  tenant: Tenant,
  table: ItemTable,
  meetingId: string,
  id: string,
): Promise<boolean> {
  const rows = await q.query(
    `DELETE FROM ${ITEM_TABLES[table]} WHERE partnership_id = $1 AND meeting_id = $2 AND id = $3 RETURNING 1`,
    [tenant.partnershipId, meetingId, id],
  );
  return rows.length === 1;
}

/** Whether a plan is the partnership's (an agenda item may link only to its own). */
export async function isPartnershipPlan(
  q: Queryable,
  tenant: Tenant,
  planId: string,
): Promise<boolean> {
  return (
    (
      await q.query('SELECT 1 FROM plans WHERE partnership_id = $1 AND id = $2', [
        tenant.partnershipId,
        planId,
      ])
    ).length === 1
  );
}

/** Whether a member is on the meeting's board (a follow-up's owner must be). */
export async function isMeetingBoardMember(
  q: Queryable,
  tenant: Tenant,
  meetingId: string,
  memberId: string,
): Promise<boolean> {
  const rows = await q.query(
    `SELECT 1 FROM board_members m JOIN board_meetings mt ON mt.board_id = m.board_id
     WHERE m.partnership_id = $1 AND mt.id = $2 AND m.id = $3`,
    [tenant.partnershipId, meetingId, memberId],
  );
  return rows.length === 1;
}

export type NextMeetingRow = {
  id: string;
  board_id: string;
  board_name: string;
  meets_on: string;
  starts_at: string | null;
  place: string;
  status: MeetingStatus;
};
export type OpenFollowUpRow = FollowUpRow & { board_name: string; meets_on: string };

const UPCOMING = `FROM board_meetings mt JOIN boards b ON b.id = mt.board_id
  WHERE mt.partnership_id = $1 AND mt.status = 'planned' AND mt.meets_on >= $2`;
const OPEN_FOLLOW_UPS = `FROM board_follow_ups f JOIN board_meetings mt ON mt.id = f.meeting_id
  JOIN boards b ON b.id = mt.board_id
  LEFT JOIN board_members m ON m.id = f.owner_member_id LEFT JOIN users u ON u.id = m.user_id
  WHERE f.partnership_id = $1 AND f.done_on IS NULL AND f.due_on IS NOT NULL`;

/** A page of the planned meetings from today on, every board's, the soonest first. */
export async function upcomingMeetings(
  q: Queryable,
  tenant: Tenant,
  today: string,
  page: { limit: number; offset?: number },
): Promise<NextMeetingRow[]> {
  return q.query<NextMeetingRow>(
    `SELECT mt.id, mt.board_id, b.name AS board_name, mt.meets_on::text AS meets_on, mt.starts_at,
       mt.place, mt.status
     ${UPCOMING}
     ORDER BY mt.meets_on, mt.starts_at NULLS LAST, mt.id LIMIT $3 OFFSET $4`,
    [tenant.partnershipId, today, page.limit, page.offset ?? 0],
  );
}

/** How many planned meetings there are from today on. */
export async function countUpcomingMeetings(
  q: Queryable,
  tenant: Tenant,
  today: string,
): Promise<number> {
  const rows = await q.query<{ n: number }>(`SELECT count(*)::int AS n ${UPCOMING}`, [
    tenant.partnershipId,
    today,
  ]);
  return rows[0]?.n ?? 0;
}

/** Open follow-ups with a due date, every board's, the soonest due first (a page of them, or all). */
export async function openFollowUps(
  q: Queryable,
  tenant: Tenant,
  page: { limit: number | null; offset?: number } = { limit: null },
): Promise<OpenFollowUpRow[]> {
  return q.query<OpenFollowUpRow>(
    `SELECT f.id, f.meeting_id, f.text, f.owner_member_id, COALESCE(u.name, m.name) AS owner_name,
       f.due_on::text AS due_on, f.done_on::text AS done_on, f.version,
       b.name AS board_name, mt.meets_on::text AS meets_on
     ${OPEN_FOLLOW_UPS}
     ORDER BY f.due_on, f.id LIMIT $2 OFFSET $3`,
    [tenant.partnershipId, page.limit, page.offset ?? 0],
  );
}

/** How many follow-ups with a due date are not done yet. */
export async function countOpenFollowUps(q: Queryable, tenant: Tenant): Promise<number> {
  const rows = await q.query<{ n: number }>(`SELECT count(*)::int AS n ${OPEN_FOLLOW_UPS}`, [
    tenant.partnershipId,
  ]);
  return rows[0]?.n ?? 0;
}

/**
 * For the Overview: the next planned meetings (`limit` of them, and how many there are) and the
 * open follow-ups with a due date (three queries).
 */
export async function governanceAtAGlance(
  q: Queryable,
  tenant: Tenant,
  today: string,
  limit: number,
) {
  const [nextMeetings, meetingCount, followUps] = await Promise.all([
    upcomingMeetings(q, tenant, today, { limit }),
    countUpcomingMeetings(q, tenant, today),
    openFollowUps(q, tenant),
  ]);
  return { nextMeetings, meetingCount, followUps };
}
