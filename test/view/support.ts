/**
 * Helpers of the view tests: a device-auth actor or a session actor over scripted services in
 * fake time, with a sign-in view whose every published snapshot is recorded.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import { createActor } from 'xstate';
import { deviceAuthMachine } from '../../src/machines/device-auth.machine.js';
import { sessionMachine } from '../../src/machines/session.machine.js';
import type { DeviceToken } from '../../src/core/token.js';
import { createTraktSessionServices } from '../../src/services/clients/session-services.js';
import { createMemoryTokenStore } from '../../src/services/stores/memory-token-store.js';
import type { TokenStore } from '../../src/services/stores/token-store.js';
import { CLIENT, fakeTrakt } from '../session/fake-trakt.js';
import { createSignInView } from '../../src/view/sign-in-view.js';
import type { SignInViewOptions, SignInViewSnapshot, SignInViewStore } from '../../src/view/sign-in-view.types.js';
import { sampleToken, scriptedServices, type ScriptOptions } from '../support/scripted-services.js';

/**
 * Where fake time starts: one hour after the scripted token was created, so a session holding it
 * is signed in for days before anything refreshes.
 */
export const T0 = sampleToken.createdAt * 1000 + 3_600_000;

/** Fake timers (and `Date`) starting at {@link T0} for each test of the surrounding `describe`. */
export function useFakeClock(): void {
  beforeEach(() => vi.useFakeTimers({ now: T0 }));
  afterEach(() => vi.useRealTimers());
}

/** Records what a view publishes, from the immediate call of `subscribe` on. */
export function record(view: SignInViewStore) {
  const seen: SignInViewSnapshot[] = [];
  const unsubscribe = view.subscribe((snapshot) => seen.push(snapshot));
  return {
    seen,
    unsubscribe,
    phases: () => seen.map((s) => s.phase),
    last: () => seen.at(-1)!,
  };
}

/** A started device-auth actor over scripted services (not yet sent `start`) and its view. */
export function deviceView(script: ScriptOptions, options?: SignInViewOptions) {
  const services = scriptedServices(script);
  const actor = createActor(deviceAuthMachine.provide(services));
  actor.start();
  const view = createSignInView(actor, options);
  return { actor, services, view, ...record(view) };
}

/** The device code the scripted services hand out in the n-th flow. */
export const deviceCode = (flow: number) => `device-code-${flow}`;

/** The session's store in a test. */
export interface SessionScene {
  /** The token in the store at start (none by default). The fake Trakt refuses to refresh it. */
  stored?: DeviceToken;
  /** How long reading the store takes (ms). */
  loadLatencyMs?: number;
}

/**
 * Session services over the in-process fake Trakt (store, refresh, revoke: the session's own
 * services, as the session tests use them), with the device flow of `script` as the child.
 */
export function sessionServices(script: ScriptOptions, scene: SessionScene = {}) {
  const device = scriptedServices(script);
  const memory = createMemoryTokenStore(scene.stored);
  const latency = scene.loadLatencyMs ?? 0;
  const store: TokenStore = {
    ...memory,
    get: async () => {
      if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
      return memory.get();
    },
  };
  const base = createTraktSessionServices({ ...CLIENT, fetch: fakeTrakt().fetch, store });
  return { requests: device.requests, actors: { ...base.actors, deviceAuth: deviceAuthMachine.provide(device) } };
}

/** A started session actor over {@link sessionServices} and its view. */
export function sessionView(script: ScriptOptions, scene: SessionScene = {}) {
  const services = sessionServices(script, scene);
  const actor = createActor(sessionMachine.provide(services));
  actor.start();
  const view = createSignInView(actor);
  return { actor, services, view, ...record(view) };
}

/** The snapshot of the idle device-auth view; tests spread it and name what differs. */
export const IDLE: SignInViewSnapshot = {
  phase: 'idle',
  message: 'Not signed in. Sign in to get a code.',
  userCode: null,
  verificationUrl: null,
  verificationUrlComplete: null,
  secondsLeft: null,
  pollIntervalSeconds: null,
  retry: null,
  errorCode: null,
  canStart: true,
  canCancel: false,
  canRestart: false,
};

/** An ending (denied, expired, ...): nothing on show, only `restart`. */
export const ending = (phase: SignInViewSnapshot['phase'], message: string, errorCode: SignInViewSnapshot['errorCode'] = null): SignInViewSnapshot => ({
  ...IDLE,
  phase,
  message,
  errorCode,
  canStart: false,
  canRestart: true,
});

/** The first code of the scripted services on show, `secondsLeft` seconds before it expires. */
export const showing = (secondsLeft: number, flow = 1): SignInViewSnapshot => ({
  ...IDLE,
  phase: 'showingCode',
  message: `Go to https://trakt.tv/activate and enter USER${flow}`,
  userCode: `USER${flow}`,
  verificationUrl: 'https://trakt.tv/activate',
  secondsLeft,
  pollIntervalSeconds: 5,
  canStart: false,
  canCancel: true,
});
