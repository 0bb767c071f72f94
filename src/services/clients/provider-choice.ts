/**
 * The one way every client names a provider (`authorize`, `createSession`): Trakt options as they
 * always were, a preset (`providers.github()`, ...), an issuer to discover (RFC 8414), or explicit
 * RFC 8628 endpoints. The four ways are a union whose members forbid each other's keys, so a mix
 * is a type error; {@link checkProviderChoice} refuses the same mistakes at run time (plain
 * JavaScript, values built at run time) with a `CONFIGURATION` error before any request is sent.
 */
import { DeviceAuthError } from '../../core/errors.js';
import type { InsecureHttpOption } from '../../core/url-security.js';
import type { HttpServiceOptions } from '../dialect/create-services.js';
import { wellKnownUrls } from '../discovery/well-known.js';
import { oidc } from '../providers/oidc.js';
import type { ProviderPreset, Rfc8628Preset } from '../providers/preset.js';
import { createProviderDialect, type ProviderClientOptions, type ProviderDialect } from '../providers/provider-services.js';
import { createRfc8628Dialect } from '../rfc8628/rfc8628-dialect.js';
import { createTraktDialect } from '../trakt/trakt-dialect.js';
import { otherProviderWays } from './provider-way.js';
import type { TraktServiceOptions } from '../trakt/trakt-services.js';

/** The keys that choose a way; each way forbids the others' (`?: never`). */
type Forbid<K extends PropertyKey> = { [P in K]?: never };

/** The RFC 8628 endpoint keys. */
type EndpointKeys = 'deviceAuthorizationEndpoint' | 'tokenEndpoint' | 'revocationEndpoint';
/** Keys only the Trakt way takes. */
type TraktOnlyKeys = 'baseUrl' | 'apiUrl';

/** Trakt, exactly as `authorize` has always taken it (`provider` may be left out or be `'trakt'`). */
export type TraktProviderChoice = TraktServiceOptions & { provider?: 'trakt' | undefined } & Forbid<'issuer' | EndpointKeys | 'scope' | 'clientAuthentication'>;

/** A preset from `providers`, overridable field by field (`providers.github({ tokenEndpoint })`). */
export type PresetProviderChoice = ProviderClientOptions & { provider: ProviderPreset } & Forbid<'issuer' | EndpointKeys | TraktOnlyKeys>;

/** Any RFC 8414 / OpenID Connect server offering the device grant: its endpoints are discovered. */
export type IssuerProviderChoice = ProviderClientOptions & {
  /** The issuer identifier, exactly as its metadata names it (RFC 8414 §3.3). */
  issuer: string;
} & Forbid<'provider' | EndpointKeys | TraktOnlyKeys>;

/** Any RFC 8628 provider by its endpoints. */
export type EndpointsProviderChoice = ProviderClientOptions & {
  /** RFC 8628 §3.1. */
  deviceAuthorizationEndpoint: string;
  /** RFC 6749 §3.2. */
  tokenEndpoint: string;
  /** RFC 7009 §2; without one, signing out revokes nothing and says so. */
  revocationEndpoint?: string | undefined;
} & Forbid<'provider' | 'issuer' | TraktOnlyKeys>;

/** Which provider, and the app's registration with it: one of the four ways. */
export type ProviderChoice = TraktProviderChoice | PresetProviderChoice | IssuerProviderChoice | EndpointsProviderChoice;

/** A checked choice: Trakt options, a preset, or an issuer still to discover; plus the client side. */
export type CheckedChoice =
  | { way: 'trakt'; options: TraktServiceOptions }
  | { way: 'preset'; preset: ProviderPreset; client: ProviderClientOptions }
  | { way: 'issuer'; issuer: string; client: ProviderClientOptions };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const given = (options: Record<string, unknown>, key: string) => options[key] !== undefined;

function configuration(message: string): DeviceAuthError {
  return new DeviceAuthError('CONFIGURATION', message);
}

/** The client half of a non-Trakt choice (never the callbacks, never the provider keys). */
function clientOf(options: ProviderClientOptions): ProviderClientOptions {
  const client: ProviderClientOptions = { clientId: options.clientId };
  const keys = ['clientSecret', 'clientAuthentication', 'scope', 'userAgent', 'dangerouslyAllowInsecureHttp', 'fetch', 'timeoutMs', 'maxResponseBytes', 'now'] as const;
  for (const key of keys) if (options[key] !== undefined) (client as unknown as Record<string, unknown>)[key] = options[key];
  return client;
}

