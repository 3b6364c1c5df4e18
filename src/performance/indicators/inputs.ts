/**
 * The input of each indicators command: the JSON API's body schema and, through the page's form
 * reader, the indicator form's fields. One schema, so both give the same verdict on the same input.
 * The properties keep the JSON schema the API always had (so its 400s read as before), with
 * people's messages beside them for the page. Targets are added and removed on the indicator's page
 * only; their schemas name the page's fields.
 */
import { Type, type Static } from 'typebox';
import { Id, InputSchema, Text, type FieldMessages } from '../../platform/commands/input.js';
import { FREQUENCIES, type Frequency } from './periods.js';
import { POLARITIES, UNITS, type Polarity, type Unit } from './rag.js';

/** A property as JSON schema, with what a page says when it is wrong. */
function property<T>(schema: Record<string, unknown>, messages: FieldMessages) {
  return Type.Unsafe<T>({ ...schema, 'x-messages': messages });
}

const uuid = { type: 'string', format: 'uuid' } as const;
const nullableUuid = { type: ['string', 'null'], format: 'uuid' } as const;

export const CODE_RULE =
  'must be up to 64 lower-case letters, digits and hyphens, starting with a letter or digit, like ehcp-within-20-weeks';
export const CODE_MESSAGE = `Code ${CODE_RULE}`;
export const LINKS_MESSAGE = 'Select actions and findings from the lists';

/**
 * The four bounds, named as they always were for higher and lower is better, with the upper ends
 * of the bands beside them for indicators where neither is.
 */
export const THRESHOLD_PROPERTIES = {
  greenThreshold: {
    type: ['number', 'null'],
    description:
      'Green from this value when higher is better; green up to it when lower is better; where neither is better, the lowest green value (the lower end of the green band)',
  },
  amberThreshold: {
    type: ['number', 'null'],
    description:
      'Amber from this value when higher is better; amber up to it when lower is better; where neither is better, the lower end of the amber band. Optional: without it a value is green or red',
  },
  greenUpTo: {
    type: ['number', 'null'],
    description:
      'Only where neither higher nor lower is better: the highest green value (the upper end of the green band), both ends included. Null otherwise',
  },
  amberUpTo: {
    type: ['number', 'null'],
    description:
      'Only where neither higher nor lower is better: the upper end of the amber band, which holds the green band. Null otherwise; given with amberThreshold or not at all',
  },
} as const;

const bound = (name: keyof typeof THRESHOLD_PROPERTIES) =>
  Type.Optional(
    property<number | null>(THRESHOLD_PROPERTIES[name], { invalid: `${name} must be a number` }),
  );

const indicatorFields = {
  name: Text({ label: 'the indicator’s name', max: 300, required: true }),
  code: Type.Optional(
    property<string>(
      {
        type: 'string',
        maxLength: 64,
        description:
          'Lower-case letters, digits and hyphens, like ehcp-within-20-weeks. Left out or empty: made from the name',
      },
      { invalid: CODE_MESSAGE, tooLong: CODE_MESSAGE },
    ),
  ),
  definition: Type.Optional(Text({ label: 'the definition', max: 10000 })),
  unit: property<Unit>(
    { type: 'string', enum: UNITS },
    { required: 'Select the unit', invalid: 'Select the unit' },
  ),
  polarity: property<Polarity>(
    { type: 'string', enum: POLARITIES },
    {
      required: 'Select whether higher or lower is better',
      invalid: 'Select whether higher or lower is better',
    },
  ),
  frequency: property<Frequency>(
    { type: 'string', enum: FREQUENCIES },
    { required: 'Select how often it is reported', invalid: 'Select how often it is reported' },
  ),
  source: Type.Optional(Text({ label: 'the source', max: 500 })),
  ownerUserId: Type.Optional(
    property<string | null>(
      { ...nullableUuid, description: 'A member of the partnership, or null' },
      { invalid: 'Select the owner from the list' },
    ),
  ),
  greenThreshold: bound('greenThreshold'),
  amberThreshold: bound('amberThreshold'),
  greenUpTo: bound('greenUpTo'),
  amberUpTo: bound('amberUpTo'),
  actionIds: Type.Optional(
    property<string[]>(
      {
        type: 'array',
        items: uuid,
        maxItems: 1000,
        description:
          'Plan actions it evidences. Left out when changing: the links stay as they are',
      },
      { invalid: LINKS_MESSAGE },
    ),
  ),
  findingIds: Type.Optional(
    property<string[]>(
      {
        type: 'array',
        items: uuid,
        maxItems: 1000,
        description:
          'Inspection findings it evidences. Left out when changing: the links stay as they are',
      },
      { invalid: LINKS_MESSAGE },
    ),
  ),
};

const version = Type.Integer({
  minimum: 1,
  maximum: 2147483647,
  description: 'Required when changing: the version you read',
  'x-messages': { invalid: 'Version must be a whole number' },
});

/**
 * A new indicator, at the end of the catalogue. (A version, if sent, is ignored: the API always
 * took one here.)
 */
export const IndicatorInput = InputSchema({ ...indicatorFields, version: Type.Optional(version) });
export type IndicatorInput = Static<typeof IndicatorInput>;

/**
 * A change to an indicator: every field replaced (a bound left out is removed), links left out
 * stay; with the version the editor read.
 */
export const IndicatorChange = InputSchema({ ...indicatorFields, version });
export type IndicatorChange = Static<typeof IndicatorChange>;

export const TARGET_NUMBER = 'Target must be a number';

/**
 * A target for an indicator: its value as typed ("60", "46.4%"; read as a number by the command,
 * which checks it against the indicator's unit), the date it is due and an optional note.
 */
export const TargetInput = InputSchema({
  targetValue: Type.String({
    minLength: 1,
    'x-messages': { required: 'Enter the target', invalid: TARGET_NUMBER },
  }),
  targetDate: Type.String({
    format: 'date',
    description: 'YYYY-MM-DD',
    'x-messages': {
      required: 'Enter the target date',
      invalid: 'Target date must be a real date',
    },
  }),
  targetNote: Type.Optional(Text({ label: 'the note', max: 500 })),
});
export type TargetInput = Static<typeof TargetInput>;

/** Removing a target: the targets table's Remove button names it. */
export const TargetRemoval = InputSchema({
  remove: Id('That target had already been removed.'),
});
export type TargetRemoval = Static<typeof TargetRemoval>;
