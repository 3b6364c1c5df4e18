// The plans capability's entry: the only file other folders import.
export { actionNumber, type NumberedAction } from './action-numbers.js';
export {
  canUpdateAction,
  listUpdates,
  ROLES_THAT_UPDATE,
  UPDATE_COLUMNS,
  UPDATE_FROM,
  type UpdateRow,
  updatesAnyAction,
} from './action-updates.js';
export { plansApi } from './api.js';
export { reviseDueDate, type Revision } from './slippage-service.js';
export {
  DUE_DATE_REASON_NEEDED,
  dueDateChangeNeedsReason,
  hasSlipped,
  slippageDays,
} from './slippage-rules.js';
export { planExportRoutes } from './export-routes.js';
export {
  ACTION_ORDER,
  type ActionInput,
  type ActionRow,
  findAction,
  findPlan,
  listMeasures,
  listPlans,
  type PlanRow,
  listPlanFindings,
  partnershipOfPlan,
} from './plan-repository.js';
export {
  ACTION_CATEGORY_LABELS,
  ACTION_STATUS_LABELS,
  ACTION_STATUSES,
  type ActionCategory,
  type ActionStatus,
  PLAN_KIND_LABELS,
  PLAN_STATUS_LABELS,
  type PlanKind,
  type PlanStatus,
  type Rag,
  RAGS,
} from './plan-rules.js';
export {
  addAction,
  addMeasure,
  addPriority,
  changePlanStatus,
  createPlan,
  editAction,
  loadPlan,
} from './plan-service.js';
export { includeInPlan } from './commands/inclusions.js';
export { planDocumentSource, type PlanDocumentSource } from './plan-document-source.js';
export { removeAction } from './removal-service.js';
export { rollUp, ROLLUP_RULE } from './rollup.js';
export { renderActionPage } from './pages/action/route.js';
export { planRoutes } from './routes.js';
