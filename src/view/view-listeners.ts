/**
 * The listeners of a view and how a snapshot reaches them: each one once per snapshot, never a
 * snapshot older than one it already had, and one that throws does not keep the others from
 * hearing the change.
 */
import type { SignInViewListener, SignInViewSnapshot } from './sign-in-view.types.js';

/** The listener registry of one view. */
export interface ViewListeners {
  /** Registers `listener` (the same function twice counts twice); returns its removal. */
  add(listener: SignInViewListener): () => void;
  /**
   * Calls every listener with `snapshot`. When a listener's command publishes a newer snapshot
   * meanwhile (`current()` is no longer `snapshot`), that one has reached everybody, so the
   * rest of this round is dropped. The first error a listener threw is rethrown at the end.
   */
  publish(snapshot: SignInViewSnapshot, current: () => SignInViewSnapshot): void;
  /** How many listeners are registered. */
  size(): number;
  /** Removes every listener. */
  clear(): void;
}

/** An empty registry. */
export function createViewListeners(): ViewListeners {
  const entries = new Set<{ listener: SignInViewListener }>();
  return {
    add(listener) {
      const entry = { listener };
      entries.add(entry);
      return () => {
        entries.delete(entry);
      };
    },
    publish(snapshot, current) {
      let failure: { error: unknown } | undefined;
      for (const entry of [...entries]) {
        if (current() !== snapshot) break;
        if (!entries.has(entry)) continue;
        try {
          entry.listener(snapshot);
        } catch (error) {
          failure ??= { error };
        }
      }
      if (failure !== undefined) throw failure.error;
    },
    size: () => entries.size,
    clear: () => entries.clear(),
  };
}
