/** The token answer of the `rfc8628` dialect (RFC 6749 §5.1), shaped from a pair of the token store. */

import type { MockTokenBody } from '../../token-store.js';

/** The 200 body of the `rfc8628` token endpoint. No `created_at` (a Trakt field). */
export interface MockOAuthTokenBody {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  /** Absent after a refresh when the mock does not rotate refresh tokens (the old one stays valid). */
  refresh_token?: string;
  /** The scope asked for at device authorization, echoed (`''` when none was asked for). */
  scope: string;
}

/** The standard answer for `pair`; `withRefreshToken: false` leaves the refresh token out. */
export function oauthTokenBody(pair: MockTokenBody, scope: string | undefined, withRefreshToken = true): MockOAuthTokenBody {
  return {
    access_token: pair.access_token,
    token_type: 'Bearer',
    expires_in: pair.expires_in,
    ...(withRefreshToken ? { refresh_token: pair.refresh_token } : {}),
    scope: scope ?? '',
  };
}
