/**
 * The device-flow half of the Trakt dialect: `/oauth/device/code` and `/oauth/device/token`, as
 * `docs/protocol.md` describes them. The token poll answer is its status code; bodies other than
 * 200 are never depended on. `createTraktDialect` (`./trakt-dialect.ts`) adds the token lifecycle.
 */
import type { DeviceCodes, PollOutcome } from '../../machines/device-auth.types.js';
import type { DeviceFlowDialect } from '../dialect/dialect.js';
import type { DeviceAuthError } from '../../core/errors.js';
import type { HttpResponse } from '../http/http.js';
import { codeRequestFailure, isHtml, isServerTrouble, serverTroubleOutcome, slowDownOutcome, unexpectedStatus } from '../http/response.js';
import { parseTokenBody } from '../../core/token-response.js';
import { readCodeTiming } from '../../core/code-timing.js';
import { htmlPageError, parseJsonObject, requireDisplayText, requireString, requireVerificationUrl } from '../../core/validate.js';
import { traktSettings, type TraktDialectOptions, type TraktSettings } from './trakt-settings.js';

const CODES = 'Trakt device code response';
/** What Trakt's token answers are called in messages. */
export const TRAKT_TOKEN = 'Trakt token response';

/** The device-flow methods over checked settings. */
export function traktDeviceFlow(settings: TraktSettings): DeviceFlowDialect {
  const { clientId, clientSecret, host, post, commonFailure } = settings;
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
      const verificationUrl = requireVerificationUrl(body, 'verification_url', CODES, settings.allowInsecureHttp);
      const timing = readCodeTiming(body, CODES, settings.intervalFloor);
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
          if (isHtml(response)) return { type: 'transient', error: htmlPageError(response, TRAKT_TOKEN) };
          try {
            const body = parseJsonObject(response, TRAKT_TOKEN);
            const token = parseTokenBody(body, TRAKT_TOKEN, { requireRefreshToken: true, requireCreatedAt: true }, receivedAt);
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
      const common = commonFailure(response, TRAKT_TOKEN);
      if (common) return { type: 'fatal', error: common };
      if (isServerTrouble(response.status)) return serverTroubleOutcome(response, host, receivedAt);
      return { type: 'fatal', error: unexpectedStatus(response, TRAKT_TOKEN) };
    },
  };
}

/**
 * Checks options and builds the device-flow half of the Trakt dialect: what one sign-in needs.
 * Throws `CONFIGURATION` for a missing or bad option.
 */
export function createTraktDeviceFlowDialect(options: TraktDialectOptions): DeviceFlowDialect {
  return traktDeviceFlow(traktSettings(options));
}

/** Trakt's pre-filled activation page: `<verification_url>/<user_code>`, keeping any query. */
function withCodeInPath(verificationUrl: string, userCode: string): string {
  const url = new URL(verificationUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${encodeURIComponent(userCode)}`;
  return url.href;
}
