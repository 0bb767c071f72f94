/**
 * `POST /revoke` (RFC 7009 §2): `token` and an optional `token_type_hint` (`access_token` or
 * `refresh_token`: where the token is looked up first; another kind is looked up too, §2.1).
 * Revoking either token kills its pair. The answer is 200 with an empty body whatever the token
 * (unknown, dead or live, §2.2), once the client is authenticated.
 */

import type { RouteHandler } from '../../context.js';
import { revokeTokenPair } from '../../device-flow-steps.js';
import { emptyReply } from '../../reply.js';
import type { TokenTypeHint } from '../../token-store.js';
import { authenticateClient } from './client-auth.js';
import { readOAuthParams, requireParam } from './params.js';

function hintOf(value: string | undefined): TokenTypeHint | undefined {
  return value === 'access_token' || value === 'refresh_token' ? value : undefined;
}

/** Revokes the pair of the posted token. */
export const revocationRoute: RouteHandler = (request, context) => {
  const read = readOAuthParams(context, request);
  if (!read.ok) return read.reply;
  const refused = authenticateClient(context, request, read.params);
  if (refused !== undefined) return refused;
  const token = requireParam(context, read.params, 'token', 'revocation request');
  if (!token.ok) return token.reply;
  revokeTokenPair(context, token.value, hintOf(read.params.get('token_type_hint')));
  return emptyReply(200);
};
