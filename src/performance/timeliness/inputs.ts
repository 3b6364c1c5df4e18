/**
 * The input of each timeliness command: the JSON API's body schema and, through readForm, the
 * page form's fields. One schema, so both give the same verdict on the same input.
 */
import { Type, type Static } from 'typebox';
import { InputSchema } from '../../platform/commands/input.js';

/**
 * Recording a case set's yearly figures as the indicator's values: the years the confirmation
 * showed ("2022,2023,2024", see yearsKey), so nothing is recorded when they have since changed.
 */
export const IndicatorFiguresInput = InputSchema({
  years: Type.String({
    maxLength: 200,
    'x-messages': { invalid: 'Confirm the years shown', required: 'Confirm the years shown' },
  }),
});
export type IndicatorFiguresInput = Static<typeof IndicatorFiguresInput>;
