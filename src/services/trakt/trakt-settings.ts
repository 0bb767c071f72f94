/**
 * What every part of the Trakt dialect shares: its options checked once, the origin and headers,
 * a POST builder, and the failures every Trakt endpoint can answer with. The device flow
 * (`./trakt-device-flow.ts`) and the token lifecycle (`./trakt-dialect.ts`) are built on it, so an
 * app that only signs in (`authorize`) bundles no refresh, revoke or account code.
 */
import { DEFAULT_USER_AGENT } from '../../core/version.js';
import { DeviceAuthError } from '../../core/errors.js';
import { hostOf, type HttpRequest, type HttpResponse } from '../http/http.js';
import { blockedError, isHtml } from '../http/response.js';
import { LOOPBACK_MIN_INTERVAL_SECONDS, MIN_INTERVAL_SECONDS } from '../../core/code-timing.js';
import { checkConfiguredUrl, isLoopbackUrl, type InsecureHttpOption } from '../../core/url-security.js';

/** Trakt's API host (the API reference's base URL). */
export const TRAKT_API_URL = 'https://api.trakt.tv';
/** Trakt's newer OAuth host; pass it as `baseUrl` where Trakt asks for it. */
export const TRAKT_AUTH_URL = 'https://auth.trakt.tv';

/**
 * Options of `createTraktDialect`. `baseUrl` and `apiUrl` must be `https:` unless their host
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

/** Checked Trakt options and what the dialect's parts build requests and errors with. */
export interface TraktSettings {
  readonly clientId: string;
  readonly clientSecret: string;
  /** The OAuth origin, without a trailing slash. */
  readonly baseUrl: string;
  /** The API origin (account lookups), without a trailing slash. */
  readonly apiUrl: string;
  /** `baseUrl`'s host, for messages. */
  readonly host: string;
  readonly allowInsecureHttp: boolean;
  /** The smallest `interval` taken from the server (lower on loopback). */
  readonly intervalFloor: number;
  /** Headers of every Trakt request. */
  readonly headers: Readonly<Record<string, string>>;
  /** A POST of `body` to `path`; `secrets` are its secret values, kept out of any message quoting the answer. */
  post(path: string, body: Record<string, string>, secrets?: readonly string[]): HttpRequest;
  /** Failures common to every Trakt endpoint, or undefined when the status is the endpoint's business. */
  commonFailure(response: HttpResponse, what: string): DeviceAuthError | undefined;
}

/** Checks Trakt options. Throws `CONFIGURATION` for a missing or bad option. */
export function traktSettings(options: TraktDialectOptions): TraktSettings {
  const { clientId, clientSecret } = options;
  if (typeof clientId !== 'string' || clientId.trim() === '') {
    throw new DeviceAuthError('CONFIGURATION', 'Trakt needs a client id: pass clientId (from your app settings on trakt.tv/oauth/applications).');
  }
  if (typeof clientSecret !== 'string' || clientSecret.trim() === '') {
    throw new DeviceAuthError('CONFIGURATION', 'Trakt needs a client secret: pass clientSecret (from your app settings on trakt.tv/oauth/applications).');
  }
  const baseUrl = (options.baseUrl ?? TRAKT_API_URL).replace(/\/+$/, '');
  checkConfiguredUrl(baseUrl, 'The base URL (baseUrl, --base-url)', options, TRAKT_API_URL);
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  if (userAgent.trim() === '') {
    throw new DeviceAuthError('CONFIGURATION', 'userAgent must not be empty: Trakt blocks requests without one.');
  }
  const apiUrl = (options.apiUrl ?? (baseUrl === TRAKT_AUTH_URL ? TRAKT_API_URL : baseUrl)).replace(/\/+$/, '');
  if (options.apiUrl !== undefined) checkConfiguredUrl(apiUrl, 'The API URL (apiUrl)', options, TRAKT_API_URL);
  const host = hostOf(baseUrl);
  const headers = {
    'Content-Type': 'application/json',
    Accept: 'application/json',
    'trakt-api-key': clientId,
    'trakt-api-version': '2',
    'User-Agent': userAgent,
  };
  return {
    clientId,
    clientSecret,
    baseUrl,
    apiUrl,
    host,
    allowInsecureHttp: options.dangerouslyAllowInsecureHttp === true,
    intervalFloor: isLoopbackUrl(baseUrl) ? LOOPBACK_MIN_INTERVAL_SECONDS : MIN_INTERVAL_SECONDS,
    headers,
    post: (path, body, secrets = []) => ({
      method: 'POST',
      url: `${baseUrl}${path}`,
      headers,
      body: JSON.stringify(body),
      ...(secrets.length === 0 ? {} : { secrets }),
    }),
    commonFailure(response, what) {
      if (response.status === 403 && isHtml(response)) return blockedError(response, host);
      if (response.status === 401 || response.status === 403) {
        return new DeviceAuthError(
          'CONFIGURATION',
          `${what}: ${host} refused the client credentials (HTTP ${response.status}). Check the client id and secret.`,
          { status: response.status },
        );
      }
      return undefined;
    },
  };
}
