import { randomUUID } from 'node:crypto';

/**
 * The Content-Security-Policy header, built once: only the script nonce changes per response, so
 * a request costs one random value and one string join (helmet rebuilt the header per response).
 * The one inline script is GOV.UK Frontend's template marking the body as JavaScript-enabled.
 */
export function contentSecurityPolicy(options: { upgradeInsecureRequests: boolean }): {
  header: (nonce: string) => string;
  newNonce: () => string;
} {
  const before = "default-src 'self';script-src 'self' 'nonce-";
  const after = [
    "'",
    "script-src-attr 'none'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    ...(options.upgradeInsecureRequests ? ['upgrade-insecure-requests'] : []),
  ].join(';');
  return {
    header: (nonce) => before + nonce + after,
    // A UUID's 122 random bits come from Node's pooled entropy: unguessable and cheap.
    newNonce: () => randomUUID(),
  };
}
