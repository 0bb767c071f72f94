/**
 * `device-auth refresh`: refreshes the saved token now through the session machine (one refresh,
 * the new pair saved before anything else sees it). Exit 0 refreshed, 1 not signed in or failed.
 */
import type { FetchLike, SessionEmitted } from '../../index.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { withRecording, type CliRecording } from '../record-file.js';
import { safeText } from '../views/safe-text.js';
import { providerSession, tokenCommandConfig } from './token-command.js';

/** A possible result; when one step emits several, the highest rank is reported. */
type Outcome = { code: ExitCode; json: object; text: string; rank: number };

/** Runs `refresh` (`--record FILE` writes a trace of the session; see `record-file.ts`). */
export function runRefresh(args: string[], io: CliIo): Promise<ExitCode | 'help'> {
  return withRecording('refresh', args, io, refresh);
}

async function refresh(args: string[], io: CliIo, recording: CliRecording | undefined): Promise<ExitCode | 'help'> {
  const config = await tokenCommandConfig('refresh', args, io, true);
  if (config === 'help') return 'help';
  const provider = config.provider!;
  const session = providerSession(provider, config.store, recording?.wrapFetch<FetchLike>());
  recording?.attach(session.actor);
  try {
    // `refreshed` and a failed save are emitted in the same step: decide once the step is over.
    const outcome = new Promise<Outcome>((resolve) => {
      const seen: Outcome[] = [];
      session.actor.on('*', (event: SessionEmitted) => {
        const ended = outcomeOf(event, provider.label);
        if (!ended) return;
        if (seen.push(ended) === 1) queueMicrotask(() => resolve(seen.reduce((worst, next) => (next.rank > worst.rank ? next : worst))));
      });
    });
    await session.ready();
    if (!session.actor.getSnapshot().matches('signedIn') && !session.actor.getSnapshot().matches('refreshing')) {
      config.report({ type: 'failed', reason: 'notSignedIn' }, `Not signed in (no usable token in ${config.tokenFile}). Run: device-auth login`, 'stderr');
      return EXIT.failed;
    }
    const { token } = session.actor.getSnapshot().context;
    if (token && token.refreshToken === undefined) {
      config.report(
        { type: 'failed', reason: 'noRefreshToken' },
        `The saved token has no refresh token, so it cannot be refreshed; sign in again with device-auth login when it expires (${new Date(token.expiresAt).toISOString()}).`,
        'stderr',
      );
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

function outcomeOf(event: SessionEmitted, label: string): Outcome | undefined {
  switch (event.type) {
    case 'refreshed':
      return {
        code: EXIT.ok,
        rank: 0,
        json: { type: 'refreshed', via: event.via, scope: event.token.scope, createdAt: event.token.createdAt, expiresAt: event.token.expiresAt },
        text: `Refreshed. The new token expires ${new Date(event.token.expiresAt).toISOString()}.`,
      };
    case 'refreshRetry':
      return {
        code: EXIT.failed,
        rank: 1,
        json: { type: 'failed', reason: event.reason, message: event.message },
        text:
          event.reason === 'CONFIGURATION'
            ? `Could not refresh: ${safeText(event.message)} The saved token is unchanged.`
            : `Could not refresh: ${safeText(event.message)} The saved token is unchanged; try again later.`,
      };
    case 'sessionEnded':
      return {
        code: EXIT.failed,
        rank: 2,
        json: { type: 'sessionEnded', reason: event.reason, ...(event.error ? { error: event.error.toJSON() } : {}) },
        text:
          event.reason === 'invalidGrant'
            ? `${safeText(label)} refused the refresh token: sign in again with device-auth login.`
            : 'The token expired and cannot be refreshed (no refresh token): sign in again with device-auth login.',
      };
    case 'storeFailed':
      return event.operation === 'save'
        ? {
            code: EXIT.failed,
            rank: 3,
            json: { type: 'storeFailed', operation: event.operation, error: event.error.toJSON() },
            text:
              `Refreshed, but the new token could not be saved: ${safeText(event.error.message)} ` +
              (label === 'Trakt'
                ? 'The old refresh token no longer works (Trakt rotates them)'
                : 'The old refresh token may no longer work (providers may rotate them)') +
              ': fix the problem, then sign in again with device-auth login.',
          }
        : undefined;
    default:
      return undefined;
  }
}
