import type { Queryable } from '../platform/db/db.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import type { ActionStatus, Rag } from './plan-rules.js';
import type { ActionRow } from './action-repository.js';
import { ACTION_ORDER, INCLUDED_ACTION_IDS } from './plan-repository.js';

export type MeasureSummary = {
  id: string;
  text: string;
  target: string | null;
  targetDate: string | null;
};

/**
 * An action with everything a tracker row shows: the action as the plan pages have it (lead,
 * partners, dates, status) and its priority's title, its measures and its latest update.
 */
export type ActionSheetRow = ActionRow & {
  priority_title: string;
  measures: MeasureSummary[];
  update_count: number;
  latest_update_id: string | null;
  latest_update_at: Date | null;
  latest_update_status: ActionStatus | null;
  latest_update_rag: Rag | null;
  latest_update_narrative: string | null;
  latest_update_author: string | null;
  /** The most recent figure reported against a success measure, which may be an older update's. */
  figure_value: string | null;
  figure_measure: string | null;
  figure_at: Date | null;
  /** An action of another plan this plan includes: that plan's id and title; null for its own. */
  included_from_plan_id: string | null;
  included_from: string | null;
  /** The inclusion that brings it here (one by one, with its parent, or with its priority). */
  inclusion_id: string | null;
  /** The priority this plan shows it under: its own, a host priority here, or its included priority. */
  place_priority_id: string;
  place_priority_position: number;
  place_priority_title: string;
};

/**
 * A plan's actions with their latest update and latest figure in one query, however many actions
 * there are: LATERAL joins pick each action's newest rows from the (action_id, created_at) index.
 * The whole sheet holds the actions the plan includes from other plans too, in plan order: each
 * after its host priority's own actions, and whole included priorities after the plan's own.
 */
export async function listActionSheet(
  q: Queryable,
  tenant: Tenant,
  planId: string,
  actionId?: string,
): Promise<ActionSheetRow[]> {
  const params: unknown[] = [tenant.partnershipId, planId];
  if (actionId) params.push(actionId);
  const rows = await q.query<ActionSheetRow>(
    `SELECT a.id, a.plan_id, a.priority_id, pr.position AS priority_position, pr.title AS priority_title, a.position,
       a.parent_action_id, pa.position AS parent_position, a.title,
       a.description, a.category, a.lead_user_id, u.name AS lead_name, a.lead_organisation_id, o.name AS lead_organisation_name,
       COALESCE(pt.ids, '{}') AS partner_ids, COALESCE(pt.names, '{}') AS partner_names,
       COALESCE(ms.list, '[]'::json) AS measures,
       a.start_date::text, a.due_date::text, a.baseline_due_date::text, a.status, a.rag, a.last_update_at, a.version,
       COALESCE(uc.n, 0) AS update_count,
       lu.id AS latest_update_id, lu.created_at AS latest_update_at, lu.status AS latest_update_status, lu.rag AS latest_update_rag,
       lu.narrative AS latest_update_narrative, lua.name AS latest_update_author,
       fig.measure_value::text AS figure_value, fig.measure_text AS figure_measure, fig.created_at AS figure_at,
       CASE WHEN a.plan_id <> $2 THEN hp.id END AS included_from_plan_id,
       CASE WHEN a.plan_id <> $2 THEN hp.title END AS included_from,
       inc.id AS inclusion_id,
       coalesce(inc.place_priority_id, a.priority_id) AS place_priority_id,
       coalesce(host.position, pr.position) AS place_priority_position,
       coalesce(host.title, pr.title) AS place_priority_title
     FROM actions a
     JOIN priorities pr ON pr.id = a.priority_id
     JOIN plans hp ON hp.id = a.plan_id
     LEFT JOIN LATERAL (
       SELECT i.id, i.position, i.host_priority_id, coalesce(i.host_priority_id, i.priority_id) AS place_priority_id
       FROM plan_inclusions i
       WHERE i.plan_id = $2 AND (i.action_id = a.id OR i.action_id = a.parent_action_id OR i.priority_id = a.priority_id)
       LIMIT 1
     ) inc ON a.plan_id <> $2
     LEFT JOIN priorities host ON host.id = inc.host_priority_id
     LEFT JOIN actions pa ON pa.id = a.parent_action_id
     LEFT JOIN users u ON u.id = a.lead_user_id
     LEFT JOIN organisations o ON o.id = a.lead_organisation_id
     LEFT JOIN LATERAL (
       SELECT array_agg(po.id::text ORDER BY po.name) AS ids, array_agg(po.name ORDER BY po.name) AS names
       FROM action_partners ap JOIN organisations po ON po.id = ap.organisation_id WHERE ap.action_id = a.id
     ) pt ON true
     LEFT JOIN LATERAL (
       SELECT json_agg(json_build_object('id', m.id, 'text', m.text, 'target', m.target::text, 'targetDate', m.target_date::text) ORDER BY m.position) AS list
       FROM success_measures m WHERE m.action_id = a.id
     ) ms ON true
     LEFT JOIN LATERAL (
       SELECT count(*)::int AS n FROM action_updates au WHERE au.partnership_id = a.partnership_id AND au.action_id = a.id
     ) uc ON true
     LEFT JOIN LATERAL (
       SELECT au.id, au.created_at, au.status, au.rag, au.narrative, au.author_user_id FROM action_updates au
       WHERE au.partnership_id = a.partnership_id AND au.action_id = a.id ORDER BY au.created_at DESC, au.id DESC LIMIT 1
     ) lu ON true
     LEFT JOIN users lua ON lua.id = lu.author_user_id
     LEFT JOIN LATERAL (
       SELECT au.measure_value, au.created_at, m.text AS measure_text FROM action_updates au LEFT JOIN success_measures m ON m.id = au.measure_id
       WHERE au.partnership_id = a.partnership_id AND au.action_id = a.id AND au.measure_value IS NOT NULL ORDER BY au.created_at DESC, au.id DESC LIMIT 1
     ) fig ON true
     WHERE a.partnership_id = $1 AND ${
       actionId
         ? 'a.plan_id = $2 AND a.id = $3'
         : `(a.plan_id = $2 OR a.id IN (${INCLUDED_ACTION_IDS('$2')}))`
     }
     ORDER BY coalesce(host.position, CASE WHEN a.plan_id = $2 THEN pr.position END, 100000),
       a.plan_id <> $2, inc.position, ${ACTION_ORDER}`,
    params,
  );
  for (const row of rows)
    if (typeof row.measures === 'string') row.measures = JSON.parse(row.measures);
  return rows;
}
