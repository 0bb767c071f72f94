/** One clock for every bench process: wall time in ms since the epoch, with sub-millisecond resolution. */
import { performance } from 'node:perf_hooks';

/**
 * Milliseconds since the epoch from the monotonic clock (`performance.timeOrigin + performance.now()`),
 * so readings taken in the mock's process and in a client's process can be subtracted.
 */
export function wallNow(): number {
  return performance.timeOrigin + performance.now();
}

/** Resolves after `ms` on a real timer. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
