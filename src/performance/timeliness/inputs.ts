/**
 * The input of each timeliness command: the JSON API's body schema and, through readForm, the
 * page form's fields. One schema, so both give the same verdict on the same input.
 */
import { Type, type Static } from 'typebox';
import { Id, InputSchema } from '../../platform/commands/input.js';

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

/** The file waiting to be saved, as the preview's forms name it (a hidden field). */
const importChoice = { importId: Id('There is no file waiting to be saved') };

/** Saving the file of EHC cases the preview showed. */
export const CaseImportSave = InputSchema(importChoice);
export type CaseImportSave = Static<typeof CaseImportSave>;

/** Cancelling it: nothing is saved. */
export const CaseImportCancel = InputSchema(importChoice);
export type CaseImportCancel = Static<typeof CaseImportCancel>;
