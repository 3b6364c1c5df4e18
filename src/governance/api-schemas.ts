/** The JSON shapes of the governance API, and rows turned into them. */
import { nullableDate, nullableString, nullableUuid, uuid } from '../platform/web/api-kit.js';
import type { BoardRow, MeetingRow, MemberRow } from './governance-repository.js';
import { BOARD_KINDS, MEETING_STATUSES } from './governance-rules.js';
import type { AgendaItemRow, DecisionRow, FollowUpRow } from './meeting-repository.js';

const integer = { type: 'integer' } as const;
const string = { type: 'string' } as const;
const object = <P extends Record<string, unknown>>(properties: P) =>
  ({ type: 'object', properties }) as const;

export const boardSchema = object({
  id: uuid,
  name: string,
  kind: { type: 'string', enum: BOARD_KINDS },
  termsOfReference: string,
  chairName: nullableString,
  memberCount: integer,
  meetingCount: integer,
  nextMeetingOn: nullableDate,
  version: integer,
});
export const memberSchema = object({
  id: uuid,
  userId: nullableUuid,
  name: string,
  role: string,
  chair: { type: 'boolean' },
  version: integer,
});
export const meetingSchema = object({
  id: uuid,
  boardId: uuid,
  boardName: string,
  meetsOn: { type: 'string', format: 'date' },
  startsAt: nullableString,
  place: string,
  status: { type: 'string', enum: MEETING_STATUSES },
  version: integer,
});
export const agendaItemSchema = object({
  id: uuid,
  position: integer,
  title: string,
  presenter: string,
  planId: nullableUuid,
  planTitle: nullableString,
  version: integer,
});
export const decisionSchema = object({ id: uuid, text: string, version: integer });
export const followUpSchema = object({
  id: uuid,
  text: string,
  ownerMemberId: nullableUuid,
  ownerName: nullableString,
  dueOn: nullableDate,
  doneOn: nullableDate,
  version: integer,
});
export const boardWithSchema = object({
  ...boardSchema.properties,
  members: { type: 'array', items: memberSchema },
  meetings: { type: 'array', items: meetingSchema },
});
export const meetingWithSchema = object({
  ...meetingSchema.properties,
  agenda: { type: 'array', items: agendaItemSchema },
  decisions: { type: 'array', items: decisionSchema },
  followUps: { type: 'array', items: followUpSchema },
});

export const toBoard = (b: BoardRow) => ({
  id: b.id,
  name: b.name,
  kind: b.kind,
  termsOfReference: b.terms_of_reference,
  chairName: b.chair_name,
  memberCount: b.member_count,
  meetingCount: b.meeting_count,
  nextMeetingOn: b.next_meeting_on,
  version: b.version,
});
export const toMember = (m: MemberRow) => ({
  id: m.id,
  userId: m.user_id,
  name: m.name,
  role: m.role,
  chair: m.is_chair,
  version: m.version,
});
export const toMeeting = (m: MeetingRow) => ({
  id: m.id,
  boardId: m.board_id,
  boardName: m.board_name,
  meetsOn: m.meets_on,
  startsAt: m.starts_at,
  place: m.place,
  status: m.status,
  version: m.version,
});
export const toAgendaItem = (a: AgendaItemRow) => ({
  id: a.id,
  position: a.position,
  title: a.title,
  presenter: a.presenter,
  planId: a.plan_id,
  planTitle: a.plan_title,
  version: a.version,
});
export const toDecision = (d: DecisionRow) => ({ id: d.id, text: d.text, version: d.version });
export const toFollowUp = (f: FollowUpRow) => ({
  id: f.id,
  text: f.text,
  ownerMemberId: f.owner_member_id,
  ownerName: f.owner_name,
  dueOn: f.due_on,
  doneOn: f.done_on,
  version: f.version,
});
