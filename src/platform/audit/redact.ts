/**
 * Secrets never reach the audit log: a value under a secret's key is replaced by REDACTED, at any
 * depth, so the entry still says that it changed. Used when an entry is written and again when it
 * is shown, so an entry written before a key was added here is not shown either. Pure.
 */

export const REDACTED = '[redacted]';

const SECRET_KEYS = new Set([
  'password_hash',
  'passwordHash',
  'password',
  'token_hash',
  'tokenHash',
  'token',
]);

/** Any key that names a password, a secret or a token's hash, however it is spelled. */
const SECRET_KEY_PATTERN = /password|secret|token_?hash|^token$/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key) || SECRET_KEY_PATTERN.test(key);
}

export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k,
      isSecretKey(k) ? REDACTED : redact(v),
    ]),
  );
}
