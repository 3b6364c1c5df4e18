/**
 * The words of the audit log page: what each recorded entity type, field and coded value is
 * called in plain English. One place, so the filter, the column and the change lines agree. Keys
 * are written snake_case: a recorded key in camelCase (`leadUserId`) finds the same label as its
 * column (`lead_user_id`). Anything missing here still shows, under a humanised key.
 */
import { ROLE_LABELS } from '../platform/identity/types.js';
import { FREQUENCY_LABELS } from '../performance/indicators/index.js';
import { POLARITY_LABELS, UNIT_LABELS } from '../performance/indicators/index.js';
import { KIND_LABELS as IMPORT_KIND_LABELS } from '../performance/imports/index.js';
import {
  FINDING_TYPE_LABELS,
  FRAMEWORK_LABELS,
  INSPECTION_KIND_LABELS,
  OUTCOME_SHORT,
  QUESTION_LABELS,
} from '../inspections/index.js';
import { KIND_LABELS as EMAIL_KIND_LABELS } from '../platform/email/outbox-rules.js';
import { ORGANISATION_KIND_LABELS } from '../organisations/index.js';
import { BOARD_KIND_LABELS, MEETING_STATUS_LABELS } from '../governance/index.js';
import {
  ACTION_CATEGORY_LABELS,
  ACTION_STATUS_LABELS,
  PLAN_KIND_LABELS,
  PLAN_STATUS_LABELS,
} from '../plans/index.js';
import { MATRIX_KIND_LABELS, RISK_STATUS_LABELS } from '../risks/index.js';

/** What each recorded entity type is called: in the filter and column, and within a sentence. */
export const ENTITY_TYPES: Record<string, { label: string; noun: string }> = {
  action: { label: 'Action', noun: 'action' },
  'agenda item': { label: 'Agenda item', noun: 'agenda item' },
  'action update': { label: 'Action update', noun: 'progress update' },
  'api token': { label: 'API token', noun: 'API token' },
  board: { label: 'Board', noun: 'board' },
  'board report': { label: 'Board report', noun: 'board report' },
  census: { label: 'School census', noun: 'census' },
  data_import: { label: 'Data import', noun: 'data import' },
  ehc_case_set: { label: 'EHC case set', noun: 'EHC case set' },
  decision: { label: 'Board decision', noun: 'decision' },
  email: { label: 'Email', noun: 'email' },
  finding: { label: 'Inspection finding', noun: 'finding' },
  'follow-up': { label: 'Board follow-up action', noun: 'follow-up action' },
  indicator: { label: 'Indicator', noun: 'indicator' },
  inspection: { label: 'Inspection', noun: 'inspection' },
  meeting: { label: 'Board meeting', noun: 'meeting' },
  organisation: { label: 'Organisation', noun: 'organisation' },
  partnership: { label: 'Partnership', noun: 'partnership' },
  person: { label: 'Person', noun: 'person' },
  plan: { label: 'Plan', noun: 'plan' },
  priority: { label: 'Priority', noun: 'priority' },
  risk: { label: 'Risk', noun: 'risk' },
  'risk matrix': { label: 'Risk matrix', noun: 'the risk matrix' },
  settings: { label: 'Settings', noun: 'the settings' },
  'success measure': { label: 'Success measure', noun: 'success measure' },
  'update round': { label: 'Update round', noun: 'update round' },
};

/** Labels that mean the same whatever was changed. */
const COMMON_FIELDS: Record<string, string> = {
  id: 'Record id',
  name: 'Name',
  title: 'Title',
  description: 'Description',
  email: 'Email address',
  role: 'Role',
  kind: 'Kind',
  status: 'Status',
  rag: 'RAG rating',
  note: 'Note',
  text: 'Text',
  label: 'Label',
  source: 'Source',
  code: 'Code',
  version: 'Version',
  position: 'Position',
  disabled: 'Disabled',
  user_id: 'Person',
  organisation_id: 'Organisation',
  lead_user_id: 'Lead',
  lead_name: 'Lead (name when recorded)',
  lead_organisation_id: 'Lead organisation',
  lead_organisation_name: 'Lead organisation (name when recorded)',
  owner_user_id: 'Owner',
  owner_name: 'Owner (name when recorded)',
  partner_ids: 'Partner organisations',
  partner_names: 'Partner organisations (names when recorded)',
  plan_id: 'Plan',
  plan_ids: 'Plans',
  covers: 'Covers',
  priority_id: 'Priority',
  to_priority_id: 'To priority',
  action_id: 'Action',
  action_ids: 'Linked actions',
  parent_action_id: 'Part of action',
  inspection_id: 'Inspection',
  finding_ids: 'Findings',
  finding_id: 'Finding',
  round_id: 'Update round',
  import_id: 'Data import record',
  case_set_id: 'EHC case set record',
  target_id: 'Target record',
  file: 'File',
  file_name: 'File',
  rows: 'Rows read',
  rows_read: 'Rows read',
  start_date: 'Start date',
  due_date: 'Due date',
  due_on: 'Due on',
  opened_on: 'Opened on',
  created_at: 'Created',
  archived_at: 'Archived',
  last_update_at: 'Last progress update',
  priority_position: 'Priority number',
  parent_position: 'Parent action number',
  action_count: 'Number of actions',
};

