// The inspections capability's entry: the only file other folders import.
export { inspectionsApi } from './api.js';
export { readFindingForm, readInspectionForm, type CheckedForm } from './pages/forms.js';
export { recordInspection } from './commands/inspection-details.js';
export { withoutVersion } from './input-checks.js';
export {
  type FindingInput,
  findInspection,
  type InspectionInput,
  listFindings,
  listInspections,
} from './inspection-repository.js';
export {
  FINDING_TYPE_LABELS,
  FINDING_TYPE_PLURALS,
  FINDING_TYPES,
  FOLLOWS_KIND,
  type FindingType,
  type Framework,
  FRAMEWORK_LABELS,
  INSPECTION_KIND_LABELS,
  type InspectionKind,
  inspectionTitle,
  OUTCOME_SHORT,
  OUTCOME_TEXT,
  type Question,
  QUESTION_LABELS,
  QUESTIONS,
} from './inspection-rules.js';
export { addFinding, createInspection } from './inspection-service.js';
export { isStillReferenced } from './removal-service.js';
export { inspectionRoutes } from './routes.js';
export {
  followedInspection,
  followChoices,
  judgementsOf,
  shortText,
  type Judgement,
} from './judgements.js';
