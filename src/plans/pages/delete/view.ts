// What each delete confirmation page shows: what goes with the thing, or why it cannot go.
import type { FastifyRequest } from 'fastify';
import { alsoDeleted, counted, type DeletePage } from '../../../platform/web/delete-page.js';
import type { KeyDateRow } from '../../../deadlines/index.js';
import { actionNumber } from '../../action-numbers.js';
import type * as repo from '../../plan-repository.js';
import { base, labels } from '../shared.js';

export const planDeletePage = (
  request: FastifyRequest,
  { plan, keyDates }: { plan: repo.PlanRow; keyDates: KeyDateRow[] },
  problem: string | null,
): DeletePage => ({
  title: problem ? 'You cannot delete this plan' : `Delete the plan ‘${plan.title}’?`,
  what: 'this plan',
  summary: [
    ['Plan', plan.title],
    ['Kind of plan', labels.kinds[plan.kind]],
    ['Status', labels.statuses[plan.status]],
  ],
  goes: [],
  alsoDeleted: alsoDeleted('These dates set by others will also be deleted:', keyDates),
  problem,
  action: `${base(request)}/${plan.id}/delete`,
  buttonText: 'Delete plan',
  backLink: `${base(request)}/${plan.id}`,
  backText: 'Back to the plan',
});

export const priorityDeletePage = (
  request: FastifyRequest,
  plan: repo.PlanRow,
  priority: repo.PriorityRow,
  actions: number,
  problem: string | null,
): DeletePage => ({
  title: problem
    ? `You cannot delete priority ${priority.position}`
    : `Delete priority ${priority.position}?`,
  caption: plan.title,
  what: 'this priority',
  summary: [
    ['Priority', `${priority.position}. ${priority.title}`],
    ['Actions', String(actions)],
    ['Findings it answers', String(priority.finding_ids.length)],
  ],
  goes: [
    ...(priority.finding_ids.length
      ? [
          `its links to ${counted(priority.finding_ids.length, 'finding')} (the findings stay on the inspection)`,
        ]
      : []),
    ...(problem ? [] : ['the priorities after it are renumbered']),
  ],
  problem,
  action: `${base(request)}/${plan.id}/priorities/${priority.id}/delete`,
  buttonText: `Delete priority ${priority.position}`,
  backLink: `${base(request)}/${plan.id}#priority-${priority.id}`,
  backText: 'Back to the plan',
});

export const actionDeletePage = (
  request: FastifyRequest,
  plan: repo.PlanRow,
  action: repo.ActionRow,
  measures: number,
  problem: string | null,
): DeletePage => {
  const number = actionNumber(action);
  return {
    title: problem ? `You cannot delete action ${number}` : `Delete action ${number}?`,
    caption: plan.title,
    what: 'this action',
    summary: [
      ['Action', `${number} ${action.title}`],
      ['Lead', action.lead_name ?? 'Not set'],
      ['Status', labels.actionStatuses[action.status]],
    ],
    goes: [
      ...(measures ? [counted(measures, 'success measure')] : []),
      ...(action.partner_ids.length
        ? [`its links to ${counted(action.partner_ids.length, 'partner organisation')}`]
        : []),
      ...(problem ? [] : ['the actions after it are renumbered']),
    ],
    problem,
    action: `${base(request)}/${plan.id}/actions/${action.id}/delete`,
    buttonText: `Delete action ${number}`,
    backLink: `${base(request)}/${plan.id}/actions/${action.id}`,
    backText: `Back to action ${number}`,
  };
};
