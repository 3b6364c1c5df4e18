/** What the plans API sends, and how rows become it. */
import type * as repo from '../plan-repository.js';
import { actionNumber } from '../action-numbers.js';
import {
  ACTION_CATEGORIES,
  ACTION_STATUSES,
  NEXT_STATUSES,
  PLAN_KINDS,
  PLAN_STATUSES,
  RAGS,
} from '../plan-rules.js';
import { FINDING_TYPES } from '../../inspections/index.js';
import { type ActionSheetRow } from '../export-repository.js';
import { slippageDays } from '../slippage-rules.js';
import {
  date,
  dateTime,
  error,
  nullableDate,
  nullableString,
  nullableUuid,
  uuid,
} from '../../platform/web/api-kit.js';

// Schemas: what the API sends

export const rollup = {
  type: 'object',
  description: 'Worst case wins: red if any action is red; amber if any is amber or overdue',
  properties: {
    total: { type: 'integer' },
    complete: { type: 'integer' },
    percentComplete: { type: 'integer' },
    red: { type: 'integer' },
    amber: { type: 'integer' },
    green: { type: 'integer' },
    noUpdate: { type: 'integer' },
    overdue: { type: 'integer' },
    rag: { type: ['string', 'null'], enum: [...RAGS, null] },
  },
} as const;

export const measure = {
  type: 'object',
  properties: {
    id: uuid,
    text: { type: 'string' },
    target: { type: ['number', 'null'] },
    targetDate: nullableDate,
  },
} as const;

const includedFrom = {
  type: ['object', 'null'],
  properties: {
    planId: uuid,
    title: { type: 'string' },
    inclusionId: {
      ...uuid,
      description: 'DELETE …/plans/{planId}/inclusions/{inclusionId} takes it out of this plan',
    },
  },
} as const;

export const action = {
  type: 'object',
  properties: {
    id: uuid,
    planId: uuid,
    priorityId: uuid,
    parentActionId: {
      ...nullableUuid,
      description: 'The action this is a sub-action of (in the same priority), or null',
    },
    number: {
      type: 'string',
      description:
        'Priority number and position, like "2.3"; a sub-action of 2.3 is lettered: "2.3 a", "2.3 b" … "2.3 z", "2.3 aa"',
    },
    title: { type: 'string' },
    description: { type: 'string' },
    category: { type: 'string', enum: ACTION_CATEGORIES },
    leadUserId: nullableUuid,
    leadName: nullableString,
    leadOrganisationId: nullableUuid,
    leadOrganisationName: nullableString,
    partners: {
      type: 'array',
      items: { type: 'object', properties: { id: uuid, name: { type: 'string' } } },
    },
    startDate: nullableDate,
    dueDate: nullableDate,
    baselineDueDate: {
      ...nullableDate,
      description: 'The first due date the action was given: it stays when the due date changes',
    },
    slippageDays: {
      type: ['integer', 'null'],
      description:
        'Days from the baseline to the current due date (positive: later); null without both dates',
    },
    status: { type: 'string', enum: ACTION_STATUSES, description: 'From the latest update' },
    rag: {
      type: ['string', 'null'],
      enum: [...RAGS, null],
      description: 'From the latest update; null until the first',
    },
    overdue: { type: 'boolean', description: 'Past its due date and not complete' },
    updateCount: { type: 'integer' },
    latestUpdate: {
      type: ['object', 'null'],
      properties: {
        id: uuid,
        createdAt: dateTime,
        status: { type: 'string', enum: ACTION_STATUSES },
        rag: { type: 'string', enum: RAGS },
        narrative: { type: 'string' },
        authorName: nullableString,
      },
    },
    latestFigure: {
      type: ['object', 'null'],
      description: 'The most recent figure reported against one of its success measures',
      properties: { value: { type: 'number' }, measure: nullableString, createdAt: dateTime },
    },
    measures: { type: 'array', items: measure },
    version: { type: 'integer' },
    includedFrom: {
      ...includedFrom,
      description:
        'In a plan’s actions: set when the action is another plan’s, included here by reference (the same action and updates; change it in its own plan). Null for the plan’s own.',
    },
    placePriorityId: {
      ...uuid,
      description:
        'The priority the plan shows it under: its own priority, or for an action included one by one, a priority of the including plan',
    },
  },
} as const;

export const planSummary = {
  id: uuid,
  kind: { type: 'string', enum: PLAN_KINDS },
  title: { type: 'string' },
  inspectionId: nullableUuid,
  ownerUserId: nullableUuid,
  ownerName: nullableString,
  status: { type: 'string', enum: PLAN_STATUSES },
  nextStatuses: { type: 'array', items: { type: 'string', enum: PLAN_STATUSES } },
  actionCount: { type: 'integer' },
  coversDevelopment: { type: 'boolean' },
  version: { type: 'integer' },
} as const;
export const plan = { type: 'object', properties: planSummary } as const;

