/**
 * The sign-in every example runs: Trakt's dialect against the configured server, a started
 * `deviceAuthMachine` actor, and the headless view on it. Framework code only renders the view.
 */
import { createActor } from 'xstate';
import { createSignInView, createTraktServices, deviceAuthMachine, type FetchLike, type SignInViewStore } from 'device-auth-machine';
import type { PageConfig } from './page-config.js';

/** The `User-Agent` the examples announce (Trakt's CDN blocks requests without one; browsers may send their own instead). */
export const EXAMPLES_USER_AGENT = 'device-auth-examples/1.0';

/** A running sign-in: the actor (for apps that want its events or state) and its view. */
export interface SignInFlow {
  readonly actor: ReturnType<typeof createActor<typeof deviceAuthMachine>>;
  readonly view: SignInViewStore;
  /** Detaches the view and stops the actor (a pending poll is aborted). */
  stop(): void;
}

/**
 * Starts the actor (it waits in `idle` until the view's `start()`) and creates its view.
 *
 * @param config - The server and client, from {@link readPageConfig}.
 * @param fetch - Another `fetch` (the no-server demo's in-memory mock); default the browser's.
 */
export function createSignInFlow(config: PageConfig, fetch?: FetchLike): SignInFlow {
  const services = createTraktServices({
    baseUrl: config.server,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    userAgent: EXAMPLES_USER_AGENT,
    ...(fetch === undefined ? {} : { fetch }),
  });
  const actor = createActor(deviceAuthMachine.provide(services)).start();
  const view = createSignInView(actor);
  return {
    actor,
    view,
    stop() {
      view.destroy();
      actor.stop();
    },
  };
}
