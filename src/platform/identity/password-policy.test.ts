import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy.js';
import { generatePassword, hashPassword, verifyPassword } from './passwords.js';

describe('passwordProblem', () => {
  it('refuses short passwords', () => {
    expect(passwordProblem('short')).toMatch(/12 characters or more/);
    expect(passwordProblem('elevenchars')).toMatch(/12 characters or more/);
  });
  it('refuses common passwords and common words padded with digits', () => {
    expect(passwordProblem('qwerty123456')).toMatch(/too common/);
    expect(passwordProblem('password1234')).toMatch(/too common/);
    expect(passwordProblem('!!Password2024!!')).toMatch(/too common/);
    expect(passwordProblem('123456789012')).toMatch(/too common/);
  });
  it('refuses repetitive passwords and ones containing the email name', () => {
    expect(passwordProblem('aaaaaaaaaaaaaa')).toMatch(/more different characters/);
    expect(passwordProblem('jane.doe-and-more', { email: 'jane.doe@example.org' })).toMatch(
      /email address/,
    );
  });
  it('accepts three random words', () => {
    expect(passwordProblem('correct horse battery')).toBeUndefined();
    expect(passwordProblem(generatePassword())).toBeUndefined();
  });
});

describe('password hashing', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('anything', null)).toBe(false);
  });
});
