/**
 * Which provider a command talks to. `login` reads it from `--provider` (Trakt by default, so
 * every command written before stays valid) and its companion flags, checks every combination
 * before any request (a mistake is a usage error, exit 2), and records it in the token file;
 * `status`, `refresh` and `logout` read that record back, so nobody repeats it. A token file
 * without a record was written by a Trakt login.
 */
import { createProviderDialect, createRfc8628Dialect, DeviceAuthError, providers } from '../index.js';
import type { ProviderClientOptions, Rfc8628Preset } from '../index.js';
import type { TokenFileProvider } from '../node.js';
import { CLI_USER_AGENT, traktSettings, type SettingsFlags, type TraktSettings } from './credentials.js';
import { checkHeaderValue } from './header-value.js';
import { text } from './parse.js';
import { UsageError } from './usage-error.js';

/** The providers `--provider` names. */
export const PROVIDER_NAMES = ['trakt', 'github', 'google', 'microsoft', 'gitlab', 'rfc8628'] as const;
/** One of {@link PROVIDER_NAMES}. */
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/** The flags that choose a provider (login only). */
export const PROVIDER_OPTIONS = {
  provider: { type: 'string' },
  issuer: { type: 'string' },
  'device-authorization-endpoint': { type: 'string' },
  'token-endpoint': { type: 'string' },
  'revocation-endpoint': { type: 'string' },
  scope: { type: 'string' },
  tenant: { type: 'string' },
} as const;

type ProviderFlagValues = Partial<Record<keyof typeof PROVIDER_OPTIONS, string | boolean | undefined>>;

/** A provider other than Trakt, ready to talk to (an issuer still to discover has no preset yet). */
export interface OtherProvider {
  name: Exclude<ProviderName, 'trakt'>;
  /** Name used in messages: `GitHub`, or the issuer's or token endpoint's host. */
  label: string;
  /** The endpoints and quirks; absent while an issuer is still to be discovered (login). */
  preset?: Rfc8628Preset | undefined;
  /** The issuer to discover (login with `--issuer`), kept in the record. */
  issuer?: string | undefined;
  client: ProviderClientOptions & { clientId: string; userAgent: string };
  /** What the token file records besides the endpoints: `tenant`, `baseUrl`, `scope` where given. */
  settings: Readonly<Record<string, string>>;
}

/** What a command talks to: Trakt with its settings, or another provider. */
export type CliProvider = { name: 'trakt'; label: 'Trakt'; settings: TraktSettings } | OtherProvider;

const FLAGS_OF: Record<string, readonly ProviderName[]> = {
  issuer: ['rfc8628'],
  'device-authorization-endpoint': ['rfc8628'],
  'token-endpoint': ['rfc8628'],
  'revocation-endpoint': ['rfc8628'],
  scope: ['github', 'google', 'microsoft', 'gitlab', 'rfc8628'],
  tenant: ['microsoft'],
  'base-url': ['trakt', 'gitlab'],
};

/** A `CONFIGURATION` error from checking the options: the command line is wrong (exit 2). */
function asUsage<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof DeviceAuthError && error.code === 'CONFIGURATION') throw new UsageError(error.message);
    throw error;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/** The preset for explicit endpoints (standard RFC 8628). */
function endpointsPreset(deviceAuthorizationEndpoint: string, tokenEndpoint: string, revocationEndpoint: string | undefined): Rfc8628Preset {
  return {
    kind: 'rfc8628',
    name: hostOf(tokenEndpoint),
    deviceAuthorizationEndpoint,
    tokenEndpoint,
    ...(revocationEndpoint === undefined ? {} : { revocationEndpoint }),
    requiresClientSecret: false,
    requiresScope: false,
    documentation: 'RFC 8628 (endpoints given on the command line)',
  };
}

/** The preset a provider name and its settings stand for (`undefined`: an issuer to discover). */
function presetOf(name: Exclude<ProviderName, 'trakt'>, values: Record<string, string | undefined>): Rfc8628Preset | undefined {
  switch (name) {
    case 'github':
      return providers.github();
    case 'google':
      return providers.google();
    case 'microsoft':
      return providers.microsoft({ tenant: values.tenant ?? 'common' });
    case 'gitlab':
      return providers.gitlab(values.baseUrl === undefined ? {} : { baseUrl: values.baseUrl });
    case 'rfc8628':
      if (values.issuer !== undefined) return undefined;
      return endpointsPreset(values.deviceAuthorizationEndpoint!, values.tokenEndpoint!, values.revocationEndpoint);
  }
}

