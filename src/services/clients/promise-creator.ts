/**
 * Running a promise actor's logic inside another one: the clients wrap ready-made device-flow
 * services (deferring them until an issuer is discovered, keeping a resumed flow's secrets out of
 * their errors) by calling the wrapped logic's creator with the same arguments.
 */

/** The creator a `fromPromise(creator)` logic was made from: same input, signal and parent. */
export type PromiseCreator<T, I> = (args: { input: I; signal: AbortSignal; self: unknown; system: unknown; emit: unknown }) => Promise<T>;

/** The creator of promise logic made by `fromPromise`, or `undefined` for any other logic. */
export function creatorOf<T, I>(logic: unknown): PromiseCreator<T, I> | undefined {
  // `fromPromise(creator)` keeps `creator` as the logic's `config` (XState v5).
  const config = (logic as { config?: unknown } | null)?.config;
  return typeof config === 'function' ? (config as PromiseCreator<T, I>) : undefined;
}
