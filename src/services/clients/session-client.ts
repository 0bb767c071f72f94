/**
 * The promise-shaped front door of the session machine: `createSession` starts a session actor
 * and adds `getAccessToken()`, `signIn()`, `signOut()`. This layer may read the clock (the
 * machine may not): `getAccessToken` compares its clock with the token's absolute expiry and,
 * when the token is due and no refresh runs, sends the machine a `resume` event carrying the
 * reading, which starts exactly one refresh (Trakt "Tokens after approval": never two
 * refreshes at once).
 */
import { createActor, type Actor, type SnapshotFrom } from 'xstate';
import type { SessionMachine } from '../../machines/session.machine.js';
import { isAccessTokenValid, isActionDue } from '../../machines/session.timing.js';
import type { SessionInput, SessionOwnEmitted } from '../../machines/session.types.js';
import { DeviceAuthError } from '../../core/errors.js';
import { isSignInEnding, signInEndingError } from './sign-in-ending.js';
import type { SessionServices } from './session-services.js';
import { providedSessionMachine } from './provided-machines.js';
import type { ProviderChoice } from './provider-choice.js';
import { sessionServicesFor } from './provider-services-for.js';
import type { TokenStore } from '../stores/token-store.js';
import type { DeviceToken } from '../../core/token.js';

/** A running session actor. */
export type SessionActor = Actor<SessionMachine>;
/** A snapshot of {@link SessionActor}. */
export type SessionSnapshot = SnapshotFrom<SessionMachine>;
/** What `signOut()` resolves with: the `signedOut` event's payload. */
export type SignOutResult = Omit<Extract<SessionOwnEmitted, { type: 'signedOut' }>, 'type'>;

/** Options of {@link getAccessToken}. */
export interface AccessTokenOptions {
  /** The clock, ms since the epoch (default `Date.now`). Use the one the services use. */
  now?: (() => number) | undefined;
}

/** What every {@link createSession} call may add: its clock and timing. */
export interface SessionTimingOptions extends AccessTokenOptions {
  /** Timing of the session (refresh margin, retry backoff, device-flow pacing). */
  input?: SessionInput | undefined;
}

/** A session over ready-made services. */
export type SessionWithServices = SessionTimingOptions & {
  /** The actors, e.g. `createTraktSessionServices({ clientId, clientSecret, store })`. */
  services: SessionServices;
  store?: never;
  clientId?: never;
};

/** A session with any provider (the same four ways as `authorize`), keeping the token in `store`. */
export type SessionWithProvider = SessionTimingOptions &
  ProviderChoice & {
    /** Where the token is kept between runs (memory, file, Web Storage, or your own). */
    store: TokenStore;
    services?: never;
  };

/**
 * Options of {@link createSession}: ready-made `services`, or a provider (Trakt options, a
 * preset, an issuer, or endpoints) and a `store`.
 */
export type CreateSessionOptions = SessionWithServices | SessionWithProvider;

/** A started session with promise helpers. Everything is also available on {@link Session.actor}. */
export interface Session {
  /** The session actor: `actor.on('codes' | 'signedIn' | ..., handler)`, `actor.getSnapshot()`. */
  readonly actor: SessionActor;
  /** Resolves once the stored token has been read (the session left `loading`). */
  ready(): Promise<void>;
  /** A usable access token, `undefined` when signed out; see {@link getAccessToken}. */
  getAccessToken(): Promise<string | undefined>;
  /**
   * Signs in with the device flow (listen to `codes` on {@link actor} to show the code) and
   * resolves with the stored token; resolves at once when already signed in. Rejects with a
   * {@link DeviceAuthError}: `DENIED`, `EXPIRED`, `ALREADY_USED`, `INVALID_CODE`, `ABORTED`
   * (cancelled), or the error that made the flow fail.
   */
  signIn(): Promise<DeviceToken>;
  /** Stops a sign-in in progress (its `signIn()` rejects with `ABORTED`). */
  cancel(): void;
  /**
   * Revokes the token and clears the store (even when revoking fails) and resolves with what
   * happened; `undefined` when nobody was signed in (a sign-in in progress is cancelled).
   */
  signOut(): Promise<SignOutResult | undefined>;
  /** Sends a `resume` with the current clock reading (after the device slept, or after a restore). */
  resume(): void;
  /** Stops the actor and every request it has in flight. */
  stop(): void;
}


function stoppedError(): DeviceAuthError {
  return new DeviceAuthError('ABORTED', 'The session actor is stopped.');
}

/**
 * Resolves with the first snapshot (the current one included) for which `decide` returns a
 * value other than `undefined`; rejects when the actor stops or fails first.
 */
function settle<T>(actor: SessionActor, decide: (snapshot: SessionSnapshot) => { value: T } | { error: unknown } | undefined): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    let subscription: { unsubscribe(): void } | undefined;
    const finish = (verdict: { value: T } | { error: unknown }): void => {
      done = true;
      subscription?.unsubscribe();
      if ('value' in verdict) resolve(verdict.value);
      else reject(verdict.error);
    };
    const check = (snapshot: SessionSnapshot): void => {
      if (done) return;
      const verdict = snapshot.status === 'active' ? decide(snapshot) : { error: stoppedError() };
      if (verdict !== undefined) finish(verdict);
    };
    check(actor.getSnapshot());
    if (done) return;
    subscription = actor.subscribe({
      next: check,
      error: (error) => finish({ error }),
      complete: () => check(actor.getSnapshot()),
    });
    // The actor may have moved between the first check and subscribing.
    check(actor.getSnapshot());
  });
}

