/**
 * Reads a token endpoint's 200 body (Trakt device token and refresh, RFC 6749 §5.1) into a
 * {@link DeviceToken}, validating every field.
 */
import { makeToken, type DeviceToken } from './token.js';
import {
  optionalString,
  requirePositiveNumber,
  requireString,
  type JsonObject,
} from './validate.js';

/** What a provider guarantees in its token answers. */
export interface TokenBodyRules {
  /** Trakt always returns `refresh_token`; RFC 8628 servers may not. */
  requireRefreshToken: boolean;
  /** Trakt returns `created_at`; others do not, and the receive time is used. */
  requireCreatedAt: boolean;
}

/** Validates a token body. `receivedAt` (ms) stands in for a missing `created_at`. */
export function parseTokenBody(body: JsonObject, what: string, rules: TokenBodyRules, receivedAt: number): DeviceToken {
  const accessToken = requireString(body, 'access_token', what);
  const tokenType = requireString(body, 'token_type', what);
  const expiresIn = requirePositiveNumber(body, 'expires_in', what);
  const refreshToken = rules.requireRefreshToken
    ? requireString(body, 'refresh_token', what)
    : optionalString(body, 'refresh_token', what);
  const scope = optionalString(body, 'scope', what) ?? '';
  const createdAt = rules.requireCreatedAt
    ? requirePositiveNumber(body, 'created_at', what)
    : Math.floor(receivedAt / 1000);
  return makeToken({
    accessToken,
    ...(refreshToken === undefined || refreshToken === '' ? {} : { refreshToken }),
    tokenType,
    scope,
    createdAt,
    expiresIn,
  });
}
