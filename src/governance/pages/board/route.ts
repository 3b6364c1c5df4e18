import { paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import { findBoard, listBoardMeetings, listBoardMembers } from '../../governance-repository.js';
import { boardsPath, labels } from '../common.js';

/** One board: what it is, its members and its meetings, for every member of the partnership. */
export function boardPage(app: App): void {
  app.get(
    '/p/:partnership/boards/:boardId',
    { schema: { params: paramsSchema('boardId') } },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const { boardId } = request.params;
      const board = await findBoard(app.db, tenant, boardId);
      if (!board) return reply.callNotFound();
      const [members, meetings] = await Promise.all([
        listBoardMembers(app.db, tenant, boardId),
        listBoardMeetings(app.db, tenant, boardId),
      ]);
      return reply.page('governance/pages/board/board.njk', {
        title: board.name,
        board,
        members,
        meetings,
        labels,
        boardPath: `${boardsPath(request)}/${boardId}`,
        backLink: boardsPath(request),
      });
    },
  );
}
