/** Who is signed in: one authenticated Trakt call (`GET /users/settings`) over the HTTP seam. */
import { createTransport } from '../dialect/create-services.js';
import { createTraktDialect, type TraktAccount } from './trakt-dialect.js';
import type { TraktServiceOptions } from './trakt-services.js';

/**
 * Looks up the account that owns `accessToken`. Rejects with a `DeviceAuthError`:
 * `INVALID_GRANT` when Trakt no longer accepts the token, `NETWORK`/`TIMEOUT`, `BLOCKED`, ...
 */
export async function fetchTraktAccount(options: TraktServiceOptions, accessToken: string, signal?: AbortSignal): Promise<TraktAccount> {
  const dialect = createTraktDialect(options);
  const response = await createTransport(options)(dialect.accountRequest(accessToken), signal);
  return dialect.parseAccount(response);
}
