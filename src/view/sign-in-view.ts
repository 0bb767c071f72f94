/**
 * A headless sign-in view for any UI: `createSignInView(actor)` turns a device-auth or session
 * actor into a small store of frozen, secret-free snapshots that React (`useSyncExternalStore`),
 * Svelte (the store contract) and Vue (one `shallowRef`) use as they are, plus the commands a
 * sign-in screen needs. The countdown ticks once a second while a code is shown, and only then.
 */
import { sourceOf } from './flow-source.js';
import type { FlowCommands, FlowReading } from './flow-reading.js';
import type {
  SignInViewActor,
  SignInViewListener,
  SignInViewOptions,
  SignInViewStore,
} from './sign-in-view.types.js';
import { createViewListeners } from './view-listeners.js';
import { sameView, toViewSnapshot } from './view-snapshot.js';

/**
 * Creates the view of `actor`: a device-auth actor (`createActor(deviceAuthMachine.provide(services))`)
 * or a session actor (`sessionMachine`), started or not. The view never starts, stops or owns
 * the actor; call `destroy()` when the screen goes away.
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
  /** Every secret the actor held while watched, so a late message cannot show one either. */
  const secrets = new Set<string>();
  let destroyed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const read = (): FlowReading => {
    const reading = source.read();
    for (const secret of reading.secrets) secrets.add(secret);
    return reading;
  };

  let reading = read();
  let snapshot = toViewSnapshot(reading, now(), secrets);

  /** Arms the next tick of the countdown: when the whole seconds left change, only while a code is shown. */
  const arm = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (destroyed || reading.code === null) return;
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
    reading = read();
    const next = toViewSnapshot(reading, now(), secrets);
    arm();
    if (sameView(next, snapshot)) return;
    snapshot = next;
    listeners.publish(next, () => snapshot);
  }

  const unwatch = source.watch(update);
  update();

  const command = (name: keyof FlowCommands) => (): void => {
    if (!destroyed && read().commands[name]) source.send(name);
  };

  return Object.freeze({
    getSnapshot: () => snapshot,
    subscribe(listener: SignInViewListener): () => void {
      const remove = destroyed ? () => undefined : listeners.add(listener);
      try {
        listener(snapshot);
      } catch (error) {
        remove();
        throw error;
      }
      return remove;
    },
    start: command('start'),
    cancel: command('cancel'),
    restart: command('restart'),
    destroy(): void {
      if (destroyed) return;
      destroyed = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      unwatch();
      listeners.clear();
    },
  });
}
