/**
 * Plans inside plans: the rules for including another plan's actions and priorities by reference,
 * and for changing what another plan includes. Pure, so each rule is tested alone.
 */

/** The rule in words, shown on the include page and in the API's documentation. */
export const INCLUSION_RULE =
  'A plan can include whole priorities, or single actions (with their sub-actions), of another plan of the partnership. They stay one priority or action, with one history of updates, shown and counted in both plans. Single actions go under one of this plan’s own priorities.';

const quoted = (plans: readonly { title: string }[]) => plans.map((p) => `“${p.title}”`).join(', ');

/**
 * Why a thing other plans include cannot be deleted or moved, or null when no plan includes it:
 * the other plan would lose it, or show it somewhere else, without anyone there deciding so.
 */
export function includedElsewhereProblem(
  what: 'action' | 'priority' | 'plan',
  change: 'deleted' | 'moved to another priority',
  plans: readonly { title: string }[],
): string | null {
  if (!plans.length) return null;
  const those = plans.length === 1 ? 'that plan' : 'those plans';
  const subject = what === 'plan' ? 'Priorities or actions of this plan are' : `This ${what} is`;
  return `${subject} included in ${plans.length === 1 ? 'another plan' : 'other plans'}: ${quoted(plans)}. It cannot be ${change} while ${those} include${plans.length === 1 ? 's' : ''} it: remove it from ${those} first.`;
}

/** What is asked to be included, as found in the partnership. */
export type Includable = {
  kind: 'priority' | 'action';
  id: string;
  plan_id: string;
  priority_id: string;
  parent_action_id: string | null;
};

/** What the plan already includes. */
export type Inclusion = {
  priority_id: string | null;
  action_id: string | null;
  /** The priority of an action included one by one. */
  action_priority_id: string | null;
};

export type InclusionAsk = {
  priorityIds: readonly string[];
  actionIds: readonly string[];
  hostPriorityId: string | null;
};

/**
 * Why the plan cannot include what is asked, by field, or none. `found` holds the asked items
 * that exist in the partnership; `ownPriorityIds` the plan's own priorities.
 */
export function inclusionProblems(
  planId: string,
  ask: InclusionAsk,
  found: readonly Includable[],
  ownPriorityIds: readonly string[],
  current: readonly Inclusion[],
): { field: 'priorityIds' | 'actionIds' | 'hostPriorityId'; text: string }[] {
  if (!ask.priorityIds.length && !ask.actionIds.length)
    return [{ field: 'actionIds', text: 'Select the priorities or actions to include' }];
  const byId = new Map(found.map((f) => [`${f.kind}:${f.id.toLowerCase()}`, f]));
  const includedPriorities = new Set(current.flatMap((c) => c.priority_id ?? []));
  const includedActions = new Set(current.flatMap((c) => c.action_id ?? []));
  const prioritiesOfIncludedActions = new Set(current.flatMap((c) => c.action_priority_id ?? []));
  const askedPriorities = new Set(ask.priorityIds.map((id) => id.toLowerCase()));
  const problems: ReturnType<typeof inclusionProblems> = [];

  for (const id of ask.priorityIds) {
    const priority = byId.get(`priority:${id.toLowerCase()}`);
    const text = !priority
      ? 'Select priorities from the list'
      : priority.plan_id === planId
        ? 'A priority of this plan is already in it: select a priority of another plan'
        : includedPriorities.has(priority.id)
          ? 'This plan already includes that priority'
          : prioritiesOfIncludedActions.has(priority.id)
            ? 'This plan includes some actions of that priority one by one: remove them from this plan first'
            : null;
    if (text) {
      problems.push({ field: 'priorityIds', text });
      break;
    }
  }
  for (const id of ask.actionIds) {
    const action = byId.get(`action:${id.toLowerCase()}`);
    const text = !action
      ? 'Select actions from the list'
      : action.plan_id === planId
        ? 'An action of this plan is already in it: select an action of another plan'
        : action.parent_action_id !== null
          ? 'Select whole actions: a sub-action comes with the action it is part of'
          : includedActions.has(action.id)
            ? 'This plan already includes that action'
            : includedPriorities.has(action.priority_id) ||
                askedPriorities.has(action.priority_id.toLowerCase())
              ? 'That action’s whole priority is included: it is in this plan already'
              : null;
    if (text) {
      problems.push({ field: 'actionIds', text });
      break;
    }
  }
  if (ask.actionIds.length) {
    if (!ask.hostPriorityId)
      problems.push({
        field: 'hostPriorityId',
        text: 'Select the priority of this plan the actions go under',
      });
    else if (!ownPriorityIds.some((id) => id.toLowerCase() === ask.hostPriorityId!.toLowerCase()))
      problems.push({ field: 'hostPriorityId', text: 'Select a priority of this plan' });
  }
  return problems;
}
