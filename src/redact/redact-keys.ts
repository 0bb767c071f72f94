/**
 * Which property names hold secrets. Names are compared case-insensitively and without `_` / `-`,
 * so `access_token`, `accessToken`, `Access-Token` and `ACCESS_TOKEN` are one name.
 *
 * RFC 6749 §5.1 (access_token, refresh_token), §2.3.1 (client_secret), §4.1.3 (code),
 * RFC 7009 §2.1 (token in revocation requests), RFC 8628 §3.2 / §3.4 (device_code),
 * RFC 9110 §11.6.2 (Authorization), and Trakt's `/oauth/device/token` and `/oauth/revoke` bodies.
 */

/** Lower-cases a property name and drops `_` and `-`: `Access-Token` → `accesstoken`. */
export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[_-]/g, '');
}

/** Names whose value is always a secret, normalized with {@link normalizeKey}. */
const ALWAYS_SECRET = new Set([
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'clientsecret',
  'devicecode',
  'password',
  'passwd',
  'secret',
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
]);

/** Keys that mark an object as an OAuth request body (token, device token or revoke request). */
const REQUEST_BODY_MARKERS = new Set(['clientid', 'clientsecret']);

/** Names that hold a secret only inside an OAuth request body: the grant's `code`, revoke's `token`. */
const SECRET_IN_REQUEST_BODY = new Set(['code', 'token']);

/**
 * True when an object with these keys is an OAuth request body, i.e. it has a `client_id` or
 * `client_secret` (any spelling) beside its other fields.
 *
 * @param keys - The object's own keys.
 */
export function isRequestBody(keys: readonly string[]): boolean {
  return keys.some((key) => REQUEST_BODY_MARKERS.has(normalizeKey(key)));
}

/**
 * Whether the value under `key` must be replaced whole.
 *
 * @param key - The property name, as written.
 * @param value - The property value (`token` holding a string is a secret anywhere; holding an
 *   object, such as a normalized token record, it is walked so its harmless fields stay visible).
 * @param inRequestBody - True when the owning object {@link isRequestBody | is a request body}.
 */
export function isSecretKey(key: string, value: unknown, inRequestBody: boolean): boolean {
  const name = normalizeKey(key);
  if (ALWAYS_SECRET.has(name)) return true;
  if (name === 'token' && typeof value === 'string') return true;
  return inRequestBody && SECRET_IN_REQUEST_BODY.has(name);
}

/** True for header names whose value keeps its scheme when redacted (`Bearer [redacted]`). */
export function keepsScheme(key: string): boolean {
  const name = normalizeKey(key);
  return name === 'authorization' || name === 'proxyauthorization';
}
