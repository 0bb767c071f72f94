/**
 * Google's "OAuth 2.0 for TV and Limited-Input Device Applications"
 * (https://developers.google.com/identity/protocols/oauth2/limited-input-device):
 *
 * - `POST https://oauth2.googleapis.com/device/code`, `POST https://oauth2.googleapis.com/token`,
 *   revocation at `POST https://oauth2.googleapis.com/revoke`.
 * - The answer names the page `verification_url` (not RFC 8628's `verification_uri`); the
 *   dialect accepts either.
 * - The client secret is required, in the form body, and so is `scope`.
 * - Polling errors carry non-400 statuses (`authorization_pending` with 428, `slow_down` with
 *   403); the dialect classifies by the `error` field.
 */
import type { Rfc8628Preset, Rfc8628PresetOverrides } from './preset.js';

/** The Google preset. */
export function google(overrides: Rfc8628PresetOverrides = {}): Rfc8628Preset {
  return {
    kind: 'rfc8628',
    name: 'Google',
    deviceAuthorizationEndpoint: 'https://oauth2.googleapis.com/device/code',
    tokenEndpoint: 'https://oauth2.googleapis.com/token',
    revocationEndpoint: 'https://oauth2.googleapis.com/revoke',
    clientAuthentication: 'client_secret_post',
    requiresClientSecret: true,
    requiresScope: true,
    documentation: 'https://developers.google.com/identity/protocols/oauth2/limited-input-device',
    ...overrides,
  };
}
