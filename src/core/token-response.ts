/**
 * Reads a token endpoint's 200 body (Trakt device token and refresh, RFC 6749 §5.1) into a
 * {@link DeviceToken}, validating every field.
 */
import { DeviceAuthError } from './errors.js';
import { makeToken, type DeviceToken } from './token.js';
import { describeBadCreatedAt, describeBadExpiresIn } from './token-times.js';
import { optionalString, requireString, type JsonObject } from './validate.js';

/** What a provider guarantees in its token answers. */
export interface TokenBodyRules {
  /** Trakt always returns `refresh_token`; RFC 8628 servers may not. */
  requireRefreshToken: boolean;
  /** Trakt returns `created_at`; others do not, and the receive time is used. */
  requireCreatedAt: boolean;
}

/**
 * Validates a token body. `receivedAt` (ms) stands in for a missing `created_at` and is the "now"
 * a server's `created_at` is checked against: seconds since the epoch from 2000-01-01 up to 100
 * years ahead (milliseconds are refused), and `expires_in` above zero and at most 10 years, so
 * `expiresAt` is always a valid date. A bad time is `INVALID_RESPONSE` naming the field.
 */
export function parseTokenBody(body: JsonObject, what: string, rules: TokenBodyRules, receivedAt: number): DeviceToken {
  const accessToken = requireString(body, 'access_token', what);
  const tokenType = requireString(body, 'token_type', what);
  const expiresIn = requireTime(body.expires_in, describeBadExpiresIn(body.expires_in, ANSWER), what);
  const refreshToken = rules.requireRefreshToken
    ? requireString(body, 'refresh_token', what)
    : optionalString(body, 'refresh_token', what);
  const scope = optionalString(body, 'scope', what) ?? '';
  // The receive time is the client's own clock reading, not the server's word.
  const createdAt = rules.requireCreatedAt
    ? requireTime(body.created_at, describeBadCreatedAt(body.created_at, { ...ANSWER, now: receivedAt }), what)
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

const ANSWER = { source: 'answer' } as const;

function requireTime(value: unknown, problem: string | undefined, what: string): number {
  if (problem !== undefined) throw new DeviceAuthError('INVALID_RESPONSE', `${what}: ${problem}`);
  return value as number;
}