/** Builds and checks the provider (no request): what the preset requires, the client authentication. */
function otherProvider(name: Exclude<ProviderName, 'trakt'>, values: Record<string, string | undefined>, client: OtherProvider['client']): OtherProvider {
  const preset = asUsage(() => presetOf(name, values));
  if (preset === undefined) {
    // An issuer: checked as far as it can be without its metadata.
    asUsage(() => createRfc8628Dialect({ ...client, deviceAuthorizationEndpoint: values.issuer!, tokenEndpoint: values.issuer! }));
  } else {
    asUsage(() => createProviderDialect(preset, client));
  }
  const settings = Object.fromEntries(
    Object.entries({ tenant: values.tenant, baseUrl: values.baseUrl, scope: client.scope }).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  return { name, label: preset?.name ?? hostOf(values.issuer!), preset, issuer: values.issuer, client, settings };
}

function clientOf(label: string, flags: SettingsFlags, scope: string | undefined, clientId: string | undefined): OtherProvider['client'] {
  if (!clientId) throw new UsageError(`Missing a client id (--client-id): your app's client id at ${label}.`);
  const userAgent = flags['user-agent'] ?? CLI_USER_AGENT;
  checkHeaderValue('--user-agent', userAgent);
  return {
    clientId,
    userAgent,
    ...(flags['client-secret'] === undefined ? {} : { clientSecret: flags['client-secret'] }),
    ...(scope === undefined ? {} : { scope }),
  };
}

/**
 * The provider `login` signs in to, from `--provider` and its flags (Trakt when absent).
 * @throws UsageError for an unknown provider, a flag another provider takes, a missing or doubled
 *   way to name an RFC 8628 server, a missing client id, or a secret or scope the provider requires.
 */
export function loginProvider(flags: ProviderFlagValues & { 'base-url'?: string | boolean | undefined }, settings: SettingsFlags, env: Record<string, string | undefined>): CliProvider {
  const name = (text(flags.provider) ?? 'trakt') as ProviderName;
  if (!PROVIDER_NAMES.includes(name)) {
    throw new UsageError(`--provider must be one of ${PROVIDER_NAMES.join(', ')} (got "${String(flags.provider)}").`);
  }
  for (const [flag, takers] of Object.entries(FLAGS_OF)) {
    if (text(flags[flag as keyof typeof flags]) !== undefined && !takers.includes(name)) {
      throw new UsageError(`--${flag} does not apply to --provider ${name} (it goes with --provider ${takers.join(' or ')}).`);
    }
  }
  if (name === 'trakt') return { name, label: 'Trakt', settings: traktSettings(settings, env) };
  const values = {
    issuer: text(flags.issuer),
    deviceAuthorizationEndpoint: text(flags['device-authorization-endpoint']),
    tokenEndpoint: text(flags['token-endpoint']),
    revocationEndpoint: text(flags['revocation-endpoint']),
    tenant: text(flags.tenant),
    baseUrl: text(flags['base-url']),
  };
  if (name === 'rfc8628') {
    const endpoints = values.deviceAuthorizationEndpoint !== undefined || values.tokenEndpoint !== undefined || values.revocationEndpoint !== undefined;
    if (values.issuer !== undefined && endpoints) {
      throw new UsageError('Give either --issuer (to discover the endpoints) or the endpoints, not both.');
    }
    if (values.issuer === undefined && (values.deviceAuthorizationEndpoint === undefined || values.tokenEndpoint === undefined)) {
      throw new UsageError('--provider rfc8628 needs --issuer URL, or both --device-authorization-endpoint URL and --token-endpoint URL.');
    }
  }
  const label = name === 'rfc8628' ? hostOf(values.issuer ?? values.tokenEndpoint!) : name;
  return otherProvider(name, values, clientOf(label, settings, text(flags.scope), settings['client-id']));
}

/**
 * The token file's record of `provider` (never a secret); `null` (write none) for Trakt, whose
 * files stay exactly as they always were (a file without a record is a Trakt file).
 */
export function providerRecord(provider: CliProvider): TokenFileProvider | null {
  if (provider.name === 'trakt') return null;
  const { preset } = provider;
  return {
    name: provider.name,
    clientId: provider.client.clientId,
    ...(provider.issuer === undefined ? {} : { issuer: provider.issuer }),
    ...(provider.name === 'rfc8628' && preset
      ? {
          deviceAuthorizationEndpoint: preset.deviceAuthorizationEndpoint,
          tokenEndpoint: preset.tokenEndpoint,
          ...(preset.revocationEndpoint === undefined ? {} : { revocationEndpoint: preset.revocationEndpoint }),
        }
      : {}),
    ...provider.settings,
  };
}

/**
 * The provider a token file belongs to, for `status`, `refresh` and `logout`: its record (none:
 * Trakt), with the client id and secret flags (and for Trakt, the environment) on top. Returns
 * `undefined` when the credentials are missing and `requireCredentials` is false.
 * @throws UsageError when credentials are required and missing, or the record is not one login writes.
 */
export function recordedProvider(
  record: TokenFileProvider | undefined,
  flags: SettingsFlags,
  env: Record<string, string | undefined>,
  requireCredentials: boolean,
): CliProvider | undefined {
  const name = (record?.name ?? 'trakt') as ProviderName;
  if (!PROVIDER_NAMES.includes(name)) throw new UsageError(`The token file names an unknown provider "${name}"; sign in again with device-auth login.`);
  if (name === 'trakt') {
    const withBase = flags['base-url'] !== undefined || env.TRAKT_BASE_URL !== undefined || record?.baseUrl === undefined ? flags : { ...flags, 'base-url': record.baseUrl };
    const hasCredentials = Boolean((flags['client-id'] ?? env.TRAKT_CLIENT_ID) && (flags['client-secret'] ?? env.TRAKT_CLIENT_SECRET));
    return requireCredentials || hasCredentials ? { name, label: 'Trakt', settings: traktSettings(withBase, env) } : undefined;
  }
  const values = {
    issuer: record?.issuer,
    deviceAuthorizationEndpoint: record?.deviceAuthorizationEndpoint,
    tokenEndpoint: record?.tokenEndpoint,
    revocationEndpoint: record?.revocationEndpoint,
    tenant: record?.tenant,
    baseUrl: record?.baseUrl,
  };
  const scope = record?.scope;
  if (name === 'rfc8628' && (values.deviceAuthorizationEndpoint === undefined || values.tokenEndpoint === undefined)) {
    throw new UsageError('The token file names no endpoints for its RFC 8628 provider; sign in again with device-auth login.');
  }
  const clientId = flags['client-id'] ?? record?.clientId;
  try {
    const provider = otherProvider(name, { ...values, issuer: undefined }, clientOf(name, flags, scope, clientId));
    return { ...provider, issuer: values.issuer };
  } catch (error) {
    if (requireCredentials || !(error instanceof UsageError)) throw error;
    return undefined;
  }
}
