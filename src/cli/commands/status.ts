/**
 * `device-auth status`: who is signed in, the scope, when the token expires and when a session
 * would refresh it. Reads the token file; asks Trakt for the account name when credentials are
 * set. Exit 0 when a usable token is saved, 1 otherwise.
 */
import { refreshDueAt } from '../../index.js';
import { isDeviceAuthError } from '../../index.js';
import { fetchTraktAccount } from '../../index.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { safeText } from '../views/safe-text.js';
import { tokenCommandConfig } from './token-command.js';

/** Runs `status`. `now` is injectable for tests. */
export async function runStatus(args: string[], io: CliIo, now: () => number = Date.now): Promise<ExitCode | 'help'> {
  const config = await tokenCommandConfig('status', args, io, false);
  if (config === 'help') return 'help';
  const token = await config.store.get();
  if (!token) {
    config.report({ type: 'status', signedIn: false, tokenFile: config.tokenFile }, `Not signed in (no token in ${config.tokenFile}). Run: device-auth login`);
    return EXIT.failed;
  }
  const expired = now() >= token.expiresAt;
  const refreshAt = refreshDueAt(token);
  let username: string | undefined;
  let accountError: string | undefined;
  let rejected = false;
  const provider = config.provider;
  if (provider?.name === 'trakt' && !expired) {
    try {
      username = (await fetchTraktAccount(provider.settings, token.accessToken)).username;
    } catch (error) {
      accountError = error instanceof Error ? error.message : String(error);
      // Trakt answered 401: the token was revoked or replaced elsewhere; it is not usable.
      rejected = isDeviceAuthError(error, 'INVALID_GRANT');
    }
  }
  const signedIn = !expired && !rejected;
  const when = (ms: number) => new Date(ms).toISOString();
  const headline = expired
    ? `The saved token expired at ${when(token.expiresAt)}.`
    : rejected
      ? 'Not signed in: Trakt no longer accepts the saved token (revoked, or replaced by a refresh elsewhere). Run: device-auth refresh, or device-auth login'
      : `Signed in${username ? ` as ${safeText(username)}` : ''}.`;
  const lines = [
    headline,
    ...(accountError && !rejected ? [`  Account: unknown (${safeText(accountError)})`] : []),
    ...(!provider && config.providerName === 'trakt' ? ['  Account: set TRAKT_CLIENT_ID and TRAKT_CLIENT_SECRET to look it up'] : []),
    ...(config.providerName !== 'trakt' ? [`  Provider: ${safeText(provider?.label ?? config.providerName)} (--provider ${safeText(config.providerName)})`] : []),
    `  Scope: ${token.scope || '(none)'}`,
    `  Expires: ${when(token.expiresAt)}`,
    refreshAt === undefined ? '  Refresh: not possible (no refresh token); sign in again when it expires' : `  Refresh due: ${when(refreshAt)}`,
    `  Token file: ${config.tokenFile}`,
  ];
  config.report(
    {
      type: 'status',
      signedIn,
      expired,
      ...(rejected ? { rejected: true } : {}),
      ...(username ? { username } : {}),
      ...(accountError ? { accountError } : {}),
      scope: token.scope,
      createdAt: token.createdAt,
      expiresAt: token.expiresAt,
      ...(refreshAt === undefined ? {} : { refreshAt }),
      tokenFile: config.tokenFile,
    },
    lines.join('\n'),
  );
  return signedIn ? EXIT.ok : EXIT.failed;
}
