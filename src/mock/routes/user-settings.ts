/**
 * `GET /users/settings` with `Authorization: Bearer <access_token>`: the smallest authenticated
 * Trakt call, so apps and the CLI `status` command can check that a token is live.
 * 200 with the account, or 401 `invalid_token` with a `WWW-Authenticate` header (RFC 6750 §3).
 */

import type { RouteHandler } from '../context.js';
import type { DeadTokenReason } from '../token-store.js';
import { errorReply, jsonReply } from '../reply.js';

/** The 200 body of `GET /users/settings` (the subset of Trakt's fields the mock fills). */
export interface MockUserSettingsBody {
  user: {
    username: string;
    private: boolean;
    name: string;
    vip: boolean;
    vip_ep: boolean;
    ids: { slug: string };
  };
  account: { timezone: string; time_24hr: boolean };
}

const DEAD_TOKEN_TEXT: Readonly<Record<DeadTokenReason, string>> = {
  unknown: 'The access token is invalid: this server does not know it (never issued, or forgotten a while after it died).',
  expired: 'The access token expired (created_at + expires_in has passed). Refresh it.',
  revoked: 'The access token was revoked.',
  rotated: 'The access token was replaced by a refresh; use the new one.',
};

/** A 401; RFC 6750 §3.1: no `error` attribute in the challenge when the request had no credentials. */
function unauthorized(error: 'invalid_request' | 'invalid_token', description: string): ReturnType<typeof errorReply> {
  const challenge = error === 'invalid_request' ? 'Bearer realm="trakt"' : `Bearer realm="trakt", error="${error}"`;
  return errorReply(401, error, description, { 'WWW-Authenticate': challenge });
}

/** Answers with the signed-in account when the bearer token is live. */
export const userSettingsRoute: RouteHandler = (request, context) => {
  const header = request.headers.authorization;
  const match = header === undefined ? null : /^\s*Bearer\s+(\S+)\s*$/i.exec(header);
  const token = match?.[1];
  if (token === undefined) {
    return unauthorized('invalid_request', 'an "Authorization: Bearer <access_token>" header is required');
  }
  const check = context.tokens.check(token);
  if (check.kind === 'invalid') return unauthorized('invalid_token', DEAD_TOKEN_TEXT[check.reason]);
  const username = check.username;
  const body: MockUserSettingsBody = {
    user: { username, private: false, name: username, vip: false, vip_ep: false, ids: { slug: username } },
    account: { timezone: 'UTC', time_24hr: true },
  };
  return jsonReply(200, body);
};
