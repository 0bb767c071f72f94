/**
 * A tiny typed event emitter, so callers of the mock can react to what happens (and tests can wait
 * for it) without sleeping and without string-typed `EventEmitter` payloads.
 */

/** A listener of event `K` of event map `M`. */
export type Listener<M, K extends keyof M> = (payload: M[K]) => void;

/** Options of {@link TypedEmitter.waitFor}. */
export interface WaitForOptions {
  /** Stops waiting; the promise rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

/**
 * Typed publish/subscribe over an event map `M` (event name → payload type).
 *
 * A listener that throws does not disturb the emitter or the other listeners; its error is
 * re-thrown on a later microtask so it still surfaces (as an uncaught exception) instead of
 * vanishing.
 */
export class TypedEmitter<M extends object> {
  readonly #listeners = new Map<keyof M, Set<(payload: never) => void>>();

  /** Subscribes to `event`. Returns a function that unsubscribes. */
  on<K extends keyof M>(event: K, listener: Listener<M, K>): () => void {
    let set = this.#listeners.get(event);
    if (set === undefined) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    set.add(listener as (payload: never) => void);
    return () => {
      set.delete(listener as (payload: never) => void);
    };
  }

  /** Calls every listener of `event` with `payload`, in subscription order. */
  emit<K extends keyof M>(event: K, payload: M[K]): void {
    const set = this.#listeners.get(event);
    if (set === undefined) return;
    for (const listener of [...set]) {
      try {
        (listener as Listener<M, K>)(payload);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  /**
   * Resolves with the next payload of `event` that satisfies `predicate` (any payload when omitted);
   * rejects when `predicate` throws or `options.signal` aborts. Call it before triggering the action
   * you wait for.
   */
  waitFor<K extends keyof M>(event: K, predicate?: (payload: M[K]) => boolean, options: WaitForOptions = {}): Promise<M[K]> {
    const { signal } = options;
    return new Promise<M[K]>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = (): void => {
        off();
        reject(signal?.reason);
      };
      const off = this.on(event, (payload) => {
        let matches: boolean;
        try {
          matches = predicate === undefined || predicate(payload);
        } catch (error) {
          matches = false;
          off();
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        }
        if (!matches) return;
        off();
        signal?.removeEventListener('abort', onAbort);
        resolve(payload);
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
