/**
 * The Trakt dialect: Trakt's "Authentication - Devices" and OAuth token endpoints
 * (`/oauth/device/code`, `/oauth/device/token`, `/oauth/token`, `/oauth/revoke`), as
 * `docs/protocol.md` describes them. The token poll answer is its status code; bodies
 * other than 200 are never depended on.
 */
import type { DeviceCodes, PollOutcome } from '../../machines/device-auth.types.js';
import { DEFAULT_USER_AGENT } from '../../core/version.js';
import type { DeviceFlowDialect, TokenLifecycleDialect } from '../dialect/dialect.js';
import { DeviceAuthError } from '../../core/errors.js';
import { hostOf, type HttpRequest, type HttpResponse } from '../http/http.js';
import {
  blockedError,
  codeRequestFailure,
  isHtml,
  isServerTrouble,
  oauthErrorBody,
  oauthErrorDetail,
  serverTroubleOutcome,
  slowDownOutcome,
  unexpectedStatus,
} from '../http/response.js';
import { parseTokenBody } from '../../core/token-response.js';
import type { DeviceToken } from '../../core/token.js';
import { LOOPBACK_MIN_INTERVAL_SECONDS, MIN_INTERVAL_SECONDS, readCodeTiming } from '../../core/code-timing.js';
import { checkConfiguredUrl, isLoopbackUrl, type InsecureHttpOption } from '../../core/url-security.js';
import { htmlPageError, parseJsonObject, requireDisplayText, requireString, requireVerificationUrl } from '../../core/validate.js';

/** Trakt's API host (the API reference's base URL). */
export const TRAKT_API_URL = 'https://api.trakt.tv';
/** Trakt's newer OAuth host; pass it as `baseUrl` where Trakt asks for it. */
export const TRAKT_AUTH_URL = 'https://auth.trakt.tv';
/** `redirect_uri` for device apps when refreshing. */
export const OUT_OF_BAND_REDIRECT_URI = 'urn:ietf:wg:oauth:2.0:oob';

/**
 * Options of {@link createTraktDialect}. `baseUrl` and `apiUrl` must be `https:` unless their host
 * is loopback, or `dangerouslyAllowInsecureHttp` is set.
 */
export interface TraktDialectOptions extends InsecureHttpOption {
  /** The app's client id (also sent as `trakt-api-key`). */
  clientId: string;
  /** The app's client secret. Never logged. */
  clientSecret: string;
  /** API origin, default {@link TRAKT_API_URL}; {@link TRAKT_AUTH_URL} or a local mock work the same. */
  baseUrl?: string | undefined;
  /** `<app>/<version>`; without one Trakt's CDN answers 403 with an HTML page. */
  userAgent?: string | undefined;
  /**
   * Origin of Trakt's API (account lookups) when it differs from `baseUrl`. Default: `baseUrl`,
   * except that OAuth calls on {@link TRAKT_AUTH_URL} pair with {@link TRAKT_API_URL}.
   */
  apiUrl?: string | undefined;
}

