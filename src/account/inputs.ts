/**
 * The input of each account command, read by the account's page forms through readForm: one
 * schema a command, carrying the words people see.
 */
import type { Static } from 'typebox';
import { InputSchema, Text, Version } from '../platform/commands/input.js';
import { Password } from '../people/index.js';

/** Your own name, as of the account version you read. */
export const NameChange = InputSchema({
  name: Text({ label: 'your full name', max: 120, required: true }),
  version: Version,
});
export type NameChange = Static<typeof NameChange>;

/**
 * Your password changed: the current one, and the new one typed twice. Passwords are read as
 * typed (never trimmed), so their rules are the command's.
 */
export const PasswordChange = InputSchema({
  currentPassword: Password,
  password: Password,
  confirmPassword: Password,
});
export type PasswordChange = Static<typeof PasswordChange>;

/** A personal API token, named for what will use it. */
export const TokenInput = InputSchema({
  name: Text({ label: 'a name for the token', max: 80, required: true }),
});
export type TokenInput = Static<typeof TokenInput>;
