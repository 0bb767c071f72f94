/**
 * `POST /oauth/revoke` (docs/protocol.md): body `{token, client_id, client_secret}` → 200 with an empty
 * body, also for a token that is unknown or already dead (RFC 7009 §2.2).
 */

import type { RouteHandler } from '../context.js';
import { emptyReply } from '../reply.js';
import { readJsonFields } from '../request-body.js';
import { revokeTokenPair } from '../device-flow-steps.js';
import { checkClient } from './client-auth.js';

/** Revokes an access token (and its refresh token). */
export const revokeRoute: RouteHandler = (request, context) => {
  const fields = readJsonFields(request, ['token', 'client_id', 'client_secret'], 'revoke request');
  if (!fields.ok) return fields.reply;
  const refused = checkClient(context, fields.value.client_id, fields.value.client_secret);
  if (refused !== undefined) return refused;
  revokeTokenPair(context, fields.value.token);
  return emptyReply(200);
};
