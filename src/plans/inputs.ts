/**
 * The input of each plans command: the JSON API's body schema and, through readForm, the page
 * form's fields. One schema, so both give the same verdict on the same input.
 */
import { Type, type Static, type TSchema } from 'typebox';
import {
  Choice,
  Id,
  IdList,
  InputSchema,
  OptionalDate,
  OptionalId,
  Text,
  Version,
} from '../platform/commands/input.js';
import { ACTION_CATEGORIES, PLAN_KINDS, PLAN_STATUSES } from './plan-rules.js';

/** A field with words for the API documentation. */
const described = <S extends TSchema>(schema: S, description: string): S =>
  ({ ...schema, description }) as S;

const planFields = {
  kind: Choice(PLAN_KINDS, 'Select the kind of plan'),
  inspectionId: Type.Optional(OptionalId('Select an inspection from the list')),
  title: Text({ label: 'a title', max: 200, required: true }),
  ownerUserId: Type.Optional(OptionalId('Select the owner from the list')),
  coversDevelopment: Type.Optional(
    described(
      Type.Boolean({
        'x-messages': { invalid: 'Select whether the plan answers areas for development' },
      }),
      'Post-inspection and strategic plans: answer every area for development too, not only areas for improvement',
    ),
  ),
};

/** A new plan. It answers an inspection (or none) and starts as a draft. */
export const PlanInput = InputSchema(planFields);
export type PlanInput = Static<typeof PlanInput>;

/** A change to a plan's details: what changes, with the version the editor read. */
export const PlanChange = Type.Object(
  {
    kind: Type.Optional(planFields.kind),
    inspectionId: planFields.inspectionId,
    title: Type.Optional(planFields.title),
    ownerUserId: planFields.ownerUserId,
    coversDevelopment: planFields.coversDevelopment,
    version: Version,
  },
  { additionalProperties: false, minProperties: 2 },
);
export type PlanChange = Static<typeof PlanChange>;

const actionFields = {
  priorityId: Id('Select the priority this action belongs to'),
  parentActionId: Type.Optional(
    described(
      OptionalId('Select the action it is part of from the list'),
      'Makes it a sub-action ("2.3 a") of this top-level action of the same priority; null or left out for an action of its own. An action with sub-actions cannot become one.',
    ),
  ),
  title: Text({ label: 'what will be done', max: 500, required: true }),
  description: Type.Optional(Text({ label: 'the description', max: 10000 })),
  category: Choice(ACTION_CATEGORIES, 'Select the category'),
  leadUserId: Type.Optional(
    described(OptionalId('Select the lead from the list'), 'A member of the partnership'),
  ),
  leadOrganisationId: Type.Optional(
    described(
      OptionalId('Select the lead organisation from the list'),
      'One of the partnership’s organisations',
    ),
  ),
  partnerIds: Type.Optional(
    Type.Array(Id('Select partner organisations from the list'), {
      maxItems: 100,
      uniqueItems: true,
      'x-messages': { invalid: 'Select partner organisations from the list' },
    }),
  ),
  startDate: Type.Optional(OptionalDate('the start date')),
  dueDate: Type.Optional(OptionalDate('the due date')),
};

/** A new action of a priority, or a sub-action of one of its actions. */
export const ActionInput = InputSchema({ ...actionFields, version: Type.Optional(Version) });
export type ActionInput = Static<typeof ActionInput>;

/**
 * Why a set due date changes: needed then (slippage-rules.ts), kept in the action's due date
 * history; ignored when the due date stays.
 */
export const DueDateReason = described(
  Text({ label: 'the reason the due date changes', max: 1000 }),
  'Needed when the due date changes from a date already set; kept with the original date in the action’s due date history',
);

/** A change to an action: every field again (a PUT), with the version the editor read. */
export const ActionChange = InputSchema({
  ...actionFields,
  dueDateReason: Type.Optional(DueDateReason),
  version: Version,
});
export type ActionChange = Static<typeof ActionChange>;

