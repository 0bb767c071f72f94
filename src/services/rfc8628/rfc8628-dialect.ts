/**
 * The generic RFC 8628 dialect: form-encoded requests, JSON answers, OAuth error codes
 * (`authorization_pending`, `slow_down`, `access_denied`, `expired_token`). Tolerates what real
 * servers do: Google's `verification_url`, GitHub's errors with HTTP 200 and its new `interval`
 * in the `slow_down` body.
 */
import type { DeviceCodes, PollOutcome } from '../../machines/device-auth.types.js';
import type { DeviceFlowDialect, TokenLifecycleDialect } from '../dialect/dialect.js';
import { DeviceAuthError } from '../../core/errors.js';
import { hostOf, type HttpResponse } from '../http/http.js';
import { createFormPost, type ClientAuthentication } from './rfc8628-form.js';
import { createRfc8628TokenLife } from './rfc8628-token-life.js';
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
  htmlPageError,
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
  /**
   * RFC 6749 §2.3.1: `client_secret_post` (the secret in the form body; the default with a
   * secret), `client_secret_basic` (HTTP Basic, id and secret form-urlencoded) or `none` (a
   * public client: only `client_id`; the default without a secret).
   */
  clientAuthentication?: ClientAuthentication | undefined;
  /** The revocation endpoint (RFC 7009 §2). Without one, revoking fails with `CONFIGURATION` saying so. */
  revocationEndpoint?: string | undefined;
  /** Name used in messages (default `RFC 8628`), e.g. `GitHub`. */
  name?: string | undefined;
  /**
   * A provider's own `error` values for standard outcomes (RFC 8628 §3.5), e.g. Microsoft's
   * `authorization_declined` → `denied` and `bad_verification_code` → `invalidCode`.
   */
  errorAliases?: Readonly<Record<string, 'pending' | 'slowDown' | 'denied' | 'expired' | 'invalidCode'>> | undefined;
  /** `error` values of a refresh answer that mean the refresh token is dead (default `invalid_grant`, RFC 6749 §5.2). */
  invalidGrantErrors?: readonly string[] | undefined;
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

/**
 * An RFC 8628 dialect: the device flow (RFC 8628 §3.1–§3.5), refresh (RFC 6749 §6) and
 * revocation (RFC 7009). `canRevoke` is false when no `revocationEndpoint` was given.
 */
export type Rfc8628Dialect = DeviceFlowDialect & TokenLifecycleDialect & { readonly canRevoke: boolean };

/**
 * The server refused the client itself (RFC 6749 §5.2 `invalid_client`, `unauthorized_client`,
 * e.g. oidc-provider's HTTP 401 for a wrong secret): a `CONFIGURATION` error naming what to check,
 * whatever the status; `undefined` for any other answer.
 */
function clientRefusal(response: HttpResponse, host: string): DeviceAuthError | undefined {
  const error = oauthErrorBody(response);
  if (error?.error !== 'invalid_client' && error?.error !== 'unauthorized_client') return undefined;
  const detail = error.description ? `${error.error}: ${error.description}` : error.error;
  return new DeviceAuthError(
    'CONFIGURATION',
    `${host} refused the client (HTTP ${response.status}, ${detail}): check clientId, clientSecret and clientAuthentication, and that the client may use the device flow.`,
    { status: response.status },
  );
}

/** Checks options and builds an RFC 8628 dialect. Throws `CONFIGURATION` for a missing or bad option. */
export function createRfc8628Dialect(options: Rfc8628DialectOptions): Rfc8628Dialect {
  if (typeof options.clientId !== 'string' || options.clientId.trim() === '') {
    throw new DeviceAuthError('CONFIGURATION', 'RFC 8628 device flow needs a clientId.');
  }
  for (const key of ['deviceAuthorizationEndpoint', 'tokenEndpoint'] as const) {
    checkConfiguredUrl(options[key], key, options, 'https://provider.example/oauth/device');
  }
  if (options.revocationEndpoint !== undefined) {
    checkConfiguredUrl(options.revocationEndpoint, 'revocationEndpoint', options, 'https://provider.example/oauth/revoke');
  }
  const allowInsecureHttp = options.dangerouslyAllowInsecureHttp === true;
  const post = createFormPost(options);
  const name = options.name ?? 'RFC 8628';
  const aliases = options.errorAliases ?? {};
  const host = hostOf(options.tokenEndpoint);
  // Polls go to the token endpoint: its host decides how fast a server may ask to be polled.
  const intervalFloor = isLoopbackUrl(options.tokenEndpoint) ? LOOPBACK_MIN_INTERVAL_SECONDS : MIN_INTERVAL_SECONDS;

  return {
    name,
    ...createRfc8628TokenLife({
      name,
      host,
      post,
      tokenEndpoint: options.tokenEndpoint,
      revocationEndpoint: options.revocationEndpoint,
      invalidGrantErrors: options.invalidGrantErrors,
    }),
    deviceCodeRequest: () => post(options.deviceAuthorizationEndpoint, { scope: options.scope }),

    parseDeviceCodes(response: HttpResponse, receivedAt: number): DeviceCodes {
      if (response.status !== 200) {
        if (response.status === 403 && isHtml(response)) throw blockedError(response, host);
        const refusal = clientRefusal(response, host);
        if (refusal !== undefined) throw refusal;
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
      // A web page where the token belongs is a captive portal or a proxy in the way, not the
      // server's answer: the code is still good, so poll again once the network lets us through.
      if (response.status === 200 && isHtml(response)) return { type: 'transient', error: htmlPageError(response, TOKEN) };
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
        const alias = Object.hasOwn(aliases, error.error) ? aliases[error.error] : undefined;
        if (alias === 'slowDown') return error.interval === undefined ? { type: 'slowDown' } : { type: 'slowDown', intervalSeconds: error.interval };
        if (alias !== undefined) return { type: alias };
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
