/**
 * The token a device flow ends with, in one normalized shape for every provider, and its
 * JSON file form (`snake_case`, as Trakt returns it). Expiry is always computed from the
 * server's own `created_at + expires_in`, never from a constant (Trakt changed the lifetime
 * from 3 months to 24 hours to 7 days over the years).
 */
import { describeBadTokenTimes } from './token-times.js';

/** A token set obtained from a device flow or a refresh. All times are absolute. */
export interface DeviceToken {
  /** The bearer token. Secret. */
  accessToken: string;
  /** The single-use refresh token (Trakt rotates it on every refresh). Secret. Absent when the provider issues none. */
  refreshToken?: string;
  /** Token type, normally `bearer`. */
  tokenType: string;
  /** Granted scope (space separated), empty when the server sent none. */
  scope: string;
  /** When the server created the token, in seconds since the epoch (Trakt `created_at`). */
  createdAt: number;
  /** Lifetime in seconds, as the server sent it. */
  expiresIn: number;
  /** When the access token stops working, in milliseconds since the epoch: `(createdAt + expiresIn) * 1000`. */
  expiresAt: number;
}

/** The JSON form of a {@link DeviceToken} as written to token files and stores. */
export interface StoredToken {
  access_token: string;
  refresh_token?: string;
  token_type: string;
  scope: string;
  created_at: number;
  expires_in: number;
  /** Seconds since the epoch, `created_at + expires_in`. */
  expires_at: number;
}

/** Builds a {@link DeviceToken}, computing `expiresAt` from `createdAt + expiresIn`. */
export function makeToken(fields: Omit<DeviceToken, 'expiresAt'>): DeviceToken {
  return { ...fields, expiresAt: (fields.createdAt + fields.expiresIn) * 1000 };
}

/** Converts a token to its stored JSON form. */
export function toStoredToken(token: DeviceToken): StoredToken {
  return {
    access_token: token.accessToken,
    ...(token.refreshToken === undefined ? {} : { refresh_token: token.refreshToken }),
    token_type: token.tokenType,
    scope: token.scope,
    created_at: token.createdAt,
    expires_in: token.expiresIn,
    expires_at: token.createdAt + token.expiresIn,
  };
}

/**
 * Reads a stored token back, validating every field. Returns `undefined` when `value` is not a
 * well-formed stored token (the caller decides whether that is "signed out" or an error),
 * including times no date can hold: `created_at` more than 100 years after `now` (a value in
 * milliseconds, `1e308`) or `expires_in` over 10 years.
 *
 * @param now - The clock, ms since the epoch (default `Date.now()`).
 */
export function fromStoredToken(value: unknown, now: number = Date.now()): DeviceToken | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const isText = (x: unknown): x is string => typeof x === 'string' && x.length > 0;
  if (!isText(v.access_token) || !isText(v.token_type) || typeof v.scope !== 'string') return undefined;
  if (describeBadTokenTimes(v.created_at, v.expires_in, { now, source: 'stored' }) !== undefined) return undefined;
  if (v.refresh_token !== undefined && !isText(v.refresh_token)) return undefined;
  return makeToken({
    accessToken: v.access_token,
    ...(v.refresh_token === undefined ? {} : { refreshToken: v.refresh_token }),
    tokenType: v.token_type,
    scope: v.scope,
    createdAt: v.created_at as number,
    expiresIn: v.expires_in as number,
  });
}
