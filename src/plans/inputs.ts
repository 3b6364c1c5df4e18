/**
 * The input of each plans command: the JSON API's body schema and, through readForm, the page
 * form's fields. One schema, so both give the same verdict on the same input.
 */
import { Type, type Static } from 'typebox';
import { Choice, InputSchema, OptionalId, Text, Version } from '../platform/commands/input.js';
import { PLAN_KINDS } from './plan-rules.js';

const planFields = {
  kind: Choice(PLAN_KINDS, 'Select the kind of plan'),
  inspectionId: Type.Optional(OptionalId('Select an inspection from the list')),
  title: Text({ label: 'a title', max: 200, required: true }),
  ownerUserId: Type.Optional(OptionalId('Select the owner from the list')),
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
    version: Version,
  },
  { additionalProperties: false, minProperties: 2 },
);
export type PlanChange = Static<typeof PlanChange>;
