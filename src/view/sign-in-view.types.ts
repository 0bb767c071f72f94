/**
 * The public shapes of the headless sign-in view: what a UI reads (a frozen
 * {@link SignInViewSnapshot}) and the store it reads it from ({@link SignInViewStore}). Plain
 * data only: no actor, no error object, never the device code or a token.
 */
import type { ActorRefFrom } from 'xstate';
import type { DeviceAuthErrorCode } from '../core/errors.js';
import type { DeviceAuthMachine } from '../machines/device-auth.machine.js';
import type { RetryReason } from '../machines/device-auth.types.js';
import type { SessionMachine } from '../machines/session.machine.js';

/**
 * Where the sign-in stands, for a UI to switch on.
 *
 * - `idle`: waiting to start (a session: signed out, loading its stored token, or signing out);
 * - `requesting`: asking the server for codes;
 * - `showingCode`: the person should enter the code (a poll may be in flight);
 * - `slowedDown`: the server asked to poll less often; waiting for the later poll;
 * - `retrying`: the last poll failed (network, timeout, 5xx); backing off, the code still valid;
 * - `signedIn`: the flow ended with a token (a session: signed in, or refreshing);
 * - `denied`, `expired`, `alreadyUsed`, `invalidCode`, `failed`, `cancelled`: the flow ended
 *   without a token; `restart()` asks for new codes.
 */
export type SignInPhase =
  | 'idle'
  | 'requesting'
  | 'showingCode'
  | 'slowedDown'
  | 'retrying'
  | 'signedIn'
  | 'denied'
  | 'expired'
  | 'alreadyUsed'
  | 'invalidCode'
  | 'failed'
  | 'cancelled';

/** The phases in which a code is shown and {@link SignInViewSnapshot.secondsLeft} ticks. */
export type SignInCodePhase = Extract<SignInPhase, 'showingCode' | 'slowedDown' | 'retrying'>;

/** Why and when the flow polls again after a failed poll (phase `retrying`). */
export interface SignInRetry {
  /** Failed polls in a row, from 1. */
  readonly attempt: number;
  /** The failure's error code (`NETWORK`, `TIMEOUT`, `HTTP_STATUS`, ...); `null` when the view did not see it happen. */
  readonly reason: RetryReason | null;
  /** Whole seconds from the failure to the next poll (rounded up); 0 while that poll is in flight. */
  readonly delaySeconds: number;
}

/**
 * One immutable (frozen) picture of the sign-in. A new object only when something a UI shows
 * changed; never holds the device code or a token.
 */
export interface SignInViewSnapshot {
  /** Where the sign-in stands. */
  readonly phase: SignInPhase;
  /** What to tell the person, in short English (e.g. `Go to https://trakt.tv/activate and enter ABCD1234`). */
  readonly message: string;
  /** The code the person types; set only while a code is shown ({@link SignInCodePhase}). */
  readonly userCode: string | null;
  /** Where the person enters the code; set only while a code is shown. */
  readonly verificationUrl: string | null;
  /** The verification page with the code filled in (for a QR code), when the server gave one; set only while a code is shown. */
  readonly verificationUrlComplete: string | null;
  /** Whole seconds until the code expires (rounded up, never below 0), ticking once a second while a code is shown; else `null`. */
  readonly secondsLeft: number | null;
  /** Seconds between two polls now (grows after a slow-down); set only while a code is shown. */
  readonly pollIntervalSeconds: number | null;
  /** The failed poll being retried; set only in phase `retrying`. */
  readonly retry: SignInRetry | null;
  /** The error's code in phase `failed` (e.g. `BLOCKED`, `INVALID_RESPONSE`); else `null`. */
  readonly errorCode: DeviceAuthErrorCode | null;
  /** True when {@link SignInViewStore.start} would start a flow. */
  readonly canStart: boolean;
  /** True when {@link SignInViewStore.cancel} would stop the flow in progress. */
  readonly canCancel: boolean;
  /** True when {@link SignInViewStore.restart} would ask for new codes after an ending. */
  readonly canRestart: boolean;
}

/** A listener of {@link SignInViewStore.subscribe}; called with the current snapshot. */
export type SignInViewListener = (snapshot: SignInViewSnapshot) => void;

/** Options of `createSignInView`. */
export interface SignInViewOptions {
  /**
   * The clock, ms since the epoch (default `Date.now`, read at each call so fake timers apply).
   * {@link SignInViewSnapshot.secondsLeft} is computed from it and the flow's absolute deadline.
   */
  now?: (() => number) | undefined;
}

/**
 * What a view can be built on: a device-auth actor
 * (`createActor(deviceAuthMachine.provide(services))`) or a session actor (`sessionMachine`),
 * started or not.
 */
export type SignInViewActor = ActorRefFrom<DeviceAuthMachine> | ActorRefFrom<SessionMachine>;

/**
 * A small external store of {@link SignInViewSnapshot}s, usable as is by React's
 * `useSyncExternalStore(store.subscribe, store.getSnapshot)`, as a Svelte store
 * (`$store`), or from Vue through one `shallowRef`. Every method works without `this`.
 *
 * It follows the actor (one subscription, one countdown timer) only while someone listens; with
 * no listener it holds nothing and `getSnapshot()` reads the actor when called.
 */
export interface SignInViewStore {
  /** The current snapshot: the same object until something shown changes (listened to or not). */
  getSnapshot(): SignInViewSnapshot;
  /**
   * Calls `listener` at once with the current snapshot (Svelte's store contract), then with each
   * new snapshot until the returned function is called. The first listener attaches the view to
   * the actor, the last one to leave detaches it.
   */
  subscribe(listener: SignInViewListener): () => void;
  /** Starts a flow when {@link SignInViewSnapshot.canStart} (device-auth `start`, session `signIn`); else nothing. */
  start(): void;
  /** Stops the flow in progress when {@link SignInViewSnapshot.canCancel} (`cancel`); else nothing. */
  cancel(): void;
  /** Asks for new codes after an ending when {@link SignInViewSnapshot.canRestart} (device-auth `restart`, session `signIn`); else nothing. */
  restart(): void;
  /**
   * Detaches from the actor for good (the actor keeps running: it is not the view's), stops the
   * countdown and drops every listener. The last snapshot stays readable; commands do nothing.
   * Optional when every listener unsubscribes, which detaches the view as well.
   */
  destroy(): void;
}
