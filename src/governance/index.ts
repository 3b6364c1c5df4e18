// The governance capability's entry: the only file other folders import.
export { governanceApi } from './api.js';
export { addBoardMember, createBoard } from './commands/boards.js';
export { agendaItems, decisions, followUps } from './commands/meeting-items.js';
export { createMeeting } from './commands/meetings.js';
export {
  BOARD_KIND_LABELS,
  isOverdue,
  MEETING_STATUS_LABELS,
  NEXT_MEETINGS,
} from './governance-rules.js';
export { listBoards, type BoardRow } from './governance-repository.js';
export { governanceAtAGlance } from './meeting-repository.js';
export { governanceRoutes } from './routes.js';
export {
  addReportToAgenda,
  findMeetingChoice,
  meetingChoices,
  type MeetingChoice,
} from './report-links.js';
