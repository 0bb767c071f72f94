/**
 * CORS, so browser apps can talk to the mock's API directly: API answers (and errors outside the
 * routes) allow any origin, a preflight (`OPTIONS`) is answered 204, and `Retry-After` /
 * `X-Ratelimit` are exposed so a browser client can honour a 429. No credentials (cookies) are
 * involved, so `*` is safe there.
 *
 * The activation page and the `/mock/*` controls get no CORS headers, and their preflight allows
 * nothing: another site must not read the form's token or approve a code from a visitor's browser.
 */

import type { MockHttpReply } from './reply.js';

/** Headers added to every answer but those of pages and controls. */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Retry-After, X-Ratelimit, WWW-Authenticate',
};

/** Request headers a browser app may send. */
export const CORS_ALLOWED_HEADERS = ['content-type', 'trakt-api-key', 'trakt-api-version', 'authorization'] as const;

/** The answer to a CORS preflight: allowing any origin, or (`allow: false`, pages and controls) nothing. */
export function preflightReply(allow = true): MockHttpReply {
  if (!allow) return { kind: 'http', status: 204, headers: {}, body: '' };
  return {
    kind: 'http',
    status: 204,
    headers: {
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      'Access-Control-Allow-Headers': CORS_ALLOWED_HEADERS.join(', '),
      'Access-Control-Max-Age': '600',
    },
    body: '',
  };
}
