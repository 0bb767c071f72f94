/**
 * GitLab's device authorization grant (https://docs.gitlab.com/api/oauth2/#device-authorization-grant-flow):
 * `POST {baseUrl}/oauth/authorize_device`, `POST {baseUrl}/oauth/token`, revocation at
 * `POST {baseUrl}/oauth/revoke`; `baseUrl` is `https://gitlab.com` or a self-managed instance.
 * Standard RFC 8628 answers; public clients need no secret.
 */
import type { Rfc8628Preset, Rfc8628PresetOverrides } from './preset.js';

/** Options of {@link gitlab}: the instance, and any field to override. */
export type GitLabPresetOptions = Rfc8628PresetOverrides & {
  /** The instance's origin (and path, if GitLab lives under one); default `https://gitlab.com`. */
  baseUrl?: string | undefined;
};

/** The GitLab preset. The endpoints are checked (https outside loopback) when services are built. */
export function gitlab(options: GitLabPresetOptions = {}): Rfc8628Preset {
  const { baseUrl = 'https://gitlab.com', ...overrides } = options;
  const base = baseUrl.replace(/\/+$/, '');
  return {
    kind: 'rfc8628',
    name: 'GitLab',
    deviceAuthorizationEndpoint: `${base}/oauth/authorize_device`,
    tokenEndpoint: `${base}/oauth/token`,
    revocationEndpoint: `${base}/oauth/revoke`,
    requiresClientSecret: false,
    requiresScope: false,
    documentation: 'https://docs.gitlab.com/api/oauth2/#device-authorization-grant-flow',
    ...overrides,
  };
}
