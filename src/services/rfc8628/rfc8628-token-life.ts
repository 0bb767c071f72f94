/**
 * What comes after an RFC 8628 sign-in: the standard refresh (`grant_type=refresh_token`,
 * RFC 6749 §6, answered as in §5.1/§5.2) and token revocation (RFC 7009 §2). Pure request
 * builders and answer classifiers, like the rest of a dialect.
 */
import { DeviceAuthError } from '../../core/errors.js';
import type { DeviceToken } from '../../core/token.js';
import { parseTokenBody } from '../../core/token-response.js';
import { parseJsonObject } from '../../core/validate.js';
import type { TokenLifecycleDialect } from '../dialect/dialect.js';
import type { HttpResponse } from '../http/http.js';
import { isHtml, isServerTrouble, oauthErrorBody, unexpectedStatus } from '../http/response.js';
import type { FormPost } from './rfc8628-form.js';

/** What {@link createRfc8628TokenLife} needs from the dialect. */
export interface TokenLifeSettings {
  /** Name used in messages, e.g. `RFC 8628` or `GitHub`. */
  name: string;
  /** The origin named in messages. */
  host: string;
  post: FormPost;
  tokenEndpoint: string;
  /** RFC 7009 revocation endpoint; without one, revoking is refused with a `CONFIGURATION` error saying so. */
  revocationEndpoint?: string | undefined;
  /** OAuth `error` values that mean the refresh token is dead (default `invalid_grant`, RFC 6749 §5.2). */
  invalidGrantErrors?: readonly string[] | undefined;
}

const REFRESH = 'refresh response';

/**
 * The refresh and revoke half of an RFC 8628 dialect.
 *
 * - Refresh (RFC 6749 §6): a server that rotates refresh tokens sends a new `refresh_token`; one
 *   that does not sends none, and the token keeps the refresh token it was refreshed with (read
 *   from the request's secrets, which the HTTP seam hands on to the response, the refresh token
 *   first).
 * - An OAuth error body is read whatever the status (GitHub answers errors with HTTP 200):
 *   `invalid_grant` (and `invalidGrantErrors`) → `INVALID_GRANT`; `invalid_client` /
 *   `unauthorized_client` → `CONFIGURATION`; 5xx, 408 and 429 → `HTTP_STATUS` (retried by the session).
 * - Revoke (RFC 7009 §2.1): `token` + `token_type_hint=access_token`; any 2xx is success (§2.2,
 *   an unknown token included); 503 and other answers are `HTTP_STATUS` (§2.2.1).
 */
export function createRfc8628TokenLife(settings: TokenLifeSettings): TokenLifecycleDialect & { readonly canRevoke: boolean } {
  const { name, host, post } = settings;
  const invalidGrant = new Set(settings.invalidGrantErrors ?? ['invalid_grant']);
  const what = `${name} ${REFRESH}`;

  return {
    canRevoke: settings.revocationEndpoint !== undefined,

    refreshRequest: (refreshToken) =>
      post(settings.tokenEndpoint, { grant_type: 'refresh_token', refresh_token: refreshToken }, [refreshToken]),

    parseRefreshResponse(response: HttpResponse, receivedAt: number): DeviceToken {
      const error = oauthErrorBody(response);
      const status = response.status;
      if (error) {
        const detail = error.description ? `${error.error}: ${error.description}` : error.error;
        if (invalidGrant.has(error.error)) {
          throw new DeviceAuthError('INVALID_GRANT', `${host} refused the refresh token (HTTP ${status}, ${detail}): sign in again.`, { status });
        }
        if (error.error === 'invalid_client' || error.error === 'unauthorized_client') {
          throw new DeviceAuthError('CONFIGURATION', `${host} refused the client credentials (HTTP ${status}, ${detail}): check clientId, clientSecret and clientAuthentication.`, {
            status,
          });
        }
        if (!isServerTrouble(status) && status !== 429) {
          throw new DeviceAuthError('HTTP_STATUS', `${host} refused the refresh (HTTP ${status}, ${detail}).`, { status });
        }
      }
      if (isServerTrouble(status) || status === 429) {
        throw new DeviceAuthError('HTTP_STATUS', `${host} had trouble answering the refresh (HTTP ${status}).`, { status });
      }
      if (status !== 200 || isHtml(response)) throw unexpectedStatus(response, what);
      const token = parseTokenBody(parseJsonObject(response, what), what, { requireRefreshToken: false, requireCreatedAt: false }, receivedAt);
      const previous = response.secrets?.[0];
      return token.refreshToken === undefined && previous !== undefined ? { ...token, refreshToken: previous } : token;
    },

    revokeRequest(accessToken) {
      if (settings.revocationEndpoint === undefined) {
        throw new DeviceAuthError(
          'CONFIGURATION',
          `${name} has no revocation endpoint (revocationEndpoint is not set): the token was not revoked and stays valid until it expires.`,
        );
      }
      return post(settings.revocationEndpoint, { token: accessToken, token_type_hint: 'access_token' }, [accessToken]);
    },

    checkRevokeResponse(response: HttpResponse): void {
      const status = response.status;
      if (status >= 200 && status < 300) return;
      if (isServerTrouble(status) || status === 429) {
        throw new DeviceAuthError('HTTP_STATUS', `${host} could not revoke the token now (HTTP ${status}): it stays valid until it expires.`, { status });
      }
      throw unexpectedStatus(response, `${name} revocation response`);
    },
  };
}
