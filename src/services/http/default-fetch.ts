/**
 * Picks the `fetch` to use: the caller's, else `globalThis.fetch`, else `cross-fetch` (loaded
 * only when needed, for runtimes without a global fetch).
 */
import type { FetchLike } from './http.js';

/** Resolves the fetch implementation once per service set. */
export async function resolveFetch(injected?: FetchLike): Promise<FetchLike> {
  if (injected) return injected;
  if (typeof globalThis.fetch === 'function') return globalThis.fetch.bind(globalThis) as unknown as FetchLike;
  const crossFetch = await import('cross-fetch');
  return crossFetch.default as unknown as FetchLike;
}
