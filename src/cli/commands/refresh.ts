/**
 * `device-auth refresh`: refreshes the saved token now through the session machine (one refresh,
 * the new pair saved before anything else sees it). Exit 0 refreshed, 1 not signed in or failed.
 */
import type { SessionEmitted } from '../../machines/session.types.js';
import { createSession } from '../../services/session-client.js';
import { createTraktSessionServices } from '../../services/session-services.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { tokenCommandConfig } from './token-command.js';

type Outcome = { code: ExitCode; json: object; text: string };

/** Runs `refresh`. */
export async function runRefresh(args: string[], io: CliIo): Promise<ExitCode | 'help'> {
  const config = tokenCommandConfig('refresh', args, io, true);
  if (config === 'help') return 'help';
  const session = createSession({ services: createTraktSessionServices({ ...config.settings!, store: config.store }) });
  try {
    const outcome = new Promise<Outcome>((resolve) => {
      session.actor.on('*', (event: SessionEmitted) => {
        const ended = outcomeOf(event);
        if (ended) resolve(ended);
      });
    });
    await session.ready();
    if (!session.actor.getSnapshot().matches('signedIn') && !session.actor.getSnapshot().matches('refreshing')) {
      config.report({ type: 'failed', reason: 'notSignedIn' }, `Not signed in (no usable token in ${config.tokenFile}). Run: device-auth login`, 'stderr');
      return EXIT.failed;
    }
    session.actor.send({ type: 'refresh' });
    const { code, json, text } = await outcome;
    config.report(json, text, code === EXIT.ok ? 'stdout' : 'stderr');
    return code;
  } finally {
    session.stop();
  }
}

function outcomeOf(event: SessionEmitted): Outcome | undefined {
  switch (event.type) {
    case 'refreshed':
      return {
        code: EXIT.ok,
        json: { type: 'refreshed', via: event.via, scope: event.token.scope, createdAt: event.token.createdAt, expiresAt: event.token.expiresAt },
        text: `Refreshed. The new token expires ${new Date(event.token.expiresAt).toISOString()}.`,
      };
    case 'refreshRetry':
      return {
        code: EXIT.failed,
        json: { type: 'failed', reason: event.reason, message: event.message },
        text: `Could not refresh: ${event.message} The saved token is unchanged; try again later.`,
      };
    case 'sessionEnded':
      return {
        code: EXIT.failed,
        json: { type: 'sessionEnded', reason: event.reason, ...(event.error ? { error: event.error.toJSON() } : {}) },
        text: 'Trakt refused the refresh token: sign in again with device-auth login.',
      };
    case 'storeFailed':
      return event.operation === 'save'
        ? {
            code: EXIT.failed,
            json: { type: 'storeFailed', operation: event.operation, error: event.error.toJSON() },
            text: `Refreshed, but the new token could not be saved: ${event.error.message} Sign in again with device-auth login.`,
          }
        : undefined;
    default:
      return undefined;
  }
}
