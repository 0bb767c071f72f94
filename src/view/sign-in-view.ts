/**
 * A headless sign-in view for any UI: `createSignInView(actor)` turns a device-auth or session
 * actor into a small store of frozen, secret-free snapshots that React (`useSyncExternalStore`),
 * Svelte (the store contract) and Vue (one `shallowRef`) use as they are, plus the commands a
 * sign-in screen needs. The countdown ticks once a second while a code is shown, and only then.
 *
 * The view follows the actor only while someone listens: the first `subscribe` attaches it (an
 * actor subscription, the countdown's one timer), the last unsubscribe detaches it, and
 * `getSnapshot()` reads the actor on demand in between. So a view that a component creates and
 * forgets (React's `useMemo`, a Svelte or Vue component) holds nothing once it is unmounted.
 */
import { sourceOf } from './flow-source.js';
import type { FlowCommands, FlowReading } from './flow-reading.js';
import type {
  SignInViewActor,
  SignInViewListener,
  SignInViewOptions,
  SignInViewSnapshot,
  SignInViewStore,
} from './sign-in-view.types.js';
import { createViewListeners } from './view-listeners.js';
import { sameView, toViewSnapshot } from './view-snapshot.js';

/**
 * Creates the view of `actor`: a device-auth actor (`createActor(deviceAuthMachine.provide(services))`)
 * or a session actor (`sessionMachine`), started or not. The view never starts, stops or owns
 * the actor. Creating it costs one read of the actor: nothing is attached until someone subscribes.
 *
 * ```ts
 * const view = createSignInView(actor);
 * const stop = view.subscribe(({ message, secondsLeft, canCancel }) => render(message, secondsLeft, canCancel));
 * view.start(); // device-auth `start`, or the session's `signIn`
 * ```
 */
export function createSignInView(actor: SignInViewActor, options: SignInViewOptions = {}): SignInViewStore {
  const now = options.now ?? (() => Date.now());
  const source = sourceOf(actor);
  const listeners = createViewListeners();
  /** Every secret the view has read from the actor, so a later message cannot show one either. */
  const secrets = new Set<string>();
  let destroyed = false;
  /** Set while someone listens: the view then follows the actor and ticks. */
  let unwatch: (() => void) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const read = (): FlowReading => {
    const reading = source.read();
    for (const secret of reading.secrets) secrets.add(secret);
    return reading;
  };

  let reading = read();
  let snapshot = toViewSnapshot(reading, now(), secrets);

  /** Reads the actor again; keeps the current snapshot object when nothing shown changed. */
  const refresh = (): void => {
    reading = read();
    const next = toViewSnapshot(reading, now(), secrets);
    if (!sameView(next, snapshot)) snapshot = next;
  };

  const disarm = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };

  /** Arms the next tick of the countdown (when the whole seconds left change), only while someone listens and a code is shown. */
  const arm = (): void => {
    disarm();
    if (unwatch === undefined || reading.code === null) return;
    const leftMs = reading.code.expiresAt - now();
    if (leftMs <= 0) return;
    timer = setTimeout(tick, leftMs % 1000 || 1000);
  };

  function tick(): void {
    timer = undefined;
    update();
  }

  function update(): void {
    if (destroyed) return;
    const before = snapshot;
    refresh();
    arm();
    if (snapshot !== before) listeners.publish(snapshot, () => snapshot);
  }

  const attach = (): void => {
    if (destroyed || unwatch !== undefined) return;
    unwatch = source.watch(update);
    update();
  };

  const detach = (): void => {
    unwatch?.();
    unwatch = undefined;
    disarm();
  };

  const command = (name: keyof FlowCommands) => (): void => {
    if (!destroyed && read().commands[name]) source.send(name);
  };

  return Object.freeze({
    getSnapshot(): SignInViewSnapshot {
      // Followed while someone listens; read on demand otherwise.
      if (!destroyed && unwatch === undefined) refresh();
      return snapshot;
    },
    subscribe(listener: SignInViewListener): () => void {
      if (destroyed) {
        listener(snapshot);
        return () => undefined;
      }
      attach(); // brings the snapshot up to date before this listener hears it
      const remove = listeners.add(listener);
      const unsubscribe = (): void => {
        remove();
        if (listeners.size() === 0) detach();
      };
      try {
        listener(snapshot);
      } catch (error) {
        unsubscribe();
        throw error;
      }
      return unsubscribe;
    },
    start: command('start'),
    cancel: command('cancel'),
    restart: command('restart'),
    destroy(): void {
      if (destroyed) return;
      destroyed = true;
      detach();
      listeners.clear();
    },
  });
}
