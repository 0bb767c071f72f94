/** What every client under bench/clients implements, and the jobs the harness runs it on. */
import type { MockMode } from '../mock/protocol.js';

/** The `fetch` a client is given (the runtime's, or the in-memory mock's). */
export type BenchFetch = typeof fetch;

/** A server a client signs in against. */
export interface Target {
  readonly mode: MockMode;
  /** Base URL (no trailing slash). */
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The fetch to send requests with. */
  readonly fetch: BenchFetch;
}

/** One sign-in: resolves once the token arrived; tells `onUserCode` the code as soon as it is known. */
export type SignIn = (onUserCode: (userCode: string) => void) => Promise<void>;

/**
 * A client: set up once per target (outside the measured window), then one {@link SignIn} per person.
 *
 * A callback a sign-in hands to its library is made by a function ({@link userCodeCallback}), not
 * written inline as a named property (`onCodes: (codes) => …`): tsx, which runs the clients, keeps
 * function names by defining a `name` property on each such closure, a property store of about
 * 0.25 KiB per waiting sign-in that an app compiled without name-keeping does not pay.
 */
export interface BenchClient {
  /** Short name, as in the tables. */
  readonly name: string;
  /** Modes the client can speak. */
  readonly modes: readonly MockMode[];
  /** Whatever a real app would build once (a provided machine, a configuration), then the per-sign-in function. */
  setUp(target: Target): SignIn | Promise<SignIn>;
}

/** Concurrent sign-ins against the mock process's servers. */
export interface SignInJob {
  readonly kind: 'sign-ins';
  readonly target: Omit<Target, 'fetch'>;
  /** A second server with a tiny interval, for warming the JIT before the measured window. */
  readonly warmTarget: Omit<Target, 'fetch'>;
  readonly signIns: number;
  readonly warmUpSignIns: number;
  /** The sign-ins start spread evenly over this many ms. */
  readonly rampMs: number;
}

/** Sign-ins left waiting for the person on an in-memory mock, to read the heap they take. */
export interface WaitingJob {
  readonly kind: 'waiting';
  readonly mode: MockMode;
  readonly signIns: number;
}

/** A job the harness runs. */
export type ClientJob = SignInJob | WaitingJob;

/** The one JSON line a sign-in job prints. */
export interface SignInResult {
  readonly kind: 'sign-ins';
  readonly signIns: number;
  readonly failures: number;
  readonly firstFailure: string | null;
  /** CPU of the measured window, µs (user + system). */
  readonly cpuMicros: number;
  /** Idle CPU over the same wall time, µs (subtracted from `cpuMicros` for the per-sign-in figure). */
  readonly idleMicros: number;
  readonly wallMs: number;
  /** Peak resident set size of the process, KiB. */
  readonly maxRssKib: number;
  /** [user code, when the token arrived (ms since the epoch)] per sign-in. */
  readonly tokens: ReadonlyArray<readonly [string, number]>;
}

/** The one JSON line a waiting job prints. */
export interface WaitingResult {
  readonly kind: 'waiting';
  readonly signIns: number;
  /** Heap the mock's own records of `signIns` codes take (measured on a fresh mock with bare requests), bytes. */
  readonly mockBytes: number;
  /** Heap growth with every sign-in waiting, mock records included, bytes. */
  readonly totalBytes: number;
  /** (totalBytes − mockBytes) / signIns. */
  readonly bytesPerSignIn: number;
  /** Resident set size with everyone waiting, KiB. */
  readonly rssKib: number;
  readonly setUpMs: number;
}

/** A callback that tells `onUserCode` the code it finds in its argument with `pick` (see {@link BenchClient} for why). */
export function userCodeCallback<T>(onUserCode: (userCode: string) => void, pick: (value: T) => string): (value: T) => void {
  return (value) => onUserCode(pick(value));
}
