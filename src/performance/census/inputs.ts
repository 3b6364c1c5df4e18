/**
 * The input of each census command: the JSON API's body schema and, through readForm, the page
 * form's fields. One schema, so both give the same verdict on the same input.
 */
import { Type, type Static } from 'typebox';
import { InputSchema } from '../../platform/commands/input.js';

export const SEN_SUPPORT_PROBLEM =
  'SEN support must be a percentage from 0 to 100, with up to 2 decimal places, like 13.6';
export const EHC_PLAN_PROBLEM =
  'EHC plans must be a percentage from 0 to 100, with up to 2 decimal places, like 5.3';

/**
 * A percentage as typed ("13.6", "5.3%"), or null (an empty box) for none. Text, not a number, so
 * the page and the API are read by the same rule (readPercentage: up to 2 decimal places).
 */
const Percentage = (invalid: string) =>
  Type.Union([Type.String({ maxLength: 20 }), Type.Null()], { 'x-messages': { invalid } });

/** England's SEN support and EHC plan percentages for a census's year. */
export const EnglandFiguresInput = InputSchema({
  senSupport: Percentage(SEN_SUPPORT_PROBLEM),
  ehcPlan: Percentage(EHC_PLAN_PROBLEM),
});
export type EnglandFiguresInput = Static<typeof EnglandFiguresInput>;
