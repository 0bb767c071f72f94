/** Where the endpoints of the mock's `rfc8628` dialect live. */

/** The paths of the RFC 8628 dialect's endpoints, relative to the issuer. */
export const RFC8628_PATHS = {
  deviceAuthorization: '/device_authorization',
  token: '/token',
  revocation: '/revoke',
  /** GitHub's device code path (an alias of `deviceAuthorization`). */
  githubDeviceCode: '/login/device/code',
  /** GitHub's token path (an alias of `token`). */
  githubToken: '/login/oauth/access_token',
  /** RFC 8414 §3. */
  oauthMetadata: '/.well-known/oauth-authorization-server',
  /** OpenID Connect Discovery 1.0 §4 (the same document). */
  openidMetadata: '/.well-known/openid-configuration',
} as const;

/** The device grant's `grant_type` (RFC 8628 §3.4). */
export const DEVICE_CODE_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:device_code';
