/**
 * Microsoft identity platform's device authorization grant
 * (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-device-code):
 *
 * - `POST https://login.microsoftonline.com/{tenant}/oauth2/v2.0/devicecode` and `…/token`;
 *   `tenant` is `common`, `organizations`, `consumers`, a tenant id or a domain.
 * - The answer has `verification_uri` and a human-readable `message` (not shown: the view
 *   composes its own from the code and the page), no `verification_uri_complete`.
 * - A public client (no secret); `scope` is required (`offline_access` for a refresh token).
 * - Its own polling errors: `authorization_declined` (the person said no) and
 *   `bad_verification_code`, beside RFC 8628's `authorization_pending` and `expired_token`.
 * - No RFC 7009 revocation endpoint.
 */
import { DeviceAuthError } from '../../core/errors.js';
import type { Rfc8628Preset, Rfc8628PresetOverrides } from './preset.js';

/** Options of {@link microsoft}: the tenant, and any field to override. */
export type MicrosoftPresetOptions = Rfc8628PresetOverrides & {
  /** `common`, `organizations`, `consumers`, a tenant id (GUID) or a domain such as `contoso.onmicrosoft.com`. */
  tenant: string;
};

/** The Microsoft preset. Throws `CONFIGURATION` for a missing or malformed `tenant`. */
export function microsoft(options: MicrosoftPresetOptions): Rfc8628Preset {
  const { tenant, ...overrides } = options;
  if (typeof tenant !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(tenant)) {
    throw new DeviceAuthError(
      'CONFIGURATION',
      'microsoft({ tenant }) needs a tenant: common, organizations, consumers, a tenant id or a domain (letters, digits, dots and hyphens).',
    );
  }
  const base = `https://login.microsoftonline.com/${tenant}/oauth2/v2.0`;
  return {
    kind: 'rfc8628',
    name: 'Microsoft',
    deviceAuthorizationEndpoint: `${base}/devicecode`,
    tokenEndpoint: `${base}/token`,
    requiresClientSecret: false,
    requiresScope: true,
    errorAliases: { authorization_declined: 'denied', bad_verification_code: 'invalidCode' },
    documentation: 'https://learn.microsoft.com/entra/identity-platform/v2-oauth2-device-code',
    ...overrides,
  };
}
