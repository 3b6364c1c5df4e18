/**
 * The plan page's filters: which actions to show by RAG, status, overdue, slipped, lead and
 * organisation. Pure: read from the query string (anything unknown is dropped, so a filter only
 * ever holds known values and its cache key stays small), then applied to the rows shown.
 */
import { ACTION_STATUSES, RAGS, type ActionStatus, type Rag } from './plan-rules.js';
import { hasSlipped } from './slippage-rules.js';

export type ActionFilter = {
  rag?: Rag | 'none';
  status?: ActionStatus;
  overdue?: true;
  slipped?: true;
  lead?: string;
  organisation?: string;
};

export type FilterQuery = Partial<Record<keyof ActionFilter, string | string[]>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? '';
const isRag = (v: string): v is Rag | 'none' => v === 'none' || RAGS.includes(v as Rag);
const isStatus = (v: string): v is ActionStatus => ACTION_STATUSES.includes(v as ActionStatus);

/** The filter a query string asks for; an unknown value is no filter at all. */
export function readFilter(query: FilterQuery): ActionFilter {
  const filter: ActionFilter = {};
  const rag = one(query.rag);
  if (isRag(rag)) filter.rag = rag;
  const status = one(query.status);
  if (isStatus(status)) filter.status = status;
  if (one(query.overdue) === 'yes') filter.overdue = true;
  if (one(query.slipped) === 'yes') filter.slipped = true;
  const lead = one(query.lead).toLowerCase();
  if (UUID.test(lead)) filter.lead = lead;
  const organisation = one(query.organisation).toLowerCase();
  if (UUID.test(organisation)) filter.organisation = organisation;
  return filter;
}

export const isFiltered = (filter: ActionFilter): boolean => Object.keys(filter).length > 0;

/** A stable text of the filter, for a cache key: the same filter in any order is one key. */
export const filterKey = (filter: ActionFilter): string =>
  Object.entries(filter)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${String(v)}`)
    .join('&');

export type FilterableAction = {
  status: ActionStatus;
  rag: Rag | null;
  due_date: string | null;
  baseline_due_date: string | null;
  lead_user_id: string | null;
  lead_organisation_id: string | null;
  partner_ids: readonly string[];
};

/**
 * Whether an action passes: RAG as the roll-up reads it (complete counts as green; "none" is not
 * yet rated), overdue as the plan page marks it, and an organisation that leads or is a partner.
 */
export function passes(action: FilterableAction, filter: ActionFilter, today: string): boolean {
  const rag = action.status === 'complete' ? 'green' : (action.rag ?? 'none');
  if (filter.rag && rag !== filter.rag) return false;
  if (filter.status && action.status !== filter.status) return false;
  if (
    filter.overdue &&
    !(action.status !== 'complete' && action.due_date !== null && action.due_date < today)
  )
    return false;
  if (filter.slipped && !hasSlipped(action.baseline_due_date, action.due_date)) return false;
  if (filter.lead && action.lead_user_id?.toLowerCase() !== filter.lead) return false;
  const org = filter.organisation;
  if (
    org &&
    action.lead_organisation_id?.toLowerCase() !== org &&
    !action.partner_ids.some((id) => id.toLowerCase() === org)
  )
    return false;
  return true;
}
