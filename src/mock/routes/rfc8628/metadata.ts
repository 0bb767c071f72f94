/**
 * `GET /.well-known/oauth-authorization-server` (RFC 8414 §3) and
 * `GET /.well-known/openid-configuration` (the same document, where OpenID clients look): the
 * issuer (the mock's public URL), its three endpoints, the grants and the client authentication
 * methods it takes. The mock has no authorization endpoint (the device grant only), hence no
 * response types.
 */

import type { RouteHandler } from '../../context.js';
import { jsonReply } from '../../reply.js';
import { DEVICE_CODE_GRANT_TYPE, RFC8628_PATHS } from './paths.js';

/** Client authentication methods every endpoint takes (RFC 8414 §2 names). */
const AUTH_METHODS = ['none', 'client_secret_post', 'client_secret_basic'];

/** The mock's authorization server metadata (RFC 8414 §2). */
export interface MockAuthorizationServerMetadata {
  issuer: string;
  device_authorization_endpoint: string;
  token_endpoint: string;
  revocation_endpoint: string;
  grant_types_supported: string[];
  response_types_supported: string[];
  token_endpoint_auth_methods_supported: string[];
  revocation_endpoint_auth_methods_supported: string[];
}

/** Answers with the metadata document. */
export const metadataRoute: RouteHandler = (_request, context) => {
  const { issuer } = context;
  const body: MockAuthorizationServerMetadata = {
    issuer,
    device_authorization_endpoint: `${issuer}${RFC8628_PATHS.deviceAuthorization}`,
    token_endpoint: `${issuer}${RFC8628_PATHS.token}`,
    revocation_endpoint: `${issuer}${RFC8628_PATHS.revocation}`,
    grant_types_supported: [DEVICE_CODE_GRANT_TYPE, 'refresh_token'],
    response_types_supported: [],
    token_endpoint_auth_methods_supported: AUTH_METHODS,
    revocation_endpoint_auth_methods_supported: AUTH_METHODS,
  };
  return jsonReply(200, body);
};