/** Labels that depend on what was changed. */
const FIELDS_BY_TYPE: Record<string, Record<string, string>> = {
  action: { category: 'Category', status: 'Progress status', position: 'Number within priority' },
  'action update': {
    narrative: 'Update',
    measure_id: 'Success measure',
    measure_value: 'Measure value',
    status: 'Progress status',
  },
  'agenda item': { presenter: 'Presenter', meeting_id: 'Meeting' },
  'api token': { name: 'Token name' },
  board: {
    kind: 'Kind of board',
    terms_of_reference: 'Terms of reference',
    chair: 'Chair',
    role: 'Role or organisation',
    board_id: 'Board',
  },
  census: {
    census_date: 'Census date',
    schools: 'Schools',
    pupils: 'Pupils',
    e: 'Pupils with an EHC plan (E)',
    k: 'Pupils on SEN support (K)',
  },
  data_import: {
    kind: 'What was imported',
    values: 'Values',
    sets_replaced: 'Sets replaced',
    values_replaced: 'Values replaced',
    periods_replaced: 'Periods replaced',
    benchmarks: 'Benchmarks',
    replaced: 'Replaced',
    localities: 'Localities',
    districts: 'Districts',
    schools: 'Schools',
    added: 'Added',
    updated: 'Updated',
    removed: 'Removed',
  },
  ehc_case_set: {
    case_sets: 'Case sets replaced',
    cases: 'Cases',
    issued: 'Plans issued',
    open: 'Still open',
    with_exception: 'With an exception',
    ignored_columns: 'Columns ignored',
    replaced: 'Case sets replaced',
  },
  decision: { text: 'Decision', meeting_id: 'Meeting' },
  'follow-up': {
    text: 'Follow-up action',
    owner_member_id: 'Owner',
    due_on: 'Due',
    done_on: 'Done on',
    meeting_id: 'Meeting',
  },
  meeting: { meets_on: 'Date', starts_at: 'Time', place: 'Place', board_id: 'Board' },
  email: {
    kind: 'Kind of email',
    to_address: 'To',
    subject: 'Subject',
    attempts: 'Attempts',
    last_error: 'Last error',
    emails: 'Emails',
    retention_days: 'Kept for (days)',
    finished_before: 'Finished before',
  },
  finding: {
    type: 'Type',
    question: 'Inspection question',
    text: 'Finding',
    sufficient_progress: 'Sufficient progress',
  },
  indicator: {
    definition: 'Definition',
    unit: 'Unit',
    polarity: 'Which way is better',
    frequency: 'Frequency',
    green_threshold: 'Green from',
    amber_threshold: 'Amber from',
    green_upper: 'Green up to',
    amber_upper: 'Amber up to',
    value: 'Value',
    codes: 'Codes',
    england_values: 'England values',
    period: 'Period',
    numerator: 'Numerator',
    denominator: 'Denominator',
    values: 'Values',
    values_by_area: 'Values by area',
    partnership: 'Partnership value',
  },
  inspection: {
    framework: 'Framework',
    kind: 'Kind of inspection',
    on_site_start: 'On site from',
    on_site_end: 'On site until',
    published_on: 'Report published',
    team: 'Inspection team',
    outcome: 'Outcome',
    wsoa_required: 'Written statement of action required',
    outcome_text: 'Outcome in the report',
    findings: 'Findings',
  },
  organisation: { kind: 'Kind of organisation' },
  partnership: {
    local_authority: 'Local authority',
    la_code: 'DfE local authority code',
    backup_created_at: 'Backup made',
    rows: 'Rows restored',
  },
  person: {
    platform_owner: 'Platform owner',
    locked_until: 'Locked until',
    email_tried: 'Email address tried',
    reason: 'Why it was refused',
  },
  plan: {
    kind: 'Kind of plan',
    status: 'Plan status',
    version_number: 'Version frozen',
  },
  settings: {
    rules: 'Deadline rules',
    wsoa_working_days: 'WSoA working days',
    revisit_months: 'Revisit (months)',
    monitoring_inspection_months: 'Monitoring inspection (months)',
    next_full_inspection_years: 'Next full inspection (years)',
    app_review_months: 'APP reviews (months)',
    priority_action_plan_working_days: 'Priority action plan working days',
    sources: 'Sources',
    closures: 'Closure days',
    count_closures: 'Count closure days',
  },
  risk: {
    cause: 'Cause',
    consequence: 'Consequence',
    owner_user_id: 'Risk owner',
    inherent_likelihood: 'Inherent likelihood',
    inherent_impact: 'Inherent impact',
    current_likelihood: 'Current likelihood',
    current_impact: 'Current impact',
    target_likelihood: 'Target likelihood',
    target_impact: 'Target impact',
    likelihood: 'Likelihood',
    impact: 'Impact',
    review_due: 'Next review',
    next_review_on: 'Next review',
    reviewed_on: 'Reviewed on',
    closed_on: 'Closed on',
    escalated_to_board_id: 'Escalated to board',
    escalated_to: 'Escalated to (another body)',
    escalation_reason: 'Reason for escalation',
    escalated_on: 'Escalated on',
  },
  'risk matrix': {
    kind: 'Kind of matrix',
    likelihood_labels: 'Likelihood levels',
    impact_labels: 'Impact levels',
    tolerance: 'Tolerance',
  },
  'success measure': { target: 'Target', target_date: 'Target date' },
  'update round': { due_on: 'Updates due' },
};

