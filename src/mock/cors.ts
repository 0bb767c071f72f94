/**
 * CORS, so browser apps can talk to the mock directly: every answer allows any origin, a preflight
 * (`OPTIONS`) is answered 204 for any path, and `Retry-After` / `X-Ratelimit` are exposed so a
 * browser client can honour a 429. No credentials (cookies) are involved, so `*` is safe.
 */

import type { MockHttpReply } from './reply.js';

/** Headers added to every answer. */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Retry-After, X-Ratelimit, WWW-Authenticate',
};

/** Request headers a browser app may send. */
export const CORS_ALLOWED_HEADERS = ['content-type', 'trakt-api-key', 'trakt-api-version', 'authorization'] as const;

/** The answer to a CORS preflight. */
export function preflightReply(): MockHttpReply {
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
