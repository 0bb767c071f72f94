/**
 * Error answers of the `rfc8628` dialect: RFC 6749 §5.2 JSON `{error, error_description}` with
 * status 400 (401 for `invalid_client`, with a `WWW-Authenticate` challenge when the client used
 * HTTP Basic), or with `errorStatus: 200` GitHub's way: HTTP 200 for every error.
 */

import type { MockContext } from '../../context.js';
import { jsonReply, type MockErrorBody, type MockHttpReply } from '../../reply.js';

/** The OAuth error codes the dialect answers with (RFC 6749 §5.2, RFC 8628 §3.5). */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unsupported_grant_type'
  | 'authorization_pending'
  | 'slow_down'
  | 'access_denied'
  | 'expired_token';

/** Extra members of an error body (GitHub's `interval` in `slow_down`). */
export type OAuthErrorExtra = Readonly<Record<string, number | string>>;

/**
 * An OAuth error answer as the mock is set (`errorStatus`). `basicChallenge`: the client sent
 * HTTP Basic credentials, so a 401 names that scheme (RFC 6749 §5.2).
 */
export function oauthError(
  context: MockContext,
  error: OAuthErrorCode,
  description: string,
  options: { readonly extra?: OAuthErrorExtra; readonly basicChallenge?: boolean } = {},
): MockHttpReply {
  const body: MockErrorBody & OAuthErrorExtra = { error, error_description: description, ...options.extra };
  if (context.options.errorStatus === 200) return jsonReply(200, body);
  if (error !== 'invalid_client') return jsonReply(400, body);
  const scheme = options.basicChallenge === true ? 'Basic' : 'Bearer';
  return jsonReply(401, body, { 'WWW-Authenticate': `${scheme} realm="device-auth-mock", error="invalid_client"` });
}
