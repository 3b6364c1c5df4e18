/**
 * The risk register: the risks, filtered by status, owner, tolerance and the board they are
 * escalated to, and a heat map of the risks listed drawn as a table (likelihood rows by impact
 * columns, counts in the cells).
 */
import { Type } from 'typebox';
import { listBoards } from '../../../governance/index.js';
import { listMembers } from '../../../platform/directory/directory.js';
import { paramsSchema, tenantOf, type App } from '../../../platform/web/request.js';
import { todayInLondon } from '../../../platform/web/today.js';
import { listRisks, loadMatrix } from '../../risk-repository.js';
import { heatMap } from '../../risk-rules.js';
import { riskView } from '../shared.js';

const query = Type.Object({
  status: Type.Optional(Type.String()),
  owner: Type.Optional(Type.String()),
  tolerance: Type.Optional(Type.String()),
  /** One of the partnership's boards: the risks escalated to it (the board page links here). */
  board: Type.Optional(Type.String()),
});

export function listPage(app: App): void {
  app.get(
    '/p/:partnership/risks',
    { schema: { params: paramsSchema(), querystring: query } },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const today = todayInLondon();
      const [matrix, rows, members, boards] = await Promise.all([
        loadMatrix(app.db, tenant),
        listRisks(app.db, tenant),
        listMembers(app.db, tenant),
        listBoards(app.db, tenant),
      ]);
      // Unknown values are ignored, as if the filter were not set.
      const status = ['open', 'closed', 'all'].includes(request.query.status ?? '')
        ? request.query.status!
        : 'open';
      const owner = members.some((m) => m.id === request.query.owner) ? request.query.owner! : '';
      const outside = request.query.tolerance === 'outside';
      const board = boards.find((b) => b.id === request.query.board);
      const risks = rows
        .map((row) => riskView(matrix, row, today))
        .filter((r) => status === 'all' || r.status === status)
        .filter((r) => !owner || r.owner_user_id === owner)
        .filter((r) => !outside || r.current.outsideTolerance)
        .filter((r) => !board || r.escalated_to_board_id === board.id);
      return reply.page('risks/pages/list/list.njk', {
        title: 'Risks',
        risks,
        matrix,
        heatMap: heatMap(
          matrix,
          risks.map((r) => r.current),
        ),
        filters: { status, owner, tolerance: outside ? 'outside' : '', board: board?.id ?? '' },
        board: board && { id: board.id, name: board.name },
        boards: boards.filter((b) => rows.some((r) => r.escalated_to_board_id === b.id)),
        owners: members.filter((m) => rows.some((r) => r.owner_user_id === m.id)),
        overdueCount: rows.filter((r) => riskView(matrix, r, today).overdue).length,
      });
    },
  );
}
