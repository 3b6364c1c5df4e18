import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './csp.js';

function directives(header: string): Map<string, string> {
  return new Map(
    header.split(';').map((part) => {
      const [name, ...values] = part.trim().split(' ');
      return [name!, values.join(' ')];
    }),
  );
}

describe('the Content-Security-Policy header', () => {
  it('allows only our own scripts and the one carrying this response nonce', () => {
    const csp = contentSecurityPolicy({ upgradeInsecureRequests: false });
    const parsed = directives(csp.header('abc-123'));
    expect(parsed.get('script-src')).toBe("'self' 'nonce-abc-123'");
    expect(parsed.get('script-src-attr')).toBe("'none'");
    expect(parsed.get('default-src')).toBe("'self'");
    expect(parsed.get('frame-ancestors')).toBe("'none'");
    expect(parsed.get('object-src')).toBe("'none'");
    expect(parsed.has('upgrade-insecure-requests')).toBe(false);
  });

  it('asks browsers to upgrade to HTTPS when served over HTTPS', () => {
    const csp = contentSecurityPolicy({ upgradeInsecureRequests: true });
    expect(directives(csp.header('n')).has('upgrade-insecure-requests')).toBe(true);
  });

  it('gives every response a different nonce of valid characters', () => {
    const csp = contentSecurityPolicy({ upgradeInsecureRequests: false });
    const nonces = new Set(Array.from({ length: 1000 }, () => csp.newNonce()));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/_-]{20,}=*$/);
  });
});