export const priority = {
  type: 'object',
  properties: {
    id: uuid,
    number: { type: 'integer' },
    title: { type: 'string' },
    description: { type: 'string' },
    findingIds: { type: 'array', items: uuid },
    version: { type: 'integer' },
  },
} as const;

export const planDetailSchema = {
  type: 'object',
  properties: {
    ...planSummary,
    rollup,
    priorities: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          ...priority.properties,
          includedFrom: {
            ...includedFrom,
            description:
              'Set for a priority of another plan included whole, by reference; null for the plan’s own',
          },
          rollup,
          actions: {
            type: 'array',
            items: action,
            description: 'Its actions, then any actions of other plans included under it',
          },
        },
      },
    },
    coverageRule: {
      type: 'string',
      description:
        'Which findings this kind of plan must answer, in words. A plan with no actions, or leaving one of them without an action, cannot be submitted.',
    },
    coverage: {
      type: 'array',
      description:
        'Each finding the plan must answer by its kind (see coverageRule), and whether an action answers it. A plan cannot be submitted until all are covered.',
      items: {
        type: 'object',
        properties: {
          findingId: uuid,
          type: { type: 'string', enum: FINDING_TYPES },
          text: { type: 'string' },
          priorityIds: { type: 'array', items: uuid },
          actionCount: { type: 'integer' },
          covered: { type: 'boolean' },
        },
      },
    },
    versions: {
      type: 'array',
      description: 'Frozen at each sign-off and submission, newest first',
      items: {
        type: 'object',
        properties: {
          number: { type: 'integer' },
          event: { type: 'string' },
          eventOn: date,
          note: { type: 'string' },
          createdAt: dateTime,
          createdByName: nullableString,
        },
      },
    },
  },
} as const;

export const uncoveredError = {
  type: 'object',
  properties: {
    ...error.properties,
    uncovered: {
      type: 'array',
      description: 'When submission is refused: the findings with no action yet',
      items: {
        type: 'object',
        properties: {
          findingId: uuid,
          type: { type: 'string', enum: FINDING_TYPES },
          text: { type: 'string' },
        },
      },
    },
  },
} as const;

// Schemas: what the API accepts

// Mapping rows to JSON

export const toPlan = (p: repo.PlanRow) => ({
  id: p.id,
  kind: p.kind,
  title: p.title,
  inspectionId: p.inspection_id,
  ownerUserId: p.owner_user_id,
  ownerName: p.owner_name,
  status: p.status,
  nextStatuses: NEXT_STATUSES[p.status],
  actionCount: p.action_count,
  coversDevelopment: p.covers_development,
  version: p.version,
});

export const toPriority = (p: repo.PriorityRow) => ({
  id: p.id,
  number: p.position,
  title: p.title,
  description: p.description,
  findingIds: p.finding_ids,
  version: p.version,
});

export const toAction = (a: ActionSheetRow, today: string) => ({
  id: a.id,
  planId: a.plan_id,
  priorityId: a.priority_id,
  parentActionId: a.parent_action_id,
  number: actionNumber(a),
  title: a.title,
  description: a.description,
  category: a.category,
  leadUserId: a.lead_user_id,
  leadName: a.lead_name,
  leadOrganisationId: a.lead_organisation_id,
  leadOrganisationName: a.lead_organisation_name,
  partners: a.partner_ids.map((id, i) => ({ id, name: a.partner_names[i] })),
  startDate: a.start_date,
  dueDate: a.due_date,
  baselineDueDate: a.baseline_due_date,
  slippageDays: slippageDays(a.baseline_due_date, a.due_date),
  status: a.status,
  rag: a.rag,
  overdue: a.status !== 'complete' && a.due_date !== null && a.due_date < today,
  updateCount: a.update_count,
  latestUpdate: a.latest_update_id
    ? {
        id: a.latest_update_id,
        createdAt: a.latest_update_at,
        status: a.latest_update_status,
        rag: a.latest_update_rag,
        narrative: a.latest_update_narrative,
        authorName: a.latest_update_author,
      }
    : null,
  latestFigure:
    a.figure_value === null
      ? null
      : { value: Number(a.figure_value), measure: a.figure_measure, createdAt: a.figure_at },
  measures: a.measures.map((m) => ({
    id: m.id,
    text: m.text,
    target: m.target === null ? null : Number(m.target),
    targetDate: m.targetDate,
  })),
  version: a.version,
  includedFrom: a.included_from_plan_id
    ? {
        planId: a.included_from_plan_id,
        title: a.included_from ?? '',
        inclusionId: a.inclusion_id ?? '',
      }
    : null,
  placePriorityId: a.place_priority_id,
});