const CODES = 'Trakt device code response';
const ACCOUNT = 'Trakt account response';
const TOKEN = 'Trakt token response';

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
  const { clientId, clientSecret } = options;
  if (typeof clientId !== 'string' || clientId.trim() === '') {
    throw new DeviceAuthError('CONFIGURATION', 'Trakt needs a client id: pass clientId (from your app settings on trakt.tv/oauth/applications).');
  }
  if (typeof clientSecret !== 'string' || clientSecret.trim() === '') {
    throw new DeviceAuthError('CONFIGURATION', 'Trakt needs a client secret: pass clientSecret (from your app settings on trakt.tv/oauth/applications).');
  }
  const baseUrl = (options.baseUrl ?? TRAKT_API_URL).replace(/\/+$/, '');
  checkConfiguredUrl(baseUrl, 'The base URL (baseUrl, --base-url)', options, TRAKT_API_URL);
  const allowInsecureHttp = options.dangerouslyAllowInsecureHttp === true;
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  if (userAgent.trim() === '') {
    throw new DeviceAuthError('CONFIGURATION', 'userAgent must not be empty: Trakt blocks requests without one.');
  }
  const host = hostOf(baseUrl);
  const intervalFloor = isLoopbackUrl(baseUrl) ? LOOPBACK_MIN_INTERVAL_SECONDS : MIN_INTERVAL_SECONDS;
  const apiUrl = (options.apiUrl ?? (baseUrl === TRAKT_AUTH_URL ? TRAKT_API_URL : baseUrl)).replace(/\/+$/, '');
  if (options.apiUrl !== undefined) checkConfiguredUrl(apiUrl, 'The API URL (apiUrl)', options, TRAKT_API_URL);

  const headers = {
    'Content-Type': 'application/json',
    Accept: 'application/json',
    'trakt-api-key': clientId,
    'trakt-api-version': '2',
    'User-Agent': userAgent,
  };
  /** A POST of `body`; `secrets` are its secret values, kept out of any message quoting the answer. */
  const post = (path: string, body: Record<string, string>, secrets: readonly string[] = []): HttpRequest => ({
    method: 'POST',
    url: `${baseUrl}${path}`,
    headers,
    body: JSON.stringify(body),
    ...(secrets.length === 0 ? {} : { secrets }),
  });

  /** Failures common to every Trakt endpoint, or undefined when the status is the endpoint's business. */
  const commonFailure = (response: HttpResponse, what: string): DeviceAuthError | undefined => {
    if (response.status === 403 && isHtml(response)) return blockedError(response, host);
    if (response.status === 401 || response.status === 403) {
      return new DeviceAuthError(
        'CONFIGURATION',
        `${what}: ${host} refused the client credentials (HTTP ${response.status}). Check the client id and secret.`,
        { status: response.status },
      );
    }
    return undefined;
  };

  return {
    name: 'Trakt',
    // The body carries no secret, but a server (or a proxy) may still echo the client secret it
    // knows for this client id: keep it out of any message quoting the answer.
    deviceCodeRequest: () => post('/oauth/device/code', { client_id: clientId }, [clientSecret]),

    parseDeviceCodes(response: HttpResponse, receivedAt: number): DeviceCodes {
      if (response.status !== 200) {
        throw commonFailure(response, CODES) ?? codeRequestFailure(response, CODES, host, receivedAt);
      }
      const body = parseJsonObject(response, CODES);
      const userCode = requireDisplayText(body, 'user_code', CODES);
      const verificationUrl = requireVerificationUrl(body, 'verification_url', CODES, allowInsecureHttp);
      const timing = readCodeTiming(body, CODES, intervalFloor);
      return {
        deviceCode: requireString(body, 'device_code', CODES),
        userCode,
        verificationUrl,
        verificationUrlComplete: withCodeInPath(verificationUrl, userCode),
        ...timing,
      };
    },

    tokenRequest: (deviceCode) =>
      post('/oauth/device/token', { code: deviceCode, client_id: clientId, client_secret: clientSecret }, [deviceCode, clientSecret]),

    classifyTokenResponse(response: HttpResponse, receivedAt: number): PollOutcome {
      switch (response.status) {
        case 200: {
          // A page where the token should be: a captive portal or proxy answered, not Trakt (which
          // would have spent the code). Retried while the code is valid, like a dropped connection.
          if (isHtml(response)) return { type: 'transient', error: htmlPageError(response, TOKEN) };
          try {
            const body = parseJsonObject(response, TOKEN);
            const token = parseTokenBody(body, TOKEN, { requireRefreshToken: true, requireCreatedAt: true }, receivedAt);
            return { type: 'authorized', token };
          } catch (error) {
            return { type: 'fatal', error: error as DeviceAuthError };
          }
        }
        case 400:
          return { type: 'pending' };
        case 404:
          return { type: 'invalidCode' };
        case 409:
          return { type: 'alreadyUsed' };
        case 410:
          return { type: 'expired' };
        case 418:
          return { type: 'denied' };
        case 429:
          return slowDownOutcome(response, receivedAt);
      }
      const common = commonFailure(response, TOKEN);
      if (common) return { type: 'fatal', error: common };
      if (isServerTrouble(response.status)) return serverTroubleOutcome(response, host, receivedAt);
      return { type: 'fatal', error: unexpectedStatus(response, TOKEN) };
    },

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
        const body = parseJsonObject(response, TOKEN);
        return parseTokenBody(body, TOKEN, { requireRefreshToken: true, requireCreatedAt: true }, receivedAt);
      }
      // Only the OAuth server ends a session: an OAuth error body, or Trakt's empty 400/401. A page
      // or text from a proxy or CDN in between says nothing about the refresh token: retried.
      const oauthError = oauthErrorBody(response);
      if ((response.status === 400 || response.status === 401) && (oauthError !== undefined || response.body.trim() === '')) {
        if (oauthError?.error === 'invalid_client') throw commonFailure({ ...response, status: 401 }, TOKEN);
        return throwInvalidGrant(response.status, oauthErrorDetail(response));
      }
      throw refreshFailure(response) ?? commonFailure(response, TOKEN) ?? unexpectedStatus(response, TOKEN);
    },

    revokeRequest: (accessToken) =>
      post('/oauth/revoke', { token: accessToken, client_id: clientId, client_secret: clientSecret }, [accessToken, clientSecret]),

    accountRequest: (accessToken) => ({
      method: 'GET',
      url: `${apiUrl}/users/settings`,
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

/** Trakt's pre-filled activation page: `<verification_url>/<user_code>`, keeping any query. */
function withCodeInPath(verificationUrl: string, userCode: string): string {
  const url = new URL(verificationUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${encodeURIComponent(userCode)}`;
  return url.href;
}

function throwInvalidGrant(status: number, detail: string | undefined): never {
  throw new DeviceAuthError(
    'INVALID_GRANT',
    `The refresh token was refused (HTTP ${status}${detail ? `, ${detail}` : ''}): sign in again.`,
    { status },
  );
}
