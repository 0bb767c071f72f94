/**
 * The generic RFC 8628 dialect: form-encoded requests, JSON answers, OAuth error codes
 * (`authorization_pending`, `slow_down`, `access_denied`, `expired_token`). Tolerates what real
 * servers do: Google's `verification_url`, GitHub's errors with HTTP 200 and its new `interval`
 * in the `slow_down` body.
 */
import type { DeviceCodes, PollOutcome } from '../../machines/device-auth.types.js';
import { DEFAULT_USER_AGENT } from '../../core/version.js';
import type { DeviceFlowDialect } from '../dialect/dialect.js';
import { DeviceAuthError } from '../../core/errors.js';
import { hostOf, type HttpRequest, type HttpResponse } from '../http/http.js';
import {
  blockedError,
  codeRequestFailure,
  isHtml,
  isServerTrouble,
  oauthErrorBody,
  serverTroubleOutcome,
  slowDownOutcome,
  unexpectedStatus,
} from '../http/response.js';
import { parseTokenBody } from '../../core/token-response.js';
import { LOOPBACK_MIN_INTERVAL_SECONDS, MIN_INTERVAL_SECONDS, readCodeTiming } from '../../core/code-timing.js';
import { checkConfiguredUrl, isLoopbackUrl, type InsecureHttpOption } from '../../core/url-security.js';
import {
  optionalVerificationUrl,
  parseJsonObject,
  requireDisplayText,
  requireString,
  requireVerificationUrl,
  type JsonObject,
} from '../../core/validate.js';

/** The device-code grant type (RFC 8628 §3.4). */
export const DEVICE_CODE_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:device_code';

/**
 * Options of {@link createRfc8628Dialect}. Both endpoints must be `https:` unless their host is
 * loopback, or `dangerouslyAllowInsecureHttp` is set.
 */
export interface Rfc8628DialectOptions extends InsecureHttpOption {
  clientId: string;
  /** For confidential clients; sent as chosen by `clientAuthentication`. Never logged. */
  clientSecret?: string | undefined;
  /** `client_secret_post` (default: in the form body) or `client_secret_basic` (HTTP Basic). */
  clientAuthentication?: 'client_secret_post' | 'client_secret_basic' | undefined;
  /** The device authorization endpoint (RFC 8628 §3.1). */
  deviceAuthorizationEndpoint: string;
  /** The token endpoint (RFC 6749 §3.2). */
  tokenEndpoint: string;
  /** Space-separated scopes to ask for. */
  scope?: string | undefined;
  /** Sent as `User-Agent`. */
  userAgent?: string | undefined;
}

const CODES = 'device authorization response';
const TOKEN = 'token response';

