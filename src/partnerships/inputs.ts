/**
 * The input of the partnership command, read by the "Create a partnership" form and, with the
 * first admin's fields, by set-up: one schema carrying the words people see.
 */
import { Type, type Static } from 'typebox';
import { InputSchema, Text } from '../platform/commands/input.js';

/** A partnership: its name, its local authority and the DfE code of that authority. */
export const PartnershipInput = InputSchema({
  name: Text({ label: 'the partnership’s name', max: 120, required: true }),
  localAuthority: Text({ label: 'the local authority', max: 120, required: true }),
  laCode: Type.String({
    minLength: 1,
    pattern: '^\\d{3}$',
    'x-messages': {
      required: 'Enter the DfE local authority code',
      invalid: 'DfE local authority code must be 3 digits, like 881',
    },
  }),
});
export type PartnershipInput = Static<typeof PartnershipInput>;
