import type { ActionFilter } from '../../action-filters.js';
import { ACTION_STATUS_LABELS, ACTION_STATUSES } from '../../plan-rules.js';
import { hasSlipped, slippageDays } from '../../slippage-rules.js';
import type { ActionRow } from '../../action-repository.js';

type Option = { value: string; text: string; selected: boolean };

const RAG_CHOICES = [
  ['red', 'Red'],
  ['amber', 'Amber'],
  ['green', 'Green (and complete)'],
  ['none', 'Not rated yet'],
] as const;

/** Distinct people or organisations by id, sorted by name, as select options. */
function distinct(pairs: [string | null, string | null][], chosen: string | undefined): Option[] {
  const names = new Map<string, string>();
  for (const [id, name] of pairs) if (id && name) names.set(id.toLowerCase(), name);
  return [...names]
    .sort(([, a], [, b]) => a.localeCompare(b))
    .map(([value, text]) => ({ value, text, selected: value === chosen }));
}

const withAny = (any: string, options: Option[]): Option[] => [
  { value: '', text: any, selected: !options.some((o) => o.selected) },
  ...options,
];

/**
 * The filter form's choices: the RAGs and statuses, and the leads and organisations of the
 * actions the plan shows (its own and those it includes), each with the current choice selected.
 */
export function filterChoices(actions: readonly ActionRow[], filter: ActionFilter) {
  return {
    rag: withAny(
      'Any RAG',
      RAG_CHOICES.map(([value, text]) => ({ value, text, selected: filter.rag === value })),
    ),
    status: withAny(
      'Any status',
      ACTION_STATUSES.map((value) => ({
        value,
        text: ACTION_STATUS_LABELS[value],
        selected: filter.status === value,
      })),
    ),
    lead: withAny(
      'Any lead',
      distinct(
        actions.map((a) => [a.lead_user_id, a.lead_name]),
        filter.lead,
      ),
    ),
    organisation: withAny(
      'Any organisation',
      distinct(
        actions.flatMap((a) => [
          [a.lead_organisation_id, a.lead_organisation_name] as [string | null, string | null],
          ...a.partner_ids.map((id, i): [string, string | null] => [
            id,
            a.partner_names[i] ?? null,
          ]),
        ]),
        filter.organisation,
      ),
    ),
    overdue: filter.overdue === true,
    slipped: filter.slipped === true,
  };
}

/** What the plan page's action row shows of slippage: the original date and days, if it slipped. */
export const slippageOf = (a: Pick<ActionRow, 'baseline_due_date' | 'due_date'>) =>
  hasSlipped(a.baseline_due_date, a.due_date)
    ? { from: a.baseline_due_date, days: slippageDays(a.baseline_due_date, a.due_date) }
    : null;
