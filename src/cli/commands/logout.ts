/**
 * `device-auth logout`: revokes the saved token on Trakt and deletes it, even when revoking
 * fails (and says so). Exit 0 once the token file is gone, 1 when it could not be deleted.
 */
import type { FetchLike } from '../../index.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { withRecording, type CliRecording } from '../record-file.js';
import { toDeviceAuthError } from '../../index.js';
import { safeText } from '../views/safe-text.js';
import { providerSession, tokenCommandConfig, type TokenCommandConfig } from './token-command.js';

/** Runs `logout` (`--record FILE` writes a trace of the session; see `record-file.ts`). */
export function runLogout(args: string[], io: CliIo): Promise<ExitCode | 'help'> {
  return withRecording('logout', args, io, logout);
}

async function logout(args: string[], io: CliIo, recording: CliRecording | undefined): Promise<ExitCode | 'help'> {
  const config = await tokenCommandConfig('logout', args, io, false);
  if (config === 'help') return 'help';
  const provider = config.provider;
  if (!provider) return forgetLocally(config);
  const session = providerSession(provider, config.store, recording?.wrapFetch<FetchLike>());
  const label = safeText(provider.label);
  /** True when the provider has no revocation endpoint: nothing is sent, and the person is told so. */
  const cannotRevoke = provider.name !== 'trakt' && provider.preset?.revocationEndpoint === undefined;
  recording?.attach(session.actor);
  try {
    await session.ready();
    const result = await session.signOut();
    if (!result) {
      config.report({ type: 'signedOut', wasSignedIn: false }, 'Not signed in; nothing to do.');
      return EXIT.ok;
    }
    const json = {
      type: 'signedOut',
      wasSignedIn: true,
      revoked: result.revoked,
      cleared: result.cleared,
      ...(result.error ? { error: result.error.toJSON() } : {}),
      ...(result.storeError ? { storeError: result.storeError.toJSON() } : {}),
    };
    if (!result.cleared) {
      config.report(json, `Could not delete ${config.tokenFile}: ${safeText(result.storeError?.message ?? 'unknown error')}`, 'stderr');
      return EXIT.failed;
    }
    const revoke = result.revoked
      ? `The token was revoked on ${label}.`
      : cannotRevoke
        ? `${label} has no revocation endpoint, so the token was not revoked there: it stays valid until it expires. It was deleted here.`
        : `Revoking on ${label} failed (${safeText(result.error?.message ?? 'unknown error')}); the token was deleted here anyway, but ${label} may accept it until it expires.`;
    config.report(json, `Signed out. ${revoke}`);
    return EXIT.ok;
  } finally {
    session.stop();
  }
}

/** Without credentials the token cannot be revoked on Trakt: delete it here and say so. */
async function forgetLocally(config: TokenCommandConfig): Promise<ExitCode> {
  const token = await config.store.get();
  if (!token) {
    config.report({ type: 'signedOut', wasSignedIn: false }, 'Not signed in; nothing to do.');
    return EXIT.ok;
  }
  try {
    await config.store.delete();
  } catch (error) {
    const storeError = toDeviceAuthError(error, 'STORE');
    config.report({ type: 'signedOut', wasSignedIn: true, revoked: false, cleared: false, storeError: storeError.toJSON() }, `Could not delete ${config.tokenFile}: ${safeText(storeError.message)}`, 'stderr');
    return EXIT.failed;
  }
  config.report(
    { type: 'signedOut', wasSignedIn: true, revoked: false, cleared: true, reason: 'noCredentials' },
    config.providerName === 'trakt'
      ? 'Signed out here. The token was not revoked on Trakt (set TRAKT_CLIENT_ID and TRAKT_CLIENT_SECRET to revoke it); it stays valid there until it expires.'
      : `Signed out here. The token was not revoked (give the app's credentials, --client-id and --client-secret, to revoke it); it stays valid there until it expires.`,
  );
  return EXIT.ok;
}
