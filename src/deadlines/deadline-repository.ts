import type { PlanFacts } from './deadlines.js';
import type { Queryable } from '../platform/db/db.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';

export type PlanDates = {
  id: string;
  inspection_id: string | null;
  kind: PlanFacts['kind'];
  title: string;
  submitted_on: string | null;
  fit_on: string | null;
  started_on: string | null;
};

/** Each plan with the first dates it was submitted, judged fit for purpose and signed off or submitted. */
export async function listPlanDates(q: Queryable, tenant: Tenant): Promise<PlanDates[]> {
  return q.query<PlanDates>(
    `SELECT p.id, p.inspection_id, p.kind, p.title,
       (SELECT min(e.event_on)::text FROM plan_status_events e WHERE e.plan_id = p.id AND e.to_status = 'submitted') AS submitted_on,
       (SELECT min(e.event_on)::text FROM plan_status_events e WHERE e.plan_id = p.id AND e.to_status = 'fit_for_purpose') AS fit_on,
       (SELECT min(e.event_on)::text FROM plan_status_events e WHERE e.plan_id = p.id AND e.to_status IN ('signed_off', 'submitted')) AS started_on
     FROM plans p WHERE p.partnership_id = $1`,
    [tenant.partnershipId],
  );
}