/** Keys recorded under another name on one side of an edit (form values after, columns before). */
export const KEY_ALIASES: Record<string, string> = {
  green: 'green_threshold',
  amber: 'amber_threshold',
  file: 'file_name',
};

/** Coded values in words, by field; where a field's codes differ by entity type, by both. */
const VALUES: Record<string, Record<string, string>> = {
  role: ROLE_LABELS,
  rag: { red: 'Red', amber: 'Amber', green: 'Green' },
  category: ACTION_CATEGORY_LABELS,
  type: FINDING_TYPE_LABELS,
  question: QUESTION_LABELS,
  framework: FRAMEWORK_LABELS,
  unit: UNIT_LABELS,
  polarity: POLARITY_LABELS,
  frequency: FREQUENCY_LABELS,
};
const VALUES_BY_TYPE: Record<string, Record<string, Record<string, string>>> = {
  action: { status: ACTION_STATUS_LABELS },
  'action update': { status: ACTION_STATUS_LABELS },
  person: {
    reason: {
      'wrong password': 'Wrong password',
      'account locked': 'Account locked',
      'no such account': 'No account has this email address',
      'account disabled': 'Account disabled',
    },
  },
  plan: { kind: PLAN_KIND_LABELS, status: PLAN_STATUS_LABELS },
  risk: { status: RISK_STATUS_LABELS },
  'risk matrix': { kind: MATRIX_KIND_LABELS },
  inspection: { kind: INSPECTION_KIND_LABELS, outcome: OUTCOME_SHORT },
  organisation: { kind: ORGANISATION_KIND_LABELS },
  board: { kind: BOARD_KIND_LABELS },
  meeting: { status: MEETING_STATUS_LABELS },
  data_import: { kind: IMPORT_KIND_LABELS },
  email: { kind: EMAIL_KIND_LABELS },
};

/**
 * The order fields are listed in: what the record is first, bookkeeping last. The database keeps
 * a record's keys in its own order (jsonb sorts them by length), which reads as no order at all.
 */
// prettier-ignore
const FIELD_ORDER = [
  'title', 'name', 'label', 'code', 'subject', 'text', 'type', 'question', 'framework', 'kind',
  'description', 'definition', 'narrative', 'note', 'email', 'role', 'category', 'status', 'rag',
  'plan_id', 'priority_id', 'to_priority_id', 'parent_action_id', 'action_id', 'inspection_id',
  'lead_user_id', 'lead_organisation_id', 'partner_ids', 'owner_user_id', 'user_id',
  'organisation_id', 'start_date', 'due_date', 'on_site_start', 'on_site_end', 'published_on',
];
// prettier-ignore
const LAST_FIELDS = [
  'lead_name', 'lead_organisation_name', 'partner_names', 'owner_name', 'priority_position',
  'parent_position', 'position', 'last_update_at', 'created_at', 'version', 'id',
];

/** Where a field comes in an entry's list: a smaller number first; ties keep the recorded order. */
export function fieldRank(key: string): number {
  const canon = canonicalKey(key);
  const first = FIELD_ORDER.indexOf(canon);
  if (first >= 0) return first;
  const last = LAST_FIELDS.indexOf(canon);
  return last >= 0 ? 1000 + last : 500;
}

/** "leadUserId" → "lead_user_id": how this file writes keys. */
export function canonicalKey(key: string): string {
  const snake = key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[\s-]+/g, '_')
    .toLowerCase();
  return KEY_ALIASES[snake] ?? snake;
}

/** "leadUserId" or "plan_id" → "Lead user id", "Plan id": for keys this file does not know. */
export function humaniseKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\s-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : key;
}

export function entityTypeLabel(entityType: string): string {
  return ENTITY_TYPES[entityType]?.label ?? humaniseKey(entityType);
}

export function entityNoun(entityType: string): string {
  return ENTITY_TYPES[entityType]?.noun ?? humaniseKey(entityType).toLowerCase();
}

export function fieldLabel(entityType: string, key: string): string {
  const canon = canonicalKey(key);
  return FIELDS_BY_TYPE[entityType]?.[canon] ?? COMMON_FIELDS[canon] ?? humaniseKey(key);
}

/** The words for a coded value, or undefined when the field has no codes or this one is unknown. */
export function valueLabel(entityType: string, key: string, value: string): string | undefined {
  const canon = canonicalKey(key);
  const labels = VALUES_BY_TYPE[entityType]?.[canon] ?? VALUES[canon];
  return labels && Object.hasOwn(labels, value) ? labels[value] : undefined;
}
