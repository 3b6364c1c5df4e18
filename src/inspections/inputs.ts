/**
 * The input of each inspections command: the JSON API's body schema and, through readForm, the
 * page form's fields. One schema, so both give the same verdict on the same input.
 */
import { Type, type Static } from 'typebox';
import {
  Choice,
  NullableChoice,
  OptionalDate,
  OptionalId,
  Text,
  Version,
} from '../platform/commands/input.js';
import { FINDING_TYPES, FRAMEWORKS, INSPECTION_KINDS, QUESTIONS } from './inspection-rules.js';

const MESSAGES = 'x-messages';

const inspectionFields = {
  framework: Choice(FRAMEWORKS, 'Select the inspection framework'),
  kind: Choice(INSPECTION_KINDS, 'Select the kind of inspection'),
  onSiteStart: Type.Optional(OptionalDate('the first day on site')),
  onSiteEnd: Type.Optional(OptionalDate('the last day on site')),
  publishedOn: Type.Optional(OptionalDate('the date the letter or report was published')),
  team: Type.Optional(Text({ label: 'the inspection team', max: 2000 })),
  outcome: Type.Optional(
    Type.Unsafe<1 | 2 | 3 | null>({
      type: ['integer', 'null'],
      enum: [1, 2, 3, null],
      description: '2023 framework only',
      [MESSAGES]: { invalid: 'Select the outcome the report gives' },
    }),
  ),
  wsoaRequired: Type.Optional(
    Type.Unsafe<boolean | null>({
      type: ['boolean', 'null'],
      description: '2016 framework only',
      [MESSAGES]: { invalid: 'Select whether the letter requires a written statement of action' },
    }),
  ),
  outcomeText: Type.Optional(Text({ label: 'the outcome in the letter’s words', max: 5000 })),
  followsInspectionId: Type.Optional({
    ...OptionalId('Select the inspection this one follows from the list'),
    description:
      'Revisits and monitoring inspections: the inspection whose weaknesses or areas for priority action this one judges',
  }),
};

/** A new inspection. A version sent with it is ignored, as it always was. */
export const NewInspection = Type.Object(
  {
    ...inspectionFields,
    version: Type.Optional({
      ...Version,
      description: 'Required when changing: the version you read',
    }),
  },
  { additionalProperties: false },
);
export type NewInspection = Static<typeof NewInspection>;

/** A change to an inspection: every field again, with the version the editor read. */
export const InspectionChange = Type.Object(
  {
    ...inspectionFields,
    version: { ...Version, description: 'Required when changing: the version you read' },
  },
  { additionalProperties: false },
);
export type InspectionChange = Static<typeof InspectionChange>;

const findingFields = {
  type: Choice(FINDING_TYPES, 'Select the type of finding'),
  question: Type.Optional(NullableChoice(QUESTIONS, 'Select the inspection question, or none')),
  text: Text({
    label: 'the finding’s text',
    max: 5000,
    required: 'Enter the finding as the letter words it',
  }),
  sufficientProgress: Type.Optional(
    Type.Unsafe<boolean | null>({
      type: ['boolean', 'null'],
      description: 'Revisits: whether sufficient progress was made on this weakness',
      [MESSAGES]: { invalid: 'Select whether sufficient progress was made' },
    }),
  ),
  judgesFindingId: Type.Optional({
    ...OptionalId('Select the weakness or area for priority action this judges from the list'),
    description:
      'Revisits and monitoring inspections: the finding of the inspection this one follows that this judges',
  }),
  judgementText: Type.Optional(
    Text({ label: 'what the inspectors said about progress', max: 5000 }),
  ),
  responsibleBody: Type.Optional({
    ...Text({ label: 'the responsible body', max: 1000 }),
    description:
      'Areas for priority action: the body or bodies responsible, as the report’s table names them',
  }),
};

/** A new finding of an inspection. A version sent with it is ignored, as it always was. */
export const NewFinding = Type.Object(
  { ...findingFields, version: Type.Optional(Version) },
  { additionalProperties: false },
);
export type NewFinding = Static<typeof NewFinding>;

/** A change to a finding: every field again, with the version the editor read. */
export const FindingChange = Type.Object(
  { ...findingFields, version: Version },
  { additionalProperties: false },
);
export type FindingChange = Static<typeof FindingChange>;
