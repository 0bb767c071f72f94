/**
 * The Trakt dialect: Trakt's "Authentication - Devices" and OAuth token endpoints
 * (`/oauth/device/code`, `/oauth/device/token`, `/oauth/token`, `/oauth/revoke`), as
 * `docs/protocol.md` describes them: the device flow (`./trakt-device-flow.ts`) plus the token
 * lifecycle and the account lookup, over the settings both share (`./trakt-settings.ts`).
 */
import type { DeviceFlowDialect, TokenLifecycleDialect } from '../dialect/dialect.js';
import { DeviceAuthError } from '../../core/errors.js';
import type { HttpRequest, HttpResponse } from '../http/http.js';
import { isHtml, isServerTrouble, oauthErrorBody, oauthErrorDetail, unexpectedStatus } from '../http/response.js';
import { parseTokenBody } from '../../core/token-response.js';
import type { DeviceToken } from '../../core/token.js';
import { htmlPageError, parseJsonObject, requireString } from '../../core/validate.js';
import { TRAKT_TOKEN, traktDeviceFlow } from './trakt-device-flow.js';
import { traktSettings, type TraktDialectOptions } from './trakt-settings.js';

export { TRAKT_API_URL, TRAKT_AUTH_URL, type TraktDialectOptions } from './trakt-settings.js';

/** `redirect_uri` for device apps when refreshing. */
export const OUT_OF_BAND_REDIRECT_URI = 'urn:ietf:wg:oauth:2.0:oob';

const ACCOUNT = 'Trakt account response';

/** The signed-in Trakt account, as `GET /users/settings` describes it. */
export interface TraktAccount {
  username: string;
}

/** Trakt's account lookup: who owns an access token (`GET /users/settings`). */
export interface TraktAccountDialect {
  accountRequest(accessToken: string): HttpRequest;
  /** Throws `INVALID_GRANT` on 401 (the token is dead), `INVALID_RESPONSE` naming a bad field. */
  parseAccount(response: HttpResponse): TraktAccount;
}

/** Checks options and builds the Trakt dialect. Throws `CONFIGURATION` for a missing or bad option. */
export function createTraktDialect(
  options: TraktDialectOptions,
): DeviceFlowDialect & TokenLifecycleDialect & TraktAccountDialect {
  const settings = traktSettings(options);
  const { clientId, clientSecret, host, headers, post, commonFailure } = settings;
  return {
    ...traktDeviceFlow(settings),

    refreshRequest: (refreshToken) =>
      post('/oauth/token', {
        refresh_token: refreshToken,
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uri: OUT_OF_BAND_REDIRECT_URI,
        grant_type: 'refresh_token',
      }, [refreshToken, clientSecret]),

    parseRefreshResponse(response: HttpResponse, receivedAt: number): DeviceToken {
      if (response.status === 200) {
        const body = parseJsonObject(response, TRAKT_TOKEN);
        return parseTokenBody(body, TRAKT_TOKEN, { requireRefreshToken: true, requireCreatedAt: true }, receivedAt);
      }
      // Only the OAuth server ends a session: an OAuth error body, or Trakt's empty 400/401. A page
      // or text from a proxy or CDN in between says nothing about the refresh token: retried.
      const oauthError = oauthErrorBody(response);
      if ((response.status === 400 || response.status === 401) && (oauthError !== undefined || response.body.trim() === '')) {
        if (oauthError?.error === 'invalid_client') throw commonFailure({ ...response, status: 401 }, TRAKT_TOKEN);
        return throwInvalidGrant(response.status, oauthErrorDetail(response));
      }
      throw refreshFailure(response) ?? commonFailure(response, TRAKT_TOKEN) ?? unexpectedStatus(response, TRAKT_TOKEN);
    },

    revokeRequest: (accessToken) =>
      post('/oauth/revoke', { token: accessToken, client_id: clientId, client_secret: clientSecret }, [accessToken, clientSecret]),

    accountRequest: (accessToken) => ({
      method: 'GET',
      url: `${settings.apiUrl}/users/settings`,
      headers: { ...headers, Authorization: `Bearer ${accessToken}` },
      secrets: [accessToken],
    }),

    parseAccount(response: HttpResponse): TraktAccount {
      if (response.status === 401) {
        throw new DeviceAuthError('INVALID_GRANT', `${host} no longer accepts this access token (HTTP 401): refresh it or sign in again.`, {
          status: 401,
        });
      }
      if (response.status !== 200) throw refreshFailure(response) ?? commonFailure(response, ACCOUNT) ?? unexpectedStatus(response, ACCOUNT);
      const body = parseJsonObject(response, ACCOUNT);
      const user = body.user;
      if (typeof user !== 'object' || user === null) throw new DeviceAuthError('INVALID_RESPONSE', `${ACCOUNT}: "user" must be an object`);
      return { username: requireString(user as Record<string, unknown>, 'username', ACCOUNT) };
    },

    checkRevokeResponse(response: HttpResponse): void {
      // A page with a 2xx is a captive portal or proxy: the token was not revoked on Trakt.
      if (response.status >= 200 && response.status < 300 && !isHtml(response)) return;
      if (isHtml(response) && response.status < 300) throw htmlPageError(response, 'Trakt revoke');
      throw refreshFailure(response) ?? commonFailure(response, 'Trakt revoke') ?? unexpectedStatus(response, 'Trakt revoke');
    },
  };

  function refreshFailure(response: HttpResponse): DeviceAuthError | undefined {
    if (!isServerTrouble(response.status) && response.status !== 429) return undefined;
    return new DeviceAuthError('HTTP_STATUS', `${host} had trouble answering (HTTP ${response.status}).`, {
      status: response.status,
    });
  }
}

function throwInvalidGrant(status: number, detail: string | undefined): never {
  throw new DeviceAuthError(
    'INVALID_GRANT',
    `The refresh token was refused (HTTP ${status}${detail ? `, ${detail}` : ''}): sign in again.`,
    { status },
  );
}