/** The preset for explicit endpoints: standard RFC 8628, named after the token endpoint's host. */
function endpointsPreset(options: EndpointsProviderChoice): Rfc8628Preset {
  let name = 'RFC 8628';
  try {
    name = new URL(options.tokenEndpoint).host || name;
  } catch {
    // createRfc8628Dialect names the malformed endpoint.
  }
  return {
    kind: 'rfc8628',
    name,
    deviceAuthorizationEndpoint: options.deviceAuthorizationEndpoint,
    tokenEndpoint: options.tokenEndpoint,
    ...(options.revocationEndpoint === undefined ? {} : { revocationEndpoint: options.revocationEndpoint }),
    requiresClientSecret: false,
    requiresScope: false,
    documentation: 'RFC 8628 §3.1 and §3.4 (endpoints given by the app)',
  };
}

/**
 * Sorts `options` into one way and checks what can be checked without the network: one way only,
 * a client id, a preset that is a preset, the secret and scope a preset requires, the client
 * authentication method, the endpoints' and issuer's URLs.
 * @throws DeviceAuthError `CONFIGURATION` naming the mistake.
 */
export function checkProviderChoice(options: ProviderChoice): CheckedChoice {
  if (!isObject(options)) throw configuration('Pass an options object: Trakt options, { provider }, { issuer } or { deviceAuthorizationEndpoint, tokenEndpoint }.');
  const raw = options as Record<string, unknown>;
  const provider = raw.provider;
  const ways = otherProviderWays(raw);
  if (ways.length > 1) {
    throw configuration(`Choose one way to name the provider, not ${ways.join(' and ')}: a preset ({ provider }), an issuer to discover ({ issuer }), or its endpoints ({ deviceAuthorizationEndpoint, tokenEndpoint }).`);
  }
  const way = ways[0];
  if (way === undefined) {
    // Trakt, as always: the Trakt dialect checks its own options (client id and secret included).
    createTraktDialect(options as TraktServiceOptions);
    return { way: 'trakt', options: options as TraktServiceOptions };
  }
  if (typeof raw.clientId !== 'string' || raw.clientId.trim() === '') {
    throw configuration("clientId is required: the app's client id at the provider.");
  }
  const traktOnly = ['baseUrl', 'apiUrl'].filter((key) => given(raw, key));
  if (traktOnly.length > 0) {
    throw configuration(`${traktOnly.join(' and ')} belong to Trakt; for other providers give the endpoints (or override a preset's: providers.gitlab({ baseUrl })).`);
  }
  const client = clientOf(options as ProviderClientOptions);
  if (way === 'issuer') {
    const issuer = raw.issuer;
    if (typeof issuer !== 'string' || issuer === '') throw configuration('issuer must be a URL, e.g. https://login.example.com/realm.');
    wellKnownUrls(issuer, client as InsecureHttpOption);
    // Client id, secret and authentication method are checked now, not after the discovery request.
    createRfc8628Dialect({ ...client, deviceAuthorizationEndpoint: issuer, tokenEndpoint: issuer });
    return { way: 'issuer', issuer, client };
  }
  const preset = way === 'endpoints' ? endpointsPreset(options as EndpointsProviderChoice) : provider;
  if (isObject(preset) && typeof (preset as { then?: unknown }).then === 'function') {
    throw configuration('provider is a promise: providers.oidc() discovers asynchronously; await it first, or pass { issuer } instead.');
  }
  if (!isObject(preset) || (preset.kind !== 'rfc8628' && preset.kind !== 'trakt')) {
    throw configuration('provider must be a preset such as providers.github() or providers.microsoft({ tenant: "common" }).');
  }
  createProviderDialect(preset as unknown as ProviderPreset, client);
  return { way: 'preset', preset: preset as unknown as ProviderPreset, client };
}

/** The transport options of a checked choice (what the services take beside the dialect). */
export function httpOptionsOf(choice: CheckedChoice): HttpServiceOptions {
  return choice.way === 'trakt' ? choice.options : choice.client;
}

/**
 * The dialect of a checked choice; an issuer is discovered first (RFC 8414), with `signal`
 * aborting the discovery.
 * @throws DeviceAuthError as `discoverAuthorizationServer` and `createProviderDialect` do.
 */
export async function dialectOf(choice: CheckedChoice, signal?: AbortSignal): Promise<ProviderDialect> {
  if (choice.way === 'trakt') return createTraktDialect(choice.options);
  if (choice.way === 'preset') return createProviderDialect(choice.preset, choice.client);
  const { fetch, timeoutMs, maxResponseBytes, now, dangerouslyAllowInsecureHttp } = choice.client;
  const preset = await oidc({ issuer: choice.issuer, fetch, timeoutMs, maxResponseBytes, now, dangerouslyAllowInsecureHttp, signal });
  return createProviderDialect(preset, choice.client);
}

/** The dialect of a choice that needs no discovery, or `undefined` for an issuer. */
export function dialectNow(choice: CheckedChoice): ProviderDialect | undefined {
  if (choice.way === 'trakt') return createTraktDialect(choice.options);
  if (choice.way === 'preset') return createProviderDialect(choice.preset, choice.client);
  return undefined;
}
