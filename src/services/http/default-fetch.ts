/**
 * Picks the `fetch` to use: the caller's, else `globalThis.fetch`, else `cross-fetch` (loaded
 * only when needed, for runtimes without a global fetch).
 */
import type { FetchLike } from './http.js';

/**
 * The fallback's module name, in a variable so that bundlers leave it out: browsers, workers, Bun,
 * Deno and Node ≥ 18 all have a global `fetch`, and the fallback would add about 4 KB gzipped to
 * every browser bundle for a branch that never runs there.
 */
const FALLBACK_FETCH_MODULE = 'cross-fetch';

/** Resolves the fetch implementation once per service set. */
export async function resolveFetch(injected?: FetchLike): Promise<FetchLike> {
  if (injected) return injected;
  if (typeof globalThis.fetch === 'function') return globalThis.fetch.bind(globalThis) as unknown as FetchLike;
  const crossFetch = (await import(/* @vite-ignore */ /* webpackIgnore: true */ FALLBACK_FETCH_MODULE)) as { default: unknown };
  return crossFetch.default as FetchLike;
}
