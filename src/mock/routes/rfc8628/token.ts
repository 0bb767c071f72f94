/**
 * `POST /token` (also GitHub's `POST /login/oauth/access_token`): the client authenticates
 * (see `client-auth.ts`), then `grant_type` picks the grant:
 *
 * - `urn:ietf:params:oauth:grant-type:device_code` with `device_code` (RFC 8628 §3.4/§3.5):
 *   `authorization_pending`, `slow_down` (too fast: 5 s more on that code's interval; GitHub-style
 *   answers carry the new `interval`), `access_denied`, `expired_token`, `invalid_grant` for an
 *   unknown or used code, or the token once.
 * - `refresh_token` with `refresh_token` (RFC 6749 §6): a new pair (the refresh token rotated or
 *   kept, as the mock is set), or `invalid_grant`.
 * - anything else: `unsupported_grant_type`.
 */

import type { MockContext, RouteHandler } from '../../context.js';
import type { PollOutcome } from '../../device-store.js';
import { notePace, pollDeviceCode, refreshTokenPair } from '../../device-flow-steps.js';
import { jsonReply, type MockHttpReply } from '../../reply.js';
import { INVALID_GRANT_TEXT } from '../refresh.js';
import { authenticateClient } from './client-auth.js';
import { oauthError } from './oauth-error.js';
import { DEVICE_CODE_GRANT_TYPE } from './paths.js';
import { oauthTokenBody } from './token-body.js';
import { readOAuthParams, requireParam, type OAuthParams } from './params.js';

/** The answer to a poll that did not get the token (every outcome but `approved`). */
function pollErrorReply(context: MockContext, outcome: Exclude<PollOutcome, { kind: 'approved' }>): MockHttpReply {
  switch (outcome.kind) {
    case 'pending':
      return oauthError(context, 'authorization_pending', 'the person has not approved or denied this code yet; poll again after the interval');
    case 'too-fast': {
      const interval = outcome.record.intervalMs / 1000;
      const extra = context.options.errorStatus === 200 ? { interval } : {};
      return oauthError(context, 'slow_down', `polled sooner than the interval: wait ${interval} s between polls from now on (RFC 8628 §3.5)`, { extra });
    }
    case 'denied':
      return oauthError(context, 'access_denied', 'the person denied this device');
    case 'expired':
      return oauthError(context, 'expired_token', 'the device code expired; ask for a new one');
    case 'already-used':
      return oauthError(context, 'invalid_grant', 'the device code was already exchanged for a token');
    case 'unknown':
      return oauthError(context, 'invalid_grant', 'the device code is unknown (never issued, or forgotten after it expired)');
  }
}

function pollStatus(context: MockContext): (outcome: PollOutcome) => number {
  return (outcome) => (outcome.kind === 'approved' || context.options.errorStatus === 200 ? 200 : 400);
}

function deviceCodeGrant(context: MockContext, params: OAuthParams): MockHttpReply {
  const code = requireParam(context, params, 'device_code', 'device access token request');
  if (!code.ok) return code.reply;
  const poll = pollDeviceCode(context, code.value, pollStatus(context));
  const { result } = poll;
  const reply = result.kind === 'token' ? jsonReply(200, oauthTokenBody(result.token, result.record.scope)) : pollErrorReply(context, result.outcome);
  return notePace(reply, poll);
}

function refreshGrant(context: MockContext, params: OAuthParams): MockHttpReply {
  const given = requireParam(context, params, 'refresh_token', 'refresh request');
  if (!given.ok) return given.reply;
  const outcome = refreshTokenPair(context, given.value);
  if (outcome.kind === 'invalid') return oauthError(context, 'invalid_grant', INVALID_GRANT_TEXT[outcome.reason]);
  // RFC 6749 §6: a narrower scope may be asked for; the mock grants what is asked.
  const scope = params.get('scope') ?? outcome.scope;
  return jsonReply(200, oauthTokenBody(outcome.token, scope, outcome.rotated));
}

/** Answers the token endpoint for both grants. */
export const tokenRoute: RouteHandler = (request, context) => {
  const read = readOAuthParams(context, request);
  if (!read.ok) return read.reply;
  const { params } = read;
  const refused = authenticateClient(context, request, params);
  if (refused !== undefined) return refused;
  const grantType = requireParam(context, params, 'grant_type', 'token request');
  if (!grantType.ok) return grantType.reply;
  if (grantType.value === DEVICE_CODE_GRANT_TYPE) return deviceCodeGrant(context, params);
  if (grantType.value === 'refresh_token') return refreshGrant(context, params);
  return oauthError(context, 'unsupported_grant_type', `grant_type ${JSON.stringify(grantType.value)} is not supported here; use ${DEVICE_CODE_GRANT_TYPE} or refresh_token`);
};
