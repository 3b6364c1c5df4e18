import { paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import { findBoard, listBoardMeetings, listBoardMembers } from '../../governance-repository.js';
import { boardsPath, escalatedRisksPath, labels } from '../common.js';

/**
 * One board: what it is, its members, its meetings and how many risks are escalated to it, for every
 * member of the partnership.
 */
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
        // The risk register lists them (with their ratings, which are the register's to give);
        // governance does not import risks, so it links to the register by its address.
        risksLink: escalatedRisksPath(request, boardId),
        backLink: boardsPath(request),
      });
    },
  );
}
