/**
 * Client authentication of the OAuth endpoints: the body's `client_id` (and `client_secret` where
 * the endpoint takes one) must match the configured client. A mismatch answers 401
 * `invalid_client` (RFC 6749 §5.2), which a Trakt client must treat as fatal.
 */

import type { MockContext } from '../context.js';
import { errorReply, type MockHttpReply } from '../reply.js';

/**
 * Checks `client_id` and, when given, `client_secret`. Returns the 401 reply to send, or
 * `undefined` when the client is known. The error text never echoes the secret.
 */
export function checkClient(context: MockContext, clientId: string, clientSecret?: string): MockHttpReply | undefined {
  const { options } = context;
  if (clientId !== options.clientId) {
    return errorReply(401, 'invalid_client', `unknown client_id ${JSON.stringify(clientId)}`);
  }
  if (clientSecret !== undefined && clientSecret !== options.clientSecret) {
    return errorReply(401, 'invalid_client', 'client authentication failed: wrong client_secret');
  }
  return undefined;
}
