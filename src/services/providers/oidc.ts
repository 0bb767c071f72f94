/**
 * Any OpenID Connect or RFC 8414 server that offers the device grant (Keycloak, Auth0, Okta, …):
 * the endpoints come from its metadata ({@link discoverAuthorizationServer}).
 */
import { discoverAuthorizationServer, type DiscoveryOptions } from '../discovery/discover.js';
import type { Rfc8628Preset, Rfc8628PresetOverrides } from './preset.js';

/** Options of {@link oidc}: the issuer, how to fetch its metadata, and any field to override. */
export type OidcPresetOptions = Rfc8628PresetOverrides &
  DiscoveryOptions & {
    /** The issuer identifier, exactly as the server's metadata names it (RFC 8414 §3.3). */
    issuer: string;
  };

/**
 * Discovers `issuer` and returns its preset: device authorization, token and (when listed)
 * revocation endpoints from the metadata, the rest standard RFC 8628.
 * @throws DeviceAuthError as {@link discoverAuthorizationServer} does.
 */
export async function oidc(options: OidcPresetOptions): Promise<Rfc8628Preset> {
  const { issuer, fetch, timeoutMs, maxResponseBytes, signal, now, dangerouslyAllowInsecureHttp, ...overrides } = options;
  const metadata = await discoverAuthorizationServer(issuer, { fetch, timeoutMs, maxResponseBytes, signal, now, dangerouslyAllowInsecureHttp });
  return {
    kind: 'rfc8628',
    name: new URL(issuer).host,
    deviceAuthorizationEndpoint: metadata.deviceAuthorizationEndpoint,
    tokenEndpoint: metadata.tokenEndpoint,
    ...(metadata.revocationEndpoint === undefined ? {} : { revocationEndpoint: metadata.revocationEndpoint }),
    requiresClientSecret: false,
    requiresScope: false,
    documentation: metadata.source,
    ...overrides,
  };
}
