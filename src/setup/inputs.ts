/**
 * The input of set-up: the first partnership (PartnershipInput's fields), its first admin with a
 * password typed twice, and whether to add the demo partnership too.
 */
import { Type, type Static } from 'typebox';
import { InputSchema, Text } from '../platform/commands/input.js';
import { PartnershipInput } from '../partnerships/index.js';
import { Email, Password } from '../people/index.js';

export const SetupInput = InputSchema({
  ...PartnershipInput.properties,
  adminName: Text({ label: 'full name', max: 120, required: true }),
  email: Email,
  password: Password,
  confirmPassword: Password,
  demo: Type.String({ description: '"yes" also creates the fictional demo partnership' }),
});
export type SetupInput = Static<typeof SetupInput>;
