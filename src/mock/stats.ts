/**
 * Counters of what a mock has served, for benchmarks and tests that need totals rather than the
 * (bounded) request log: codes issued, token polls and how many of them came early, tokens.
 * Kept as plain numbers bumped in O(1), whatever the log limit.
 */

/** What {@link MockStatsCounter.snapshot} (and `server.stats()`) reports. All counts start at 0. */
export interface MockStats {
  /** Device codes issued (device code / device authorization requests answered 200). */
  readonly codesIssued: number;
  /**
   * Token polls answered by the device store, whatever the answer (pending, too fast, unknown
   * code, ...). Polls that got an injected fault other than `slow` never reach it and are not counted.
   */
  readonly devicePolls: number;
  /**
   * Token polls that arrived sooner than their code's current interval after the previous poll of
   * the same code (strictly: no slack; measured with the mock's `now`). Each is also marked
   * `early: true` with its `gapMs` in the request log.
   */
  readonly earlyPolls: number;
  /** Token polls answered as too fast (Trakt 429, RFC 8628 `slow_down`): early by more than the slack. */
  readonly tooFastPolls: number;
  /** Token pairs issued after an approved device code (not by refresh or `issueToken()`). */
  readonly tokensIssued: number;
  /** Successful refreshes. */
  readonly refreshes: number;
  /** Revocations that killed a live pair. */
  readonly revocations: number;
}

type Counts = { -readonly [K in keyof MockStats]: number };

function zero(): Counts {
  return { codesIssued: 0, devicePolls: 0, earlyPolls: 0, tooFastPolls: 0, tokensIssued: 0, refreshes: 0, revocations: 0 };
}

/** The mutable counters behind {@link MockStats}. */
export class MockStatsCounter {
  #counts: Counts = zero();

  /** Adds one to a counter. */
  bump(name: keyof MockStats): void {
    this.#counts[name] += 1;
  }

  /** A copy of the counts now. */
  snapshot(): MockStats {
    return { ...this.#counts };
  }

  /** Sets every counter back to 0. */
  reset(): void {
    this.#counts = zero();
  }
}
