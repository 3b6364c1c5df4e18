/**
 * The input of each progress command: the JSON API's body schema and, through readForm, the page
 * form's fields. One schema, so both give the same verdict on the same input.
 */
import { Type, type Static, type TObject } from 'typebox';
import {
  Choice,
  Id,
  InputSchema,
  OptionalDate,
  OptionalId,
  Text,
  Version,
  type FieldMessages,
} from '../platform/commands/input.js';
import type { FieldProblem } from '../platform/commands/result.js';
import { ACTION_STATUSES, RAGS } from '../plans/index.js';

const MESSAGES = 'x-messages';

/** Text with the pages' own words for empty and too long. */
function RequiredText(
  max: number,
  messages: Required<Pick<FieldMessages, 'required' | 'tooLong'>>,
) {
  return Type.String({ minLength: 1, maxLength: max, [MESSAGES]: messages });
}

/** A date every form and call must give (a GOV.UK date input on the page). */
function RequiredDate(label: string, description: string) {
  return Type.String({
    format: 'date',
    description,
    [MESSAGES]: {
      required: `Enter ${label}`,
      invalid: `${label.charAt(0).toUpperCase()}${label.slice(1)} must be a real date`,
    },
  });
}

export const FIGURE_INVALID = 'Figure must be a number, like 58 or 12.5';

const updateFields = {
  status: Choice(ACTION_STATUSES, 'Select the action’s status'),
  rag: Choice(RAGS, 'Select a RAG rating'),
  narrative: RequiredText(10000, {
    required: 'Enter what has happened since the last update',
    tooLong: 'What has happened since the last update must be 10000 characters or fewer',
  }),
  measureId: Type.Optional(OptionalId('Select a success measure from the list')),
  measureValue: Type.Optional(
    Type.Union([Type.Number({ minimum: -1e12, maximum: 1e12 }), Type.Null()], {
      description: 'A figure for the success measure given in measureId',
      [MESSAGES]: { invalid: FIGURE_INVALID },
    }),
  ),
};

/**
 * A progress update on an action: status, RAG, what happened, and optionally a figure and a
 * proposed new due date with its reason (which applies, or waits for an admin, as a revised date
 * on the action form does).
 */
export const UpdateInput = InputSchema({
  ...updateFields,
  proposedDueDate: Type.Optional({
    ...OptionalDate('the proposed due date'),
    description:
      'A new due date for the action (YYYY-MM-DD). It applies at once, or waits for an admin’s approval where the partnership’s settings ask for it; the original date is kept',
  }),
  proposedDueDateReason: Type.Optional({
    ...Text({ label: 'the reason for the new due date', max: 1000 }),
    description: 'Why the due date changes: needed with a proposed date when the action has one',
  }),
});
export type UpdateInput = Static<typeof UpdateInput>;

/** A correction of an update: what changes (the rest stays as recorded), with the version read. */
export const UpdateChange = InputSchema({
  status: Type.Optional(updateFields.status),
  rag: Type.Optional(updateFields.rag),
  narrative: Type.Optional(updateFields.narrative),
  measureId: updateFields.measureId,
  measureValue: updateFields.measureValue,
  version: Version,
});
export type UpdateChange = Static<typeof UpdateChange>;

const dueOn = RequiredDate(
  'the date updates are due',
  'When updates are due: today or later (YYYY-MM-DD)',
);

/** A new update round, opened today, for every live plan or for the plans chosen. */
export const RoundInput = InputSchema({
  title: RequiredText(120, {
    required: 'Enter a name for the round',
    tooLong: 'A name for the round must be 120 characters or fewer',
  }),
  dueOn,
  planIds: Type.Optional(
    Type.Array(Id('Select plans from the list'), {
      maxItems: 200,
      uniqueItems: true,
      description:
        'The live plans the round covers, like the plans a quarterly DfE and NHS England review looks at. Left out or empty: every live plan. No plan can be in two open rounds.',
      [MESSAGES]: { invalid: 'Select plans from the list' },
    }),
  ),
});
export type RoundInput = Static<typeof RoundInput>;

/** A new due date for an open round. */
export const RoundDueChange = InputSchema({ dueOn, version: Version });
export type RoundDueChange = Static<typeof RoundDueChange>;

/**
 * The fields of `raw` that pass their own schema, trimmed: the pure rules that relate fields (a
 * RAG that contradicts the status) still speak when another field is wrong, so a form shows every
 * problem at once.
 */
export function validFields(
  schema: TObject,
  raw: unknown,
  problems: readonly FieldProblem[],
): Record<string, unknown> {
  if (!raw || typeof raw !== 'object') return {};
  const bad = new Set(problems.map((p) => p.field));
  return Object.fromEntries(
    Object.entries(raw as Record<string, unknown>)
      .filter(([field]) => field in schema.properties && !bad.has(field))
      .map(([field, value]) => [field, typeof value === 'string' ? value.trim() : value]),
  );
}

/** Problems one per field, in the schema's (the page's) order. */
export function inSchemaOrder(schema: TObject, problems: readonly FieldProblem[]): FieldProblem[] {
  const order = Object.keys(schema.properties);
  const seen = new Set<string>();
  return problems
    .filter((p) => (seen.has(p.field) ? false : (seen.add(p.field), true)))
    .sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
}
