/**
 * The input of each key-date command: the JSON API's body schema and, through readForm, the page
 * form's fields. One schema, so both give the same verdict on the same input.
 */
import { Type, type Static } from 'typebox';
import {
  Choice,
  InputSchema,
  NullableChoice,
  OptionalDate,
  OptionalId,
  OptionalWholeNumber,
  Text,
  Version,
} from '../platform/commands/input.js';
import { KEY_DATE_SOURCES, RULE_EVENTS, RULE_UNITS } from './key-dates.js';

const keyDateFields = {
  title: Text({ label: 'what is due', max: 300, required: 'Enter what is due' }),
  source: Choice(KEY_DATE_SOURCES, 'Select who set the date'),
  planId: Type.Optional(OptionalId('Select the plan from the list')),
  inspectionId: Type.Optional(OptionalId('Select the inspection from the list')),
  dueOn: Type.Optional(OptionalDate('the date')),
  ruleCount: Type.Optional(
    OptionalWholeNumber(
      1,
      1000,
      'Enter the number of days, weeks or months as a whole number from 1 to 1000',
    ),
  ),
  ruleUnit: Type.Optional(NullableChoice(RULE_UNITS, 'Select working days, days, weeks or months')),
  ruleEvent: Type.Optional(NullableChoice(RULE_EVENTS, 'Select what the rule counts from')),
};

/** A new date set by others: a date, or a rule counted from an event of a plan or inspection. */
export const KeyDateInput = InputSchema({ ...keyDateFields, version: Type.Optional(Version) });
export type KeyDateInput = Static<typeof KeyDateInput>;

/** A change to a key date: every field again, with the version the editor read. */
export const KeyDateChange = InputSchema({ ...keyDateFields, version: Version });
export type KeyDateChange = Static<typeof KeyDateChange>;

/** A key date met (or, with no date, not met after all), with a note. */
export const KeyDateMet = InputSchema({
  metOn: Type.Optional(OptionalDate('the date it was met')),
  metNote: Type.Optional(Text({ label: 'the note', max: 2000 })),
  version: Version,
});
export type KeyDateMet = Static<typeof KeyDateMet>;
