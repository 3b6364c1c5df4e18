import type { Queryable } from '../platform/db/db.js';
import type { CurrentUser, Role } from '../platform/identity/types.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import { type ActionRow } from './plan-repository.js';
import { type ActionStatus, type Rag } from './plan-rules.js';

export type UpdateRow = {
  id: string;
  action_id: string;
  round_id: string | null;
  round_title: string | null;
  /** Whether its round is still open, so the update may still be corrected. */
  round_open: boolean;
  status: ActionStatus;
  rag: Rag;
  narrative: string;
  measure_id: string | null;
  measure_text: string | null;
  measure_value: string | null;
  author_user_id: string | null;
  author_name: string | null;
  created_at: Date;
  version: number;
  corrected_at: Date | null;
  corrected_by_name: string | null;
};

export const UPDATE_COLUMNS = `au.id, au.action_id, au.round_id, r.title AS round_title, (r.id IS NOT NULL AND r.closed_at IS NULL) AS round_open,
  au.status, au.rag, au.narrative, au.measure_id, m.text AS measure_text, au.measure_value::text,
  au.author_user_id, u.name AS author_name, au.created_at, au.version, au.corrected_at, cu.name AS corrected_by_name`;

export const UPDATE_FROM = `action_updates au LEFT JOIN update_rounds r ON r.id = au.round_id LEFT JOIN success_measures m ON m.id = au.measure_id
  LEFT JOIN users u ON u.id = au.author_user_id LEFT JOIN users cu ON cu.id = au.corrected_by`;

export async function listUpdates(
  q: Queryable,
  tenant: Tenant,
  actionId: string,
): Promise<UpdateRow[]> {
  return q.query<UpdateRow>(
    `SELECT ${UPDATE_COLUMNS} FROM ${UPDATE_FROM}
     WHERE au.partnership_id = $1 AND au.action_id = $2 ORDER BY au.created_at DESC, au.id DESC`,
    [tenant.partnershipId, actionId],
  );
}

/** Whether this role may update any action, not only the ones the person leads. */
export function updatesAnyAction(tenant: Pick<Tenant, 'role'>): boolean {
  return (ROLES_THAT_UPDATE_ANY_ACTION as readonly string[]).includes(tenant.role);
}

/** Who may record progress on an action: admins and contributors, and the action's own lead. */
export function canUpdateAction(
  tenant: Tenant,
  user: CurrentUser,
  action: Pick<ActionRow, 'lead_user_id'>,
): boolean {
  return updatesAnyAction(tenant) || (tenant.role === 'lead' && action.lead_user_id === user.id);
}

/** Roles that may record an update on any action; a lead may update only the actions they lead. */
export const ROLES_THAT_UPDATE_ANY_ACTION = ['admin', 'contributor'] as const satisfies Role[];

/** Roles that may record an update at all: the only ones worth reminding about a round. */
export const ROLES_THAT_UPDATE = [...ROLES_THAT_UPDATE_ANY_ACTION, 'lead'] as const;
