import type { Queryable } from '../platform/db/db.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import { DEFAULT_DEADLINE_RULES, type DeadlineRuleSettings } from './index.js';

export type PartnershipSettings = {
  rules: DeadlineRuleSettings;
  closures: string[];
  countClosures: boolean;
  /** A revised due date from anyone but an admin waits for an admin's approval (plans reads it). */
  revisedDatesNeedApproval: boolean;
  version: number;
};

/** The partnership's settings, with defaults for anything it has not set. */
export async function loadSettings(q: Queryable, tenant: Tenant): Promise<PartnershipSettings> {
  const row = (
    await q.query<{
      deadline_rules: Partial<DeadlineRuleSettings> | string;
      closures: string[] | string;
      count_closures: boolean;
      revised_dates_need_approval: boolean;
      version: number;
    }>(
      'SELECT deadline_rules, closures, count_closures, revised_dates_need_approval, version FROM partnership_settings WHERE partnership_id = $1',
      [tenant.partnershipId],
    )
  )[0];
  const saved =
    (typeof row?.deadline_rules === 'string'
      ? JSON.parse(row.deadline_rules)
      : row?.deadline_rules) ?? {};
  const closures =
    (typeof row?.closures === 'string' ? JSON.parse(row.closures) : row?.closures) ?? [];
  return {
    rules: {
      ...DEFAULT_DEADLINE_RULES,
      ...saved,
      nextFullInspectionYears: {
        ...DEFAULT_DEADLINE_RULES.nextFullInspectionYears,
        ...(saved.nextFullInspectionYears ?? {}),
      },
      sources: { ...DEFAULT_DEADLINE_RULES.sources, ...(saved.sources ?? {}) },
    },
    closures,
    countClosures: row?.count_closures ?? true,
    revisedDatesNeedApproval: row?.revised_dates_need_approval ?? false,
    version: row?.version ?? 0,
  };
}

/** Saves only if nobody changed the settings since `version` (0: never saved) was read. */
export async function saveSettings(
  q: Queryable,
  tenant: Tenant,
  settings: Omit<PartnershipSettings, 'version'>,
  version: number,
): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO partnership_settings (partnership_id, deadline_rules, closures, count_closures, revised_dates_need_approval)
     VALUES ($1, $2, $3, $4, $6)
     ON CONFLICT (partnership_id) DO UPDATE SET deadline_rules = EXCLUDED.deadline_rules, closures = EXCLUDED.closures,
       count_closures = EXCLUDED.count_closures, revised_dates_need_approval = EXCLUDED.revised_dates_need_approval,
       version = partnership_settings.version + 1
     WHERE partnership_settings.version = $5 RETURNING 1`,
    [
      tenant.partnershipId,
      JSON.stringify(settings.rules),
      JSON.stringify(settings.closures),
      settings.countClosures,
      version,
      settings.revisedDatesNeedApproval,
    ],
  );
  return rows.length === 1;
}
