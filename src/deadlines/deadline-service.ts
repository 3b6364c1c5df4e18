import type { Queryable } from '../platform/db/db.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import { createWorkingCalendar } from '../platform/calendar/index.js';
import { listInspections } from '../inspections/index.js';
import { loadSettings } from './settings-repository.js';
import { todayInLondon } from '../platform/web/today.js';
import { computeDeadlines, type Deadline } from './deadlines.js';
import { listPlanDates } from './deadline-repository.js';

/** The partnership's statutory and expected dates, from its inspections, plans and settings. */
export async function partnershipDeadlines(
  q: Queryable,
  tenant: Tenant,
  today = todayInLondon(),
): Promise<Deadline[]> {
  const [inspections, plans, settings] = await Promise.all([
    listInspections(q, tenant),
    listPlanDates(q, tenant),
    loadSettings(q, tenant),
  ]);
  return computeDeadlines({
    inspections: inspections.map((i) => ({
      id: i.id,
      framework: i.framework,
      kind: i.kind,
      publishedOn: i.published_on,
      outcome: i.outcome,
      wsoaRequired: i.wsoa_required,
    })),
    plans: plans.map((p) => ({
      id: p.id,
      inspectionId: p.inspection_id,
      kind: p.kind,
      title: p.title,
      submittedOn: p.submitted_on,
      judgedFitForPurposeOn: p.fit_on,
      startedOn: p.started_on,
    })),
    rules: settings.rules,
    calendar: createWorkingCalendar({
      closures: settings.closures,
      countClosures: settings.countClosures,
    }),
    today,
  });
}