/** Checks options and builds an RFC 8628 dialect. Throws `CONFIGURATION` for a missing or bad option. */
export function createRfc8628Dialect(options: Rfc8628DialectOptions): DeviceFlowDialect {
  if (typeof options.clientId !== 'string' || options.clientId.trim() === '') {
    throw new DeviceAuthError('CONFIGURATION', 'RFC 8628 device flow needs a clientId.');
  }
  for (const key of ['deviceAuthorizationEndpoint', 'tokenEndpoint'] as const) {
    checkConfiguredUrl(options[key], key, options, 'https://provider.example/oauth/device');
  }
  const allowInsecureHttp = options.dangerouslyAllowInsecureHttp === true;
  const basic = options.clientAuthentication === 'client_secret_basic';
  if (basic && !options.clientSecret) {
    throw new DeviceAuthError('CONFIGURATION', 'client_secret_basic needs a clientSecret.');
  }
  const host = hostOf(options.tokenEndpoint);
  // Polls go to the token endpoint: its host decides how fast a server may ask to be polled.
  const intervalFloor = isLoopbackUrl(options.tokenEndpoint) ? LOOPBACK_MIN_INTERVAL_SECONDS : MIN_INTERVAL_SECONDS;

  /** A form POST; `secrets` are its secret values (the client secret is added), kept out of any message quoting the answer. */
  const post = (url: string, fields: Record<string, string | undefined>, secrets: readonly string[] = []): HttpRequest => {
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) form.set(key, value);
    const headers: Record<string, string> = {
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
      'User-Agent': options.userAgent ?? DEFAULT_USER_AGENT,
    };
    const carried = [...secrets];
    if (basic) {
      const credential = btoa(`${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret ?? '')}`);
      headers.Authorization = `Basic ${credential}`;
      carried.push(credential, options.clientSecret ?? '');
    } else if (options.clientSecret) {
      form.set('client_secret', options.clientSecret);
      carried.push(options.clientSecret);
    }
    form.set('client_id', options.clientId);
    const request: HttpRequest = { method: 'POST', url, headers, body: form.toString() };
    const nonEmpty = carried.filter((secret) => secret !== '');
    return nonEmpty.length === 0 ? request : { ...request, secrets: nonEmpty };
  };

  return {
    name: 'RFC 8628',
    deviceCodeRequest: () => post(options.deviceAuthorizationEndpoint, { scope: options.scope }),

    parseDeviceCodes(response: HttpResponse, receivedAt: number): DeviceCodes {
      if (response.status !== 200) {
        if (response.status === 403 && isHtml(response)) throw blockedError(response, host);
        throw codeRequestFailure(response, CODES, host, receivedAt);
      }
      const body = parseJsonObject(response, CODES);
      const uriField = body.verification_uri === undefined && body.verification_url !== undefined ? 'verification_url' : 'verification_uri';
      const verificationUrl = requireVerificationUrl(body, uriField, CODES, allowInsecureHttp);
      const complete = optionalVerificationUrl(body, 'verification_uri_complete', CODES, allowInsecureHttp);
      const timing = readCodeTiming(body, CODES, intervalFloor);
      return {
        deviceCode: requireString(body, 'device_code', CODES),
        userCode: requireDisplayText(body, 'user_code', CODES),
        verificationUrl,
        ...(complete === undefined ? {} : { verificationUrlComplete: complete }),
        ...timing,
      };
    },

    tokenRequest: (deviceCode) =>
      post(options.tokenEndpoint, { grant_type: DEVICE_CODE_GRANT_TYPE, device_code: deviceCode }, [deviceCode]),

    classifyTokenResponse(response: HttpResponse, receivedAt: number): PollOutcome {
      const error = oauthErrorBody(response);
      if (response.status === 200 && !error) {
        try {
          const body: JsonObject = parseJsonObject(response, TOKEN);
          const token = parseTokenBody(body, TOKEN, { requireRefreshToken: false, requireCreatedAt: false }, receivedAt);
          return { type: 'authorized', token };
        } catch (failure) {
          return { type: 'fatal', error: failure as DeviceAuthError };
        }
      }
      if (error) {
        switch (error.error) {
          case 'authorization_pending':
            return { type: 'pending' };
          case 'slow_down':
            return error.interval === undefined ? { type: 'slowDown' } : { type: 'slowDown', intervalSeconds: error.interval };
          case 'access_denied':
            return { type: 'denied' };
          case 'expired_token':
            return { type: 'expired' };
          case 'invalid_grant':
            return { type: 'invalidCode' };
        }
        // A 429 is never a reason to give up while the code is valid, whatever its body says.
        if (!isServerTrouble(response.status) && response.status !== 429) {
          const detail = error.description ? `${error.error}: ${error.description}` : error.error;
          const code = error.error === 'invalid_client' || error.error === 'unauthorized_client' ? 'CONFIGURATION' : 'HTTP_STATUS';
          return {
            type: 'fatal',
            error: new DeviceAuthError(code, `${host} refused the token request (${detail}).`, { status: response.status }),
          };
        }
      }
      if (response.status === 429) return slowDownOutcome(response, receivedAt);
      if (isServerTrouble(response.status)) return serverTroubleOutcome(response, host, receivedAt);
      if (response.status === 403 && isHtml(response)) return { type: 'fatal', error: blockedError(response, host) };
      return { type: 'fatal', error: unexpectedStatus(response, TOKEN) };
    },
  };
}
