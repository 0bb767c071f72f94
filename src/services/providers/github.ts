/**
 * GitHub's device flow, from "Authorizing OAuth apps → Device flow" and "Refreshing user access
 * tokens" (https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#device-flow,
 * https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/refreshing-user-access-tokens):
 *
 * - `POST https://github.com/login/device/code` and `POST https://github.com/login/oauth/access_token`;
 *   JSON only with `Accept: application/json` (the dialect always sends it).
 * - Polling errors come with HTTP 200 (`authorization_pending`, `slow_down` with the new
 *   `interval` in the body, `expired_token`, `access_denied`, `incorrect_device_code`, …); the
 *   dialect reads the body whatever the status.
 * - No client secret for the device flow; refreshing (GitHub Apps with expiring tokens) needs
 *   it, and a dead refresh token is `bad_refresh_token`.
 * - No RFC 7009 revocation endpoint (GitHub revokes through its REST API).
 */
import type { Rfc8628Preset, Rfc8628PresetOverrides } from './preset.js';

/** The GitHub preset; pass overrides for GitHub Enterprise Server or a test double. */
export function github(overrides: Rfc8628PresetOverrides = {}): Rfc8628Preset {
  return {
    kind: 'rfc8628',
    name: 'GitHub',
    deviceAuthorizationEndpoint: 'https://github.com/login/device/code',
    tokenEndpoint: 'https://github.com/login/oauth/access_token',
    requiresClientSecret: false,
    requiresScope: false,
    errorAliases: { incorrect_device_code: 'invalidCode' },
    invalidGrantErrors: ['invalid_grant', 'bad_refresh_token'],
    documentation: 'https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#device-flow',
    ...overrides,
  };
}
