// Statutory and expected inspection deadlines (pure logic; see deadlines.ts).
export {
  computeDeadlines,
  DEFAULT_DEADLINE_RULES,
  type Deadline,
  type DeadlineRule,
  type DeadlineRuleSettings,
  type DeadlineStatus,
  type InspectionFacts,
  type PlanFacts,
} from './deadlines.js';
export { addMonths, formatLongDate } from './dates.js';
export { daysBetween, MONTHS } from './dates.js';
export { deadlineRulesOf, partnershipDeadlines } from './deadline-service.js';
export { datesRoutes, settingsRoutes } from './routes.js';
export { keyDatesApi } from './key-dates-api.js';
export { addKeyDateIn, createKeyDate } from './commands/key-dates.js';
export { listPlanKeyDates, type KeyDateRow } from './key-date-repository.js';
