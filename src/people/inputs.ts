/**
 * The input of each people command, read by the page forms through readForm (and ready to be an
 * API body schema): one schema, so every caller gets the same verdict on the same input.
 */
import { Type, type Static } from 'typebox';
import { Choice, InputSchema, OptionalId, Text, Version } from '../platform/commands/input.js';
import { ROLES } from '../platform/identity/types.js';

/** Deliberately permissive: one @, something either side, a dot in the domain, no spaces. */
export const Email = Type.String({
  minLength: 1,
  maxLength: 254,
  pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$',
  'x-messages': {
    required: 'Enter an email address',
    tooLong: 'Email address must be 254 characters or fewer',
    invalid: 'Enter an email address in the correct format, like name@example.org',
  },
});

/**
 * A password, checked as typed: parseInput trims text, so a password's schema only says it is text
 * and its command reads it untrimmed (typedText) for the password rules (newPasswordProblems).
 */
export const Password = Type.String({ description: 'As typed: never trimmed' });

const name = Text({ label: 'their full name', max: 120, required: true });

export const ACCESS = ['invite', 'password'] as const;

/**
 * Someone added to the partnership: with a one-time link to choose their password, or one the
 * admin sets now (checked against the password rules by the command).
 */
export const PersonInput = InputSchema({
  name,
  email: Email,
  organisationId: Type.Optional(OptionalId('Select an organisation from the list')),
  role: Choice(ROLES, 'Select their role in this partnership'),
  access: Choice(ACCESS, 'Select how they will get into Sendboard'),
  password: Type.Optional(Type.String({ maxLength: 1000 })),
});
export type PersonInput = Static<typeof PersonInput>;

/** A person's role in the partnership, as of the version the admin read. */
export const RoleChange = InputSchema({ role: Choice(ROLES, 'Select a role'), version: Version });
export type RoleChange = Static<typeof RoleChange>;

/** A person's name and email address (their account's), as of the account version read. */
export const PersonChange = InputSchema({ name, email: Email, version: Version });
export type PersonChange = Static<typeof PersonChange>;
