/** Exit codes of the `device-auth` command line, one per way a sign-in can end. */
import type { InterruptSignal } from './signals.js';

/** The exit codes; a signal that ends a command gives the shell's 128 + the signal's number. */
export const EXIT = {
  /** Signed in (or the command did what it was asked). */
  ok: 0,
  /** The flow failed: network, blocked, bad answer, store error. */
  failed: 1,
  /** Bad flags (a malformed number, a token file that cannot be one, a header value with control characters) or missing credentials. */
  usage: 2,
  /** The person declined. */
  denied: 3,
  /** The code expired before approval. */
  expired: 4,
  /** The code was already used. */
  alreadyUsed: 5,
  /** The server does not know the device code. */
  invalidCode: 6,
  /** Hung up (SIGHUP, 128 + 1: the terminal closed): the flow was cancelled and nothing was written. */
  hangup: 129,
  /** Interrupted with Ctrl-C (SIGINT, 128 + 2): the flow was cancelled and nothing was written. */
  interrupted: 130,
  /** Terminated (SIGTERM, 128 + 15): the flow was cancelled and nothing was written. */
  terminated: 143,
} as const;

/** One of the exit codes in {@link EXIT}. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit code for a command ended by `signal` (Ctrl-C when none is known). */
export function exitCodeForSignal(signal: InterruptSignal = 'SIGINT'): ExitCode {
  switch (signal) {
    case 'SIGHUP':
      return EXIT.hangup;
    case 'SIGTERM':
      return EXIT.terminated;
    default:
      return EXIT.interrupted;
  }
}

/** The exit code for the state a device flow ended in (`cancelled` counts as Ctrl-C; see {@link exitCodeForSignal}). */
export function exitCodeForState(state: string): ExitCode {
  switch (state) {
    case 'authorized':
      return EXIT.ok;
    case 'denied':
      return EXIT.denied;
    case 'expired':
      return EXIT.expired;
    case 'alreadyUsed':
      return EXIT.alreadyUsed;
    case 'invalidCode':
      return EXIT.invalidCode;
    case 'cancelled':
      return EXIT.interrupted;
    default:
      return EXIT.failed;
  }
}
