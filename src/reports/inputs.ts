/**
 * The input of the report generator: the JSON API's body schema and, through readForm, the
 * page form's fields. One schema, so both give the same verdict on the same input.
 */
import { Type, type Static } from 'typebox';
import {
  Choice,
  IdList,
  InputSchema,
  OptionalDate,
  OptionalId,
  Text,
} from '../platform/commands/input.js';
import { REPORT_KINDS, SECTIONS } from './board-report-rules.js';

const Long = (label: string) => Type.Optional(Text({ label, max: 8000 }));

export const ReportInput = InputSchema({
  kind: Choice(REPORT_KINDS, 'Select the kind of report'),
  title: Text({ label: 'the report’s title', max: 200, required: 'Enter the report’s title' }),
  // At least one: the command says so beside the other problems it finds.
  planIds: Type.Array(IdList('Select the plans from the list').items, {
    maxItems: 20,
    'x-messages': {
      invalid: 'Select at least one plan the report is about',
      required: 'Select at least one plan the report is about',
    },
  }),
  periodFrom: OptionalDate('the start of the period'),
  periodTo: OptionalDate('the end of the period'),
  meetingId: Type.Optional(OptionalId('Select the meeting from the list')),
  addToAgenda: Type.Optional(Type.Boolean({ 'x-messages': { invalid: 'Tick or untick the box' } })),
  sections: Type.Array(Choice(SECTIONS, 'Select the sections from the list'), {
    minItems: 1,
    maxItems: SECTIONS.length,
    uniqueItems: true,
    'x-messages': {
      invalid: 'Select at least one section',
      required: 'Select at least one section',
    },
  }),
  purpose: Long('the purpose'),
  recommendations: Long('the recommendations'),
  decisions: Long('the decisions needed'),
  nextSteps: Long('the next steps'),
  financial: Long('the financial implications'),
  legal: Long('the legal implications'),
  equality: Long('the equality implications'),
  riskImplications: Long('the risk implications'),
});
export type ReportInput = Static<typeof ReportInput>;
