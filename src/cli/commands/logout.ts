/**
 * `device-auth logout`: revokes the saved token on Trakt and deletes it, even when revoking
 * fails (and says so). Exit 0 once the token file is gone, 1 when it could not be deleted.
 */
import { createSession } from '../../services/session-client.js';
import { createTraktSessionServices } from '../../services/session-services.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { tokenCommandConfig } from './token-command.js';

/** Runs `logout`. */
export async function runLogout(args: string[], io: CliIo): Promise<ExitCode | 'help'> {
  const config = tokenCommandConfig('logout', args, io, true);
  if (config === 'help') return 'help';
  const session = createSession({ services: createTraktSessionServices({ ...config.settings!, store: config.store }) });
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
      config.report(json, `Could not delete ${config.tokenFile}: ${result.storeError?.message ?? 'unknown error'}`, 'stderr');
      return EXIT.failed;
    }
    const revoke = result.revoked ? 'The token was revoked on Trakt.' : `Revoking on Trakt failed (${result.error?.message ?? 'unknown error'}); the token was deleted here anyway.`;
    config.report(json, `Signed out. ${revoke}`);
    return EXIT.ok;
  } finally {
    session.stop();
  }
}
