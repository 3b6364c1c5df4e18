import type { Queryable } from '../platform/db/db.js';
import type { Tenant } from '../platform/tenancy/tenancy.js';
import { createWorkingCalendar } from '../platform/calendar/index.js';
import { listInspections } from '../inspections/index.js';
import { loadSettings } from './settings-repository.js';
import { todayInLondon } from '../platform/web/today.js';
import { compareDeadlines, computeDeadlines, type Deadline } from './deadlines.js';
import { listPlanDates } from './deadline-repository.js';
import { listKeyDates } from './key-date-repository.js';
import { keyDateDeadline } from './key-dates.js';

/** The partnership's statutory and expected dates, from its inspections, plans and settings. */
export async function partnershipDeadlines(
  q: Queryable,
  tenant: Tenant,
  today = todayInLondon(),
): Promise<Deadline[]> {
  const [inspections, plans, settings, keyDates] = await Promise.all([
    listInspections(q, tenant),
    listPlanDates(q, tenant),
    loadSettings(q, tenant),
    listKeyDates(q, tenant),
  ]);
  const calendar = createWorkingCalendar({
    closures: settings.closures,
    countClosures: settings.countClosures,
  });
  const ruled = computeDeadlines({
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
    calendar,
    today,
  });
  // Dates set by others sit among the rule-based ones, in the same order (by date, undated
  // last, then label). An APP made from a revisit has its own review dates, which replace the
  // rule's reviews of that plan: they can be changed and recorded as met.
  const set = keyDates.map((row) => keyDateDeadline(row, calendar, today));
  const ownReviews = new Set(
    keyDates.filter((k) => k.replaces_rule === 'app_review').map((k) => k.plan_id),
  );
  const kept = ruled.filter((d) => d.rule !== 'app_review' || !ownReviews.has(d.planId ?? null));
  return [...kept, ...set].sort(compareDeadlines);
}

/** The partnership's deadline rules as its settings hold them (defaults where unset). */
export async function deadlineRulesOf(q: Queryable, tenant: Tenant) {
  return (await loadSettings(q, tenant)).rules;
}
