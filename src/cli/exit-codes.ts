/** Exit codes of the `device-auth` command line, one per way a sign-in can end. */
export const EXIT = {
  /** Signed in (or the command did what it was asked). */
  ok: 0,
  /** The flow failed: network, blocked, bad answer, store error. */
  failed: 1,
  /** Bad flags or missing credentials. */
  usage: 2,
  /** The person declined. */
  denied: 3,
  /** The code expired before approval. */
  expired: 4,
  /** The code was already used. */
  alreadyUsed: 5,
  /** The server does not know the device code. */
  invalidCode: 6,
  /** Interrupted with Ctrl-C: the flow was cancelled and nothing was written. */
  interrupted: 130,
} as const;

/** One of the exit codes in {@link EXIT}. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit code for the state a device flow ended in. */
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
