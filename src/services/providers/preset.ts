/**
 * A provider preset: the endpoints, dialect and quirks of one provider's device flow, as plain
 * data taken from its public documentation. Every field can be overridden one by one (a
 * self-hosted server, a loopback test double), and {@link createProviderServices} turns a preset
 * plus the app's client options into the services the machine takes.
 */
import type { ClientAuthentication } from '../rfc8628/rfc8628-form.js';
import type { Rfc8628DialectOptions } from '../rfc8628/rfc8628-dialect.js';

/** A provider spoken to with the generic RFC 8628 dialect (RFC 8628, RFC 6749 §6, RFC 7009). */
export interface Rfc8628Preset {
  readonly kind: 'rfc8628';
  /** Name used in messages, e.g. `GitHub`. */
  readonly name: string;
  /** RFC 8628 §3.1. */
  readonly deviceAuthorizationEndpoint: string;
  /** RFC 6749 §3.2. */
  readonly tokenEndpoint: string;
  /** RFC 7009 §2; absent when the provider has no standard revocation endpoint. */
  readonly revocationEndpoint?: string | undefined;
  /** How the client authenticates (RFC 6749 §2.3.1); absent: `client_secret_post` with a secret, `none` without. */
  readonly clientAuthentication?: ClientAuthentication | undefined;
  /** True when the provider refuses clients without a secret (Google). */
  readonly requiresClientSecret: boolean;
  /** True when the device authorization request must carry `scope` (Google, Microsoft). */
  readonly requiresScope: boolean;
  /** Scope asked for when the app passes none. */
  readonly scope?: string | undefined;
  /** The provider's own `error` values for standard outcomes (Microsoft `authorization_declined`). */
  readonly errorAliases?: Rfc8628DialectOptions['errorAliases'];
  /** Refresh `error` values meaning "sign in again" besides `invalid_grant` (GitHub `bad_refresh_token`). */
  readonly invalidGrantErrors?: readonly string[] | undefined;
  /** Where the facts above come from. */
  readonly documentation: string;
}

/** Trakt, spoken to with its own dialect (docs/protocol.md). */
export interface TraktPreset {
  readonly kind: 'trakt';
  readonly name: 'Trakt';
  /** OAuth origin (`https://api.trakt.tv`, `https://auth.trakt.tv` or a mock). */
  readonly baseUrl: string;
  /** API origin for account lookups, when it differs from `baseUrl`. */
  readonly apiUrl?: string | undefined;
  readonly documentation: string;
}

/** Any provider preset. */
export type ProviderPreset = Rfc8628Preset | TraktPreset;

/** Fields of an RFC 8628 preset a caller may override. */
export type Rfc8628PresetOverrides = Partial<Omit<Rfc8628Preset, 'kind'>>;
