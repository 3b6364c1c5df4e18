/**
 * The input of each risk command: the JSON API's body schema and, through readForm, the page
 * form's fields. One schema, so both give the same verdict on the same input. Ratings are levels
 * counted from 1 (the least likely, the least severe); the command checks they are on the
 * partnership's matrix.
 */
import { Type, type Static } from 'typebox';
import {
  Choice,
  Id,
  InputSchema,
  OptionalDate,
  OptionalId,
  Text,
  Version,
} from '../platform/commands/input.js';
import { MATRIX_KINDS, RISK_STATUSES } from './risk-rules.js';

/** A level on the matrix: which one is checked against the partnership's matrix. */
function Level(message: string) {
  return Type.Integer({
    minimum: 1,
    maximum: 10,
    description: 'A level counted from 1, the least likely or least severe',
    'x-messages': { invalid: message, required: message },
  });
}

function OptionalLevel(message: string) {
  return Type.Optional(
    Type.Union([Level(message), Type.Null()], { 'x-messages': { invalid: message } }),
  );
}

const riskFields = {
  title: Text({ label: 'the risk’s title', max: 200, required: 'Enter the risk’s title' }),
  description: Type.Optional(Text({ label: 'the description', max: 4000 })),
  cause: Type.Optional(Text({ label: 'the cause', max: 2000 })),
  consequence: Type.Optional(Text({ label: 'the consequence', max: 2000 })),
  ownerUserId: Id('Select the risk owner from the list'),
  planId: Type.Optional(OptionalId('Select the plan from the list')),
  priorityId: Type.Optional(OptionalId('Select the priority from the list')),
  findingId: Type.Optional(OptionalId('Select the finding from the list')),
  actionId: Type.Optional(OptionalId('Select the action from the list')),
  inherentLikelihood: Level('Select the inherent likelihood'),
  inherentImpact: Level('Select the inherent impact'),
  currentLikelihood: Level('Select the current likelihood'),
  currentImpact: Level('Select the current impact'),
  targetLikelihood: OptionalLevel('Select the target likelihood from the list'),
  targetImpact: OptionalLevel('Select the target impact from the list'),
  reviewDue: Type.Optional(OptionalDate('the next review date')),
  escalatedToBoardId: Type.Optional(OptionalId('Select the board from the list')),
  // Another body than the partnership's boards, or an escalation recorded before boards were.
  escalatedTo: Type.Optional(Text({ label: 'the body it is escalated to', max: 200 })),
  escalationReason: Type.Optional(Text({ label: 'the reason for escalation', max: 2000 })),
  escalatedOn: Type.Optional(OptionalDate('the date it was escalated')),
};

/** A new risk. */
export const RiskInput = InputSchema(riskFields);
export type RiskInput = Static<typeof RiskInput>;

/** A change to a risk: every field again, with the version the editor read. */
export const RiskChange = InputSchema({ ...riskFields, version: Version });
export type RiskChange = Static<typeof RiskChange>;

/** A review: when, the current rating then, a note, and when to review next. */
export const RiskReviewInput = InputSchema({
  reviewedOn: Type.String({
    format: 'date',
    description: 'YYYY-MM-DD',
    'x-messages': {
      invalid: 'Enter the date of the review as a real date',
      required: 'Enter the date of the review as a real date',
    },
  }),
  likelihood: Level('Select the likelihood now'),
  impact: Level('Select the impact now'),
  note: Type.Optional(Text({ label: 'the note', max: 4000 })),
  nextReviewOn: Type.Optional(OptionalDate('the next review date')),
  version: Version,
});
export type RiskReviewInput = Static<typeof RiskReviewInput>;

/** Closing or reopening a risk. */
export const RiskStatusChange = InputSchema({
  to: Choice(RISK_STATUSES, 'Select open or closed'),
  version: Version,
});
export type RiskStatusChange = Static<typeof RiskStatusChange>;

/** A mitigation: what is done to reduce the risk, and the plan's action that does it, if any. */
export const MitigationInput = InputSchema({
  text: Text({ label: 'the mitigation', max: 2000, required: 'Enter the mitigation' }),
  actionId: Type.Optional(OptionalId('Select the action from the list')),
});
export type MitigationInput = Static<typeof MitigationInput>;

/** The partnership's matrix: its kind, level labels (one a line, lowest first) and tolerance. */
export const MatrixChange = InputSchema({
  kind: Choice(MATRIX_KINDS, 'Select the kind of matrix'),
  likelihoodLabels: Type.String({
    maxLength: 1000,
    description: 'The likelihood levels, one a line, least likely first',
    'x-messages': { tooLong: 'Likelihood levels must be 1000 characters or fewer' },
  }),
  impactLabels: Type.String({
    maxLength: 1000,
    description: 'The impact levels, one a line, least severe first',
    'x-messages': { tooLong: 'Impact levels must be 1000 characters or fewer' },
  }),
  tolerance: Type.Integer({
    minimum: 1,
    maximum: 100,
    description: 'A score (likelihood × impact) above this is outside tolerance',
    'x-messages': {
      invalid: 'Enter the tolerance as a whole number',
      required: 'Enter the tolerance as a whole number',
    },
  }),
  /** 0 while the partnership has never saved its own matrix. */
  version: Type.Integer({
    minimum: 0,
    maximum: 2147483647,
    'x-messages': { invalid: 'Version must be a whole number' },
  }),
});
export type MatrixChange = Static<typeof MatrixChange>;
