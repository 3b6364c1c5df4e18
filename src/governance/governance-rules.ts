/** Governance's vocabulary and rules: kinds of board, meeting statuses, what stops a delete. */

export const BOARD_KINDS = [
  'send_board',
  'health_wellbeing',
  'cabinet',
  'scrutiny',
  'leadership_team',
  'other',
] as const;
export type BoardKind = (typeof BOARD_KINDS)[number];

export const BOARD_KIND_LABELS: Record<BoardKind, string> = {
  send_board: 'SEND improvement board',
  health_wellbeing: 'Health and Wellbeing Board',
  cabinet: 'Cabinet',
  scrutiny: 'Scrutiny committee',
  leadership_team: 'People Leadership Team',
  other: 'Other',
};

export const MEETING_STATUSES = ['planned', 'held', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  planned: 'Planned',
  held: 'Held',
  cancelled: 'Cancelled',
};

/** How many meetings the Overview lists as next. */
export const NEXT_MEETINGS = 5;

/** A 24-hour time, "14:00". */
export const TIME_PATTERN = '^([01][0-9]|2[0-3]):[0-5][0-9]$';

const counted = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Why a board cannot be deleted: its meetings are its record. Null when it has none. */
export function boardRemovalProblem(
  name: string,
  meetings: number,
  escalatedRisks = 0,
): string | null {
  if (meetings)
    return `${name} cannot be deleted because it has ${counted(meetings, 'meeting')}: a board’s meetings are its record. To delete it, first delete ${meetings === 1 ? 'that meeting' : 'those meetings'}.`;
  if (escalatedRisks)
    return `${name} cannot be deleted because ${escalatedRisks === 1 ? '1 risk is' : `${escalatedRisks} risks are`} escalated to it: an escalation is part of a risk’s record. To delete it, first change where ${escalatedRisks === 1 ? 'that risk is' : 'those risks are'} escalated.`;
  return null;
}

/** Why a meeting cannot be deleted: decisions and follow-ups are its record. */
export function meetingRemovalProblem(decisions: number, followUps: number): string | null {
  const parts = [
    ...(decisions ? [counted(decisions, 'decision')] : []),
    ...(followUps ? [counted(followUps, 'follow-up action')] : []),
  ];
  if (!parts.length) return null;
  return `This meeting cannot be deleted because it records ${parts.join(' and ')}. To delete it, first remove them.`;
}

/** Why a member cannot be taken off a board: follow-ups they own would lose their owner. */
export function memberRemovalProblem(name: string, followUps: number): string | null {
  if (!followUps) return null;
  return `${name} owns ${counted(followUps, 'follow-up action')}. Give ${followUps === 1 ? 'it' : 'them'} to someone else first.`;
}

/** Whether a follow-up is overdue on `today`: due before it and not done. */
export function isOverdue(
  followUp: { due_on: string | null; done_on: string | null },
  today: string,
): boolean {
  return followUp.done_on === null && followUp.due_on !== null && followUp.due_on < today;
}
