/**
 * The input of each sign-in command, read by its page form. Passwords are read as typed (never
 * trimmed), so their rules are the commands'.
 */
import type { Static } from 'typebox';
import { InputSchema } from '../platform/commands/input.js';
import { Email, Password } from '../people/index.js';

/** An email address and password to sign in with. */
export const SignInInput = InputSchema({ email: Email, password: Password });
export type SignInInput = Static<typeof SignInInput>;

/** The password an invited person chooses, typed twice. */
export const ChosenPassword = InputSchema({ password: Password, confirmPassword: Password });
export type ChosenPassword = Static<typeof ChosenPassword>;
