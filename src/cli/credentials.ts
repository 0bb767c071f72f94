/**
 * Where the CLI's Trakt settings come from: flags first, then `TRAKT_CLIENT_ID`,
 * `TRAKT_CLIENT_SECRET` and `TRAKT_BASE_URL`. A missing credential is a usage error that says
 * what to set.
 */
import { TRAKT_API_URL } from '../services/trakt-dialect.js';
import { LIBRARY_VERSION } from '../version.js';
import { UsageError } from './usage-error.js';

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
export function traktSettings(
  flags: { 'client-id'?: string | undefined; 'client-secret'?: string | undefined; 'base-url'?: string | undefined; 'user-agent'?: string | undefined },
  env: Record<string, string | undefined>,
): TraktSettings {
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
  return {
    clientId: clientId!,
    clientSecret: clientSecret!,
    baseUrl: flags['base-url'] ?? env.TRAKT_BASE_URL ?? TRAKT_API_URL,
    userAgent: flags['user-agent'] ?? CLI_USER_AGENT,
  };
}
