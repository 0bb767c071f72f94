/**
 * The one sentence a view shows for each phase: short English that says what to do next. A
 * message never carries a secret: the device code and tokens the actor held are scrubbed from
 * it, in case a service put one into an error message.
 */
import type { FlowNote, FlowReading } from './flow-reading.js';
import type { SignInRetry } from './sign-in-view.types.js';

/** What replaces a secret found in a message (the same marker as `redact()`). */
export const SCRUBBED = '[redacted]';

const IDLE: Record<Exclude<FlowNote, null>, string> & { ready: string } = {
  ready: 'Not signed in. Sign in to get a code.',
  loading: 'Checking for a saved sign-in…',
  signedOut: 'Signed out. Sign in again to get a code.',
  sessionEnded: 'Your session ended. Sign in again to get a code.',
  signingOut: 'Signing out…',
  stopped: 'Not signed in.',
};

const ENDINGS = {
  signedIn: 'You are signed in.',
  denied: 'You declined the sign-in.',
  expired: 'The code expired. Try again for a new one.',
  alreadyUsed: 'This code was already used. Try again for a new one.',
  invalidCode: 'The server does not know this code. Try again for a new one.',
  cancelled: 'Sign-in cancelled. Try again for a new code.',
} as const;

function retryMessage(retry: SignInRetry | null): string {
  const problem = retry?.reason === 'HTTP_STATUS' ? 'The server had a problem' : 'Connection problem';
  const delay = retry?.delaySeconds ?? 0;
  return delay > 0 ? `${problem}, retrying in ${delay} s` : `${problem}, retrying now`;
}

/** The message of a reading, before scrubbing. */
function rawMessage(reading: FlowReading): string {
  const { phase, code, note } = reading;
  switch (phase) {
    case 'idle':
      return IDLE[note ?? 'ready'];
    case 'requesting':
      return 'Getting a sign-in code…';
    case 'showingCode':
      return code === null ? 'Getting a sign-in code…' : `Go to ${code.verificationUrl} and enter ${code.userCode}`;
    case 'slowedDown':
      return `The server asked us to slow down: checking every ${code?.pollIntervalSeconds ?? '?'} s`;
    case 'retrying':
      return retryMessage(reading.retry);
    case 'failed':
      return reading.error?.message || 'The sign-in failed. Try again.';
    case 'cancelled':
      return note === 'stopped' ? 'The sign-in stopped.' : ENDINGS.cancelled;
    default:
      return ENDINGS[phase];
  }
}

/** `text` with every non-empty secret replaced by {@link SCRUBBED}. */
export function scrub(text: string, secrets: Iterable<string>): string {
  let clean = text;
  for (const secret of secrets) if (secret.length > 0) clean = clean.split(secret).join(SCRUBBED);
  return clean;
}

/** The message to show for a reading, with `secrets` (every one the view has seen) scrubbed. */
export function messageOf(reading: FlowReading, secrets: Iterable<string>): string {
  return scrub(rawMessage(reading), secrets);
}
