/**
 * Turns a provider preset plus the app's client options into a dialect or the services the
 * device-auth machine takes (over `createRfc8628Services` / `createTraktServices`).
 */
import { DeviceAuthError } from '../../core/errors.js';
import type { InsecureHttpOption } from '../../core/url-security.js';
import { createDeviceFlowServices, type DeviceAuthServices, type HttpServiceOptions } from '../dialect/create-services.js';
import type { DeviceFlowDialect, TokenLifecycleDialect } from '../dialect/dialect.js';
import { createRfc8628Dialect, type Rfc8628DialectOptions } from '../rfc8628/rfc8628-dialect.js';
import type { ClientAuthentication } from '../rfc8628/rfc8628-form.js';
import { createTraktDialect, type TraktDialectOptions } from '../trakt/trakt-dialect.js';
import type { ProviderPreset, Rfc8628Preset } from './preset.js';

/** The app's side: its registration with the provider, and transport. */
export interface ProviderClientOptions extends InsecureHttpOption, HttpServiceOptions {
  /** The app's client id at the provider. */
  clientId: string;
  /** The app's client secret, for providers and apps that have one. Never logged. */
  clientSecret?: string | undefined;
  /** Overrides the preset's client authentication (RFC 6749 §2.3.1). */
  clientAuthentication?: ClientAuthentication | undefined;
  /** Space-separated scopes; default the preset's. */
  scope?: string | undefined;
  /** Sent as `User-Agent`. */
  userAgent?: string | undefined;
}

/** A dialect that runs the device flow, refreshes and revokes: what `createSessionServices` takes. */
export type ProviderDialect = DeviceFlowDialect & TokenLifecycleDialect;

/** The RFC 8628 dialect options a preset and client options make. Throws `CONFIGURATION` naming what is missing. */
export function rfc8628OptionsOf(preset: Rfc8628Preset, client: ProviderClientOptions): Rfc8628DialectOptions {
  const scope = client.scope ?? preset.scope;
  if (preset.requiresClientSecret && !client.clientSecret) {
    throw new DeviceAuthError('CONFIGURATION', `${preset.name} needs a clientSecret for the device flow (see ${preset.documentation}).`);
  }
  if (preset.requiresScope && (scope === undefined || scope.trim() === '')) {
    throw new DeviceAuthError('CONFIGURATION', `${preset.name} needs a scope for the device flow (see ${preset.documentation}).`);
  }
  return {
    name: preset.name,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    clientAuthentication: client.clientAuthentication ?? preset.clientAuthentication,
    deviceAuthorizationEndpoint: preset.deviceAuthorizationEndpoint,
    tokenEndpoint: preset.tokenEndpoint,
    revocationEndpoint: preset.revocationEndpoint,
    scope,
    userAgent: client.userAgent,
    errorAliases: preset.errorAliases,
    invalidGrantErrors: preset.invalidGrantErrors,
    dangerouslyAllowInsecureHttp: client.dangerouslyAllowInsecureHttp,
  };
}

function traktOptionsOf(preset: Extract<ProviderPreset, { kind: 'trakt' }>, client: ProviderClientOptions): TraktDialectOptions {
  if (client.clientAuthentication !== undefined || client.scope !== undefined) {
    throw new DeviceAuthError('CONFIGURATION', 'Trakt takes neither clientAuthentication nor scope: its device flow always sends the client secret and has no scopes.');
  }
  return {
    clientId: client.clientId,
    clientSecret: client.clientSecret ?? '',
    baseUrl: preset.baseUrl,
    apiUrl: preset.apiUrl,
    userAgent: client.userAgent,
    dangerouslyAllowInsecureHttp: client.dangerouslyAllowInsecureHttp,
  };
}

/**
 * The dialect for `preset` with the app's client options: pass it to `createSessionServices`
 * for refresh and revoke, or to `createDeviceFlowServices`.
 * @throws DeviceAuthError `CONFIGURATION` for a missing client id, secret or scope the provider requires, or a bad endpoint.
 */
export function createProviderDialect(preset: ProviderPreset, client: ProviderClientOptions): ProviderDialect {
  return preset.kind === 'trakt' ? createTraktDialect(traktOptionsOf(preset, client)) : createRfc8628Dialect(rfc8628OptionsOf(preset, client));
}

/**
 * The device-auth services for `preset` (what `deviceAuthMachine.provide(...)` and `runDeviceAuth` take).
 *
 * ```ts
 * const services = createProviderServices(providers.github(), { clientId: 'Iv1.abc' });
 * const token = await runDeviceAuth(services, { onCodes: ({ userCode, verificationUrl }) => show(userCode, verificationUrl) });
 * ```
 * @throws DeviceAuthError `CONFIGURATION` as {@link createProviderDialect}.
 */
export function createProviderServices(preset: ProviderPreset, client: ProviderClientOptions): DeviceAuthServices {
  return createDeviceFlowServices(createProviderDialect(preset, client), client);
}
