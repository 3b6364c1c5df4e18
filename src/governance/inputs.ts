/**
 * The input of each governance command: the JSON API's body schema and, through readForm, the
 * page form's fields. One schema, so both give the same verdict on the same input.
 */
import { Type, type Static } from 'typebox';
import {
  Choice,
  InputSchema,
  OptionalDate,
  OptionalId,
  Text,
  Version,
} from '../platform/commands/input.js';
import { BOARD_KINDS, MEETING_STATUSES, TIME_PATTERN } from './governance-rules.js';

const boardFields = {
  name: Text({ label: 'the board’s name', max: 200, required: true }),
  kind: Choice(BOARD_KINDS, 'Select the kind of board'),
  termsOfReference: Type.Optional(Text({ label: 'the terms of reference', max: 20000 })),
};
export const BoardInput = InputSchema(boardFields);
export type BoardInput = Static<typeof BoardInput>;
export const BoardChange = InputSchema({ ...boardFields, version: Version });
export type BoardChange = Static<typeof BoardChange>;

/** A member: a person in Sendboard, or a name; with their role or organisation. */
const memberFields = {
  userId: Type.Optional(OptionalId('Select a person from the list')),
  name: Type.Optional(Text({ label: 'the member’s name', max: 200 })),
  role: Type.Optional(Text({ label: 'the role or organisation', max: 300 })),
  chair: Type.Optional(Type.Boolean({ 'x-messages': { invalid: 'Chair must be true or false' } })),
};
export const MemberInput = InputSchema(memberFields);
export type MemberInput = Static<typeof MemberInput>;
export const MemberChange = InputSchema({ ...memberFields, version: Version });
export type MemberChange = Static<typeof MemberChange>;

const meetingFields = {
  meetsOn: OptionalDate('the date of the meeting'),
  startsAt: Type.Optional(
    Type.Union([Type.String({ pattern: TIME_PATTERN }), Type.Null()], {
      description: 'HH:MM, 24-hour',
      'x-messages': { invalid: 'Enter the time as hours and minutes, for example 14:00' },
    }),
  ),
  place: Type.Optional(Text({ label: 'the place', max: 300 })),
  status: Choice(MEETING_STATUSES, 'Select whether the meeting is planned, held or cancelled'),
};
export const MeetingInput = InputSchema(meetingFields);
export type MeetingInput = Static<typeof MeetingInput>;
export const MeetingChange = InputSchema({ ...meetingFields, version: Version });
export type MeetingChange = Static<typeof MeetingChange>;

const agendaFields = {
  title: Text({ label: 'the agenda item', max: 300, required: 'Enter the agenda item' }),
  presenter: Type.Optional(Text({ label: 'the presenter', max: 200 })),
  planId: Type.Optional(OptionalId('Select the plan from the list')),
};
export const AgendaItemInput = InputSchema(agendaFields);
export type AgendaItemInput = Static<typeof AgendaItemInput>;
export const AgendaItemChange = InputSchema({ ...agendaFields, version: Version });
export type AgendaItemChange = Static<typeof AgendaItemChange>;

const decisionFields = {
  text: Text({ label: 'the decision', max: 5000, required: 'Enter the decision' }),
};
export const DecisionInput = InputSchema(decisionFields);
export type DecisionInput = Static<typeof DecisionInput>;
export const DecisionChange = InputSchema({ ...decisionFields, version: Version });
export type DecisionChange = Static<typeof DecisionChange>;

const followUpFields = {
  text: Text({ label: 'the follow-up action', max: 2000, required: 'Enter the follow-up action' }),
  ownerMemberId: Type.Optional(OptionalId('Select the owner from the board’s members')),
  dueOn: Type.Optional(OptionalDate('the due date')),
  doneOn: Type.Optional(OptionalDate('the date it was done')),
};
export const FollowUpInput = InputSchema(followUpFields);
export type FollowUpInput = Static<typeof FollowUpInput>;
export const FollowUpChange = InputSchema({ ...followUpFields, version: Version });
export type FollowUpChange = Static<typeof FollowUpChange>;
