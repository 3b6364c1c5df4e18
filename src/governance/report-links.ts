/**
 * What the report generator needs of governance: the meetings a report may be written for, and
 * an agenda item that presents the report at its meeting.
 */
import type { Queryable } from '../platform/db/db.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';

export type MeetingChoice = { id: string; board_name: string; meets_on: string; status: string };

/** Every meeting not cancelled, the coming ones first, then the past ones newest first. */
export async function meetingChoices(
  q: Queryable,
  tenant: Tenant,
  today: string,
): Promise<MeetingChoice[]> {
  return q.query<MeetingChoice>(
    `SELECT m.id, b.name AS board_name, m.meets_on::text AS meets_on, m.status
       FROM board_meetings m JOIN boards b ON b.id = m.board_id
      WHERE m.partnership_id = $1 AND m.status <> 'cancelled'
      ORDER BY m.meets_on < $2, CASE WHEN m.meets_on >= $2 THEN m.meets_on END, m.meets_on DESC, lower(b.name)`,
    [tenant.partnershipId, today],
  );
}

export async function findMeetingChoice(
  q: Queryable,
  tenant: Tenant,
  meetingId: string,
): Promise<MeetingChoice | undefined> {
  const rows = await q.query<MeetingChoice>(
    `SELECT m.id, b.name AS board_name, m.meets_on::text AS meets_on, m.status
       FROM board_meetings m JOIN boards b ON b.id = m.board_id
      WHERE m.partnership_id = $1 AND m.id = $2`,
    [tenant.partnershipId, meetingId],
  );
  return rows[0];
}

/** Puts the report on its meeting's agenda, last, as an item presented by its author. */
export async function addReportToAgenda(
  q: Queryable,
  tenant: Tenant,
  meetingId: string,
  item: { title: string; presenter: string; planId: string | null; reportId: string },
): Promise<string> {
  const rows = await q.query<{ id: string }>(
    `INSERT INTO agenda_items (partnership_id, meeting_id, position, title, presenter, plan_id, report_id)
     VALUES ($1, $2, (SELECT COALESCE(max(position), 0) + 1 FROM agenda_items WHERE meeting_id = $2), $3, $4, $5, $6)
     RETURNING id`,
    [tenant.partnershipId, meetingId, item.title, item.presenter, item.planId, item.reportId],
  );
  return rows[0]!.id;
}
