/**
 * `POST /oauth/token` with `grant_type: "refresh_token"` (docs/protocol.md "Tokens after approval"):
 * body `{refresh_token, client_id, client_secret, redirect_uri, grant_type}` → 200 with a new
 * 6-key token. Refresh tokens are single-use: the old refresh token and its access token die.
 * A bad, used or revoked refresh token answers 400 `invalid_grant` (RFC 6749 §5.2).
 */

import type { RouteHandler } from '../context.js';
import type { RefreshOutcome } from '../token-store.js';
import { errorReply, jsonReply } from '../reply.js';
import { readJsonObject, requireStrings } from '../request-body.js';
import { refreshTokenPair } from '../device-flow-steps.js';
import { checkClient } from './client-auth.js';

/** Why a refresh token is refused, for people (shared by both dialects). */
export const INVALID_GRANT_TEXT: Readonly<Record<Extract<RefreshOutcome, { kind: 'invalid' }>['reason'], string>> = {
  unknown:
    'The provided refresh token is invalid: this server does not know it (never issued, or forgotten a while after it was used, revoked or expired). Sign in again.',
  rotated:
    'The provided refresh token was already used. Refresh tokens are single-use: use the one returned by the last refresh, or sign in again.',
  revoked: 'The provided refresh token was revoked. Sign in again.',
};

/** Rotates a refresh token into a new token pair. */
export const refreshRoute: RouteHandler = (request, context) => {
  const body = readJsonObject(request);
  if (!body.ok) return body.reply;
  const fields = requireStrings(
    body.value,
    ['grant_type', 'refresh_token', 'client_id', 'client_secret', 'redirect_uri'],
    'token request',
  );
  if (!fields.ok) return fields.reply;
  const { grant_type: grantType, refresh_token: refreshToken, client_id: clientId, client_secret: clientSecret } = fields.value;
  if (grantType !== 'refresh_token') {
    return errorReply(400, 'unsupported_grant_type', `grant_type ${JSON.stringify(grantType)} is not supported here; use "refresh_token"`);
  }
  const refused = checkClient(context, clientId, clientSecret);
  if (refused !== undefined) return refused;
  if (fields.value.redirect_uri !== context.options.redirectUri) {
    return errorReply(
      400,
      'invalid_grant',
      `redirect_uri does not match the client's (${JSON.stringify(context.options.redirectUri)} for device apps)`,
    );
  }
  const outcome = refreshTokenPair(context, refreshToken);
  if (outcome.kind === 'invalid') return errorReply(400, 'invalid_grant', INVALID_GRANT_TEXT[outcome.reason]);
  return jsonReply(200, outcome.token);
};
