/**
 * How many runs each property gets, and the knobs to reproduce a failure.
 *
 * - In CI (`CI` set to anything but `false`/`0`, as `.ci/run` does) every property runs its full
 *   count; the counts add up to 1,000 runs across the four properties of test/property.
 * - Elsewhere a quarter of it, so `npx vitest run test/property` stays quick while editing.
 * - `FC_RUNS_SCALE=4` multiplies the counts (a long local soak); `FC_SEED=<n>` (and `FC_PATH`)
 *   replays the run fast-check printed when a property failed.
 */
import type { Parameters } from 'fast-check';

const ci = process.env.CI;
/** True when running in CI (`.ci/run` exports `CI=true`). */
export const IN_CI = ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';

const scale = Number(process.env.FC_RUNS_SCALE ?? '1');

/** The run count for a property: `ciRuns` in CI, a quarter (at least 10) elsewhere, times `FC_RUNS_SCALE`. */
export function numRuns(ciRuns: number): number {
  const base = IN_CI ? ciRuns : Math.max(10, Math.round(ciRuns / 4));
  return Math.max(1, Math.round(base * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}

/** fast-check parameters: the run count, plus `FC_SEED` / `FC_PATH` to replay a reported failure. */
export function propertyParameters<T>(ciRuns: number): Parameters<T> {
  const seed = process.env.FC_SEED;
  const path = process.env.FC_PATH;
  return {
    numRuns: numRuns(ciRuns),
    ...(seed === undefined || seed === '' ? {} : { seed: Number(seed) }),
    ...(path === undefined || path === '' ? {} : { path }),
  };
}
