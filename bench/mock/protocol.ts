/** The messages between `bench/run.ts` and the mock's own process (`mock-process.ts`), over Node's IPC channel. */

/** The two dialects the embedded mock speaks. */
export type MockMode = 'trakt' | 'rfc8628';

/** What a server is started with. */
export interface ServerSpec {
  readonly mode: MockMode;
  /** Seconds between polls. */
  readonly interval: number;
  /** Polls answered "pending" before the code is approved (the next poll gets the token). */
  readonly autoApproveAfterPolls: number;
}

/** Where a client finds a server. */
export interface ServerAddress {
  readonly id: number;
  readonly mode: MockMode;
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/** What a server saw since its last reset. */
export interface ServerStats {
  /** Every answered request. */
  readonly requests: number;
  /** Token polls (answered by the device store). */
  readonly polls: number;
  /**
   * Polls that arrived less than one interval after the code was issued or after the previous
   * poll of the same code, timed by this process at arrival.
   */
  readonly earlyPolls: number;
  /** The smallest gap seen between a code's consecutive requests (code issued → poll, poll → poll), in ms. */
  readonly minGapMs: number | null;
  /** The mock's own early-poll counter, when the mock has one (RFC 8628 mode); `null` otherwise. */
  readonly mockEarlyPolls: number | null;
  /** Answers by status code. */
  readonly statuses: Readonly<Record<string, number>>;
  /** user code → when the poll that was approved arrived (ms since the epoch). */
  readonly approvedAt: Readonly<Record<string, number>>;
}

/** A request from the parent. */
export type MockRequest =
  | { readonly seq: number; readonly type: 'start'; readonly spec: ServerSpec }
  | { readonly seq: number; readonly type: 'reset'; readonly id: number }
  | { readonly seq: number; readonly type: 'stats'; readonly id: number }
  | { readonly seq: number; readonly type: 'cpu' };

/** The answer to a {@link MockRequest} with the same `seq`. */
export type MockAnswer =
  | { readonly seq: number; readonly ok: true; readonly value: unknown }
  | { readonly seq: number; readonly ok: false; readonly error: string };