/**
 * A usable access token, answered from the session (which mirrors the store and is the only
 * writer of it, and holds the new pair even when a store write failed):
 *
 * - `loading`, `storingToken`, a refresh request in flight: waits for it, never starts another;
 * - signed in and, by `now()`, due for refresh with no refresh running: starts exactly one (by
 *   sending `resume`) and waits for it;
 * - signed in otherwise: the current access token at once;
 * - a refresh backing off after a failure: the old access token while it is still valid, else
 *   rejects with the last refresh error (retrying happens on the machine's schedule);
 * - signed out, signing in or signing out: `undefined`.
 *
 * Safe to call from many places at once: fifty concurrent calls during a due refresh send one
 * refresh request.
 */
export function getAccessToken(actor: SessionActor, options: AccessTokenOptions = {}): Promise<string | undefined> {
  const now = options.now ?? Date.now;
  let nudged = false;
  return settle(actor, (snapshot) => {
    const { token, error } = snapshot.context;
    if (snapshot.matches('loading') || snapshot.matches('storingToken') || snapshot.matches({ refreshing: 'requesting' })) {
      return undefined;
    }
    if (snapshot.matches({ refreshing: 'waitingToRetry' })) {
      // The machine sets both the token and the failure before it backs off.
      return isAccessTokenValid(token!, now()) ? { value: token!.accessToken } : { error };
    }
    if (snapshot.matches('signedIn')) {
      const reading = now();
      if (!nudged && isActionDue(token!, snapshot.context, reading)) {
        // Due and no refresh running: let the machine decide (it refreshes, or ends the session),
        // then answer from the snapshot that follows.
        nudged = true;
        actor.send({ type: 'resume', now: reading });
        return undefined;
      }
      // Still signed in after the nudge (the machine was busy): the token, unless it expired.
      return nudged && !isAccessTokenValid(token!, reading) ? undefined : { value: token!.accessToken };
    }
    return { value: undefined };
  });
}

/** The top-level state name of a snapshot. */
function loadedState(snapshot: SessionSnapshot): string {
  return typeof snapshot.value === 'string' ? snapshot.value : Object.keys(snapshot.value)[0]!;
}

/** Waits until the session is no longer loading its stored token. */
function loaded(actor: SessionActor): Promise<SessionSnapshot> {
  return settle(actor, (snapshot) => (snapshot.matches('loading') ? undefined : { value: snapshot }));
}

/**
 * Creates and starts a session: loads the stored token, keeps it fresh, and offers promise
 * helpers. Emitted events start after `createSession` returns (loading is asynchronous), so
 * listeners attached right away see them all.
 *
 * ```ts
 * const session = createSession({ services: createTraktSessionServices({ clientId, clientSecret, store }) });
 * session.actor.on('codes', ({ userCode, verificationUrl }) => show(userCode, verificationUrl));
 * if ((await session.getAccessToken()) === undefined) await session.signIn();
 * const token = await session.getAccessToken(); // fresh, refreshed once when due
 *
 * // Any provider, the same four ways as authorize():
 * createSession({ provider: providers.gitlab(), clientId, store });
 * createSession({ issuer: 'https://login.example.com/realms/tv', clientId, store }); // discovered on first use
 * ```
 * @throws DeviceAuthError `CONFIGURATION` for provider options that cannot work, before any request.
 */
export function createSession(options: CreateSessionOptions): Session {
  const services = options.services ?? sessionServicesFor(options as SessionWithProvider, (options as SessionWithProvider).store);
  const actor = createActor(providedSessionMachine(services), { input: options.input });
  actor.start();
  return sessionOf(actor, options.now ?? Date.now);
}

/** Adds the promise helpers to a started session actor (used by `createSession` and `resumeSession`). */
export function sessionOf(actor: SessionActor, now: () => number): Session {
  const signIn = async (): Promise<DeviceToken> => {
    if (loadedState(await loaded(actor)) === 'signedOut') actor.send({ type: 'signIn' });
    return settle(actor, (snapshot) => {
      const { token, reason, error } = snapshot.context;
      if (snapshot.matches('signingIn') || snapshot.matches('storingToken')) return undefined;
      if (token !== null && (snapshot.matches('signedIn') || snapshot.matches('refreshing'))) return { value: token };
      if (snapshot.matches('signedOut') && isSignInEnding(reason)) {
        if (reason === 'failed' && error !== null) return { error };
        return { error: signInEndingError(reason) };
      }
      return { error: new DeviceAuthError('ABORTED', 'The sign-in did not complete: the session is signing out.') };
    });
  };

  const signOut = async (): Promise<SignOutResult | undefined> => {
    const start = await loaded(actor);
    if (start.matches('signedOut') || start.matches('endingSession')) return undefined;
    if (start.matches('signingIn')) {
      actor.send({ type: 'signOut' });
      return undefined;
    }
    return new Promise<SignOutResult | undefined>((resolve) => {
      const listener = actor.on('signedOut', ({ type: _type, ...result }) => {
        listener.unsubscribe();
        resolve(result);
      });
      actor.send({ type: 'signOut' });
    });
  };

  return {
    actor,
    ready: async () => {
      await loaded(actor);
    },
    getAccessToken: () => getAccessToken(actor, { now }),
    signIn,
    cancel: () => actor.send({ type: 'cancel' }),
    signOut,
    resume: () => actor.send({ type: 'resume', now: now() }),
    stop: () => actor.stop(),
  };
}
