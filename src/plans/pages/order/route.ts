import type { FastifyInstance } from 'fastify';
import { FORM } from '../../../platform/web/form-input.js';
import { field, isId } from '../../../platform/web/forms.js';
import { commandContext, paramsSchema, tenantOf, typed } from '../../../platform/web/request.js';
import { moveAction } from '../../commands/actions.js';
import { loadPlan } from '../../plan-service.js';
import { ADMIN, base, withMoves } from '../shared.js';

/** Moving an action up or down from the plan page, and the page to change a priority's order. */
export async function orderPage(app: FastifyInstance): Promise<void> {
  const pages = typed(app);
  // The plan page has one form per priority whose Up and Down buttons each name their action:
  // one CSRF token per table instead of two forms on every row.
  pages.post(
    '/p/:partnership/plans/:planId/actions/move',
    { config: ADMIN, schema: { params: paramsSchema('planId'), body: FORM } },
    async (request, reply) => {
      const { planId } = request.params;
      const [actionId = '', direction] = field(request.body, 'move').split(':');
      if (!isId(actionId) || (direction !== 'up' && direction !== 'down'))
        return reply.redirect(`${base(request)}/${planId}`, 303);
      await moveAction(commandContext(request), planId, actionId, { direction });
      // The order page names its priority so the person lands back on it.
      const [returnTo, priorityId = ''] = field(request.body, 'returnTo').split(':');
      return reply.redirect(
        returnTo === 'order' && isId(priorityId)
          ? `${base(request)}/${planId}/priorities/${priorityId}/order#action-${actionId}`
          : `${base(request)}/${planId}#action-${actionId}`,
        303,
      );
    },
  );

  // Reordering has its own page: on the plan page two buttons per action would be 120 more
  // stops for keyboard and screen reader users, and a heavier page for everyone.
  pages.get(
    '/p/:partnership/plans/:planId/priorities/:priorityId/order',
    { config: ADMIN, schema: { params: paramsSchema('planId', 'priorityId') } },
    async (request, reply) => {
      const { planId, priorityId } = request.params;
      const loaded = await loadPlan(app.db, tenantOf(request), planId);
      const priority = loaded?.priorities.find((p) => p.id === priorityId);
      if (!loaded || !priority) return reply.callNotFound();
      return reply.page('plans/pages/order/order.njk', {
        title: `Change the order of priority ${priority.position}’s actions`,
        plan: loaded.plan,
        priority,
        actions: withMoves(loaded.actions.filter((a) => a.priority_id === priorityId)),
        backLink: `${base(request)}/${planId}#priority-${priorityId}`,
      });
    },
  );
}
