/**
 * Client authentication of the `rfc8628` endpoints (RFC 6749 §2.3.1), all three methods accepted:
 * `none` (a public client: `client_id` only), `client_secret_post` (`client_id` and
 * `client_secret` in the body) and `client_secret_basic` (HTTP Basic, id and secret each
 * form-urlencoded). An unknown client id or a wrong secret is `invalid_client`; using Basic and
 * a body secret together is `invalid_request` (RFC 6749 §2.3: one method per request).
 */

import type { MockContext } from '../../context.js';
import type { MockHttpReply, MockRequest } from '../../reply.js';
import { oauthError } from './oauth-error.js';
import type { OAuthParams } from './params.js';

/** Decodes one `application/x-www-form-urlencoded` value (`+` is a space); `undefined` when malformed. */
function formDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/** The id and secret of an `Authorization: Basic` header; `undefined` for another scheme or none, `'malformed'` when it does not decode. */
function basicCredentials(header: string | undefined): { id: string; secret: string } | 'malformed' | undefined {
  const match = header === undefined ? null : /^\s*Basic\s+(\S+)\s*$/i.exec(header);
  if (match === null) return undefined;
  let decoded: string;
  try {
    decoded = atob(match[1] ?? '');
  } catch {
    return 'malformed';
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) return 'malformed';
  const id = formDecode(decoded.slice(0, colon));
  const secret = formDecode(decoded.slice(colon + 1));
  return id === undefined || secret === undefined ? 'malformed' : { id, secret };
}

/**
 * Checks the client of a request. Returns the error answer, or `undefined` when the client is the
 * configured one (and, when it sent a secret, the secret is right). Never echoes a secret.
 */
export function authenticateClient(context: MockContext, request: MockRequest, params: OAuthParams): MockHttpReply | undefined {
  const { clientId, clientSecret } = context.options;
  const basic = basicCredentials(request.headers.authorization);
  const refuse = (description: string): MockHttpReply => oauthError(context, 'invalid_client', description, { basicChallenge: basic !== undefined });
  if (basic === 'malformed') return refuse('the Authorization: Basic header does not decode to form-encoded "client_id:client_secret" (RFC 6749 §2.3.1)');
  const bodyId = params.get('client_id');
  if (basic !== undefined && params.has('client_secret')) {
    return oauthError(context, 'invalid_request', 'the client authenticated twice: HTTP Basic and a client_secret parameter (RFC 6749 §2.3: use one method)');
  }
  if (basic !== undefined && bodyId !== undefined && bodyId !== basic.id) {
    return oauthError(context, 'invalid_request', 'the client_id parameter differs from the HTTP Basic client id');
  }
  const id = basic?.id ?? bodyId;
  if (id === undefined || id === '') return refuse('no client_id: send it in the body (none, client_secret_post) or with HTTP Basic (client_secret_basic)');
  if (id !== clientId) return refuse(`unknown client_id ${JSON.stringify(id)}`);
  const secret = basic?.secret ?? params.get('client_secret');
  if (secret !== undefined && secret !== clientSecret) return refuse('client authentication failed: wrong client_secret');
  return undefined;
}
