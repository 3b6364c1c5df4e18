import { paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import { todayInLondon } from '../../../platform/web/today.js';
import { findMeeting } from '../../governance-repository.js';
import { isOverdue } from '../../governance-rules.js';
import { loadMeetingRecord } from '../../meeting-repository.js';
import { boardsPath, labels, meetingPath } from '../common.js';

/** One meeting: its agenda, the decisions taken and the follow-up actions, for every member. */
export function meetingPage(app: App): void {
  app.get(
    '/p/:partnership/meetings/:meetingId',
    { schema: { params: paramsSchema('meetingId') } },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const meeting = await findMeeting(app.db, tenant, request.params.meetingId);
      if (!meeting) return reply.callNotFound();
      const record = await loadMeetingRecord(app.db, tenant, meeting.id);
      const today = todayInLondon();
      return reply.page('governance/pages/meeting/meeting.njk', {
        title: `${meeting.board_name}: meeting`,
        meeting,
        ...record,
        followUps: record.followUps.map((f) => ({ ...f, overdue: isOverdue(f, today) })),
        labels,
        meetingPath: meetingPath(request, meeting.id),
        boardPath: `${boardsPath(request)}/${meeting.board_id}`,
        backLink: `${boardsPath(request)}/${meeting.board_id}#meetings`,
      });
    },
  );
}