/** Moving an action among its siblings, or to the end of another priority of the plan. */
export const ActionMove = Type.Object(
  {
    direction: Type.Optional(Choice(['up', 'down'] as const, 'Choose up or down')),
    toPriorityId: Type.Optional(
      described(
        Id('Select a priority of this plan'),
        'Move to the end of another priority of the plan',
      ),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type ActionMove = Static<typeof ActionMove>;

/** An admin's decision on a revised due date waiting for approval. */
export const DueDateDecision = InputSchema({
  decision: Choice(
    ['approve', 'reject'] as const,
    'Select whether to approve or reject the new date',
  ),
});
export type DueDateDecision = Static<typeof DueDateDecision>;

const priorityFields = {
  title: Text({ label: 'the priority’s title', max: 300, required: true }),
  description: Type.Optional(Text({ label: 'the description', max: 5000 })),
  findingIds: Type.Optional(
    described(
      Type.Array(Id('Select findings from the list'), {
        maxItems: 200,
        uniqueItems: true,
        'x-messages': { invalid: 'Select findings from the list' },
      }),
      'Findings of the plan’s inspection this priority answers',
    ),
  ),
};

/** A new priority of a plan, answering findings of its inspection. */
export const PriorityInput = InputSchema({ ...priorityFields, version: Type.Optional(Version) });
export type PriorityInput = Static<typeof PriorityInput>;

/** A change to a priority: every field again (a PUT), with the version the editor read. */
export const PriorityChange = InputSchema({ ...priorityFields, version: Version });
export type PriorityChange = Static<typeof PriorityChange>;

/** A success measure of an action: what is measured, and a target figure and date if any. */
export const MeasureInput = InputSchema({
  text: Text({ label: 'how success will be measured', max: 1000, required: true }),
  target: Type.Optional(
    Type.Union([Type.Number({ minimum: -1e12, maximum: 1e12 }), Type.Null()], {
      'x-messages': { invalid: 'Target must be a number, like 65 or 12.5' },
    }),
  ),
  targetDate: Type.Optional(OptionalDate('the target date')),
});
export type MeasureInput = Static<typeof MeasureInput>;

/** A plan moving along its life: signed off, submitted, judged, closed. */
export const StatusChange = InputSchema({
  to: Choice(PLAN_STATUSES, 'Select what has happened to the plan'),
  version: Version,
  note: Type.Optional(Text({ label: 'the note', max: 2000 })),
  eventOn: Type.Optional(
    described(
      OptionalDate('the date it happened'),
      'When it happened (YYYY-MM-DD); today when left out',
    ),
  ),
});
export type StatusChange = Static<typeof StatusChange>;

/**
 * An accelerated progress plan made in one step from a revisit (or monitoring inspection): a
 * priority for each finding judged not to have made sufficient progress, and the submission
 * date the DfE set.
 */
export const AcceleratedPlanInput = InputSchema({
  revisitId: Id('Select the revisit the plan answers'),
  title: Text({ label: 'a title', max: 200, required: true }),
  submitBy: Type.Optional(
    described(
      OptionalDate('the date it must be submitted by'),
      'The submission date the DfE set; it becomes a date set by others on the plan',
    ),
  ),
  carryActionIds: Type.Optional(
    described(
      IdList('Select actions from the list'),
      'Unfinished actions of earlier plans to carry on in the APP by reference (same action, one history of updates), each under the priority of the weakness it answered. Left out: every unfinished action answering a weakness judged insufficient; an empty list carries none.',
    ),
  ),
});
export type AcceleratedPlanInput = Static<typeof AcceleratedPlanInput>;

/**
 * What a plan includes from other plans by reference: whole priorities, or single actions (with
 * their sub-actions) under one of its own priorities.
 */
export const InclusionInput = InputSchema({
  priorityIds: Type.Optional(
    described(
      IdList('Select priorities from the list'),
      'Priorities of other plans to include whole, shown after this plan’s own',
    ),
  ),
  actionIds: Type.Optional(
    described(
      IdList('Select actions from the list'),
      'Top-level actions of other plans to include (with their sub-actions)',
    ),
  ),
  hostPriorityId: Type.Optional(
    described(
      OptionalId('Select the priority of this plan the actions go under'),
      'The priority of this plan the included actions are shown under; needed with actionIds',
    ),
  ),
});
export type InclusionInput = Static<typeof InclusionInput>;
