/**
 * Where the CLI's Trakt settings come from: flags first, then `TRAKT_CLIENT_ID`,
 * `TRAKT_CLIENT_SECRET` and `TRAKT_BASE_URL`. A missing credential, or a client id or User-Agent
 * that cannot be sent as a header value, is a usage error that says what to fix.
 */
import { TRAKT_API_URL } from '../index.js';
import { LIBRARY_VERSION } from '../index.js';
import { checkHeaderValue } from './header-value.js';
import { text } from './parse.js';
import { UsageError } from './usage-error.js';

/** The flags every command that talks to Trakt or touches the token file takes. */
export const CONNECTION_OPTIONS = {
  'base-url': { type: 'string' },
  'client-id': { type: 'string' },
  'client-secret': { type: 'string' },
  'token-file': { type: 'string' },
  'user-agent': { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** Parsed values of {@link CONNECTION_OPTIONS} (as `parseFlags` returns them). */
type ConnectionFlagValues = Partial<Record<keyof typeof CONNECTION_OPTIONS, string | boolean | undefined>>;

/** The settings flags of {@link CONNECTION_OPTIONS}, as strings. */
export function settingsFlags(flags: ConnectionFlagValues): SettingsFlags {
  return {
    'client-id': text(flags['client-id']),
    'client-secret': text(flags['client-secret']),
    'base-url': text(flags['base-url']),
    'user-agent': text(flags['user-agent']),
  };
}

/** True when both credentials are given by flag or environment. */
export function hasCredentials(flags: SettingsFlags, env: Record<string, string | undefined>): boolean {
  return Boolean((flags['client-id'] ?? env.TRAKT_CLIENT_ID) && (flags['client-secret'] ?? env.TRAKT_CLIENT_SECRET));
}

/** Settings given as flags. */
export interface SettingsFlags {
  'client-id'?: string | undefined;
  'client-secret'?: string | undefined;
  'base-url'?: string | undefined;
  'user-agent'?: string | undefined;
}

/** The CLI's default User-Agent. */
export const CLI_USER_AGENT = `device-auth-cli/${LIBRARY_VERSION}`;

/** Resolved connection settings for Trakt. */
export interface TraktSettings {
  clientId: string;
  clientSecret: string;
  baseUrl: string;
  userAgent: string;
}

/** Reads the settings from flags and environment. */
export function traktSettings(flags: SettingsFlags, env: Record<string, string | undefined>): TraktSettings {
  const clientId = flags['client-id'] ?? env.TRAKT_CLIENT_ID;
  const clientSecret = flags['client-secret'] ?? env.TRAKT_CLIENT_SECRET;
  const missing = [
    ...(clientId ? [] : [{ what: 'a client id', flag: '--client-id', variable: 'TRAKT_CLIENT_ID' }]),
    ...(clientSecret ? [] : [{ what: 'a client secret', flag: '--client-secret', variable: 'TRAKT_CLIENT_SECRET' }]),
  ];
  if (missing.length > 0) {
    throw new UsageError(
      `Missing ${missing.map((m) => `${m.what} (${m.flag} or ${m.variable})`).join(' and ')}. ` +
        `Find ${missing.length > 1 ? 'them' : 'it'} in your app at https://trakt.tv/oauth/applications, then e.g. ` +
        `export ${missing.map((m) => `${m.variable}=…`).join(' ')}`,
    );
  }
  const userAgent = flags['user-agent'] ?? CLI_USER_AGENT;
  // Both travel as header values (`trakt-api-key`, `User-Agent`): a CR/LF there is a usage error, not a network error.
  checkHeaderValue(flags['client-id'] === undefined ? 'The client id (TRAKT_CLIENT_ID)' : 'The client id (--client-id)', clientId!);
  checkHeaderValue('--user-agent', userAgent);
  return {
    clientId: clientId!,
    clientSecret: clientSecret!,
    baseUrl: flags['base-url'] ?? env.TRAKT_BASE_URL ?? TRAKT_API_URL,
    userAgent,
  };
}
