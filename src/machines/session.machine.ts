/**
 * The session statechart: the life of a signed-in person around the device flow (Trakt
 * "Authentication - Devices" and "Tokens after approval"; RFC 8628 for sign-in, RFC 6749 §6 for
 * refresh, RFC 7009 for revocation).
 *
 * ```
 * loading ─▶ signedIn ⇄ refreshing ─(invalid_grant)─▶ endingSession ─▶ signedOut
 *    │          │  │                                                    ▲  │ ▲
 *    │          │  └─(expired, no refresh token)─▶ endingSession        │  │ │
 *    │          └─signOut─▶ signingOut (revoke ∥ clear store) ──────────┘  │ │
 *    └─(nothing stored / unreadable)─▶ signedOut                           │ │
 *               signedIn ◀─ storingToken ◀─ signingIn ◀──signIn────────────┘ │
 *                                             └─(resting flow / cancel)──────┘
 * ```
 *
 * The machine decides; services talk. It holds no I/O and reads no clock: the actors
 * (`loadToken`, `saveToken`, `refreshToken`, `revokeToken`, `clearToken`, and the `deviceAuth`
 * child) are placeholders supplied with `sessionMachine.provide(createTraktSessionServices(...))`.
 * **Time is a value**: `loadToken`, `saveToken`, `clearToken` and `refreshToken` report the clock
 * reading when they finished (`loadedAt`, `at`, `receivedAt`), and a `resume` event carries one
 * (after restoring a snapshot, after the device slept, or from `getAccessToken` when its clock
 * says the token is due). Timers are computed from those readings and the absolute expiry
 * `created_at + expires_in` in context; when a timer fires the machine knows at least that much
 * time has passed.
 *
 * **Sign-out wins over a write in flight.** `signOut` is taken at once in `storingToken`,
 * `signedIn.saving` and `refreshing`, although a store write may be running there (the token
 * after sign-in, a retried write, the new pair inside the refresh actor). Stopping the actor does
 * not stop that write; what keeps it from landing after the clear is the services' ordering
 * guarantee (`SessionServices.clearToken`): the clear settles only after every write started
 * before it, so `signedOut {cleared: true}` means the store stays empty. The machine does not
 * wait for the write itself because it cannot tell, inside a refresh, a write from a request that
 * may take the whole HTTP timeout.
 */
import { assign, emit, enqueueActions, fromPromise, sendTo, setup, type SnapshotFrom } from 'xstate';
import { DeviceAuthError } from '../core/errors.js';
import { lazyMachine } from './lazy-machine.js';
import type { DeviceToken } from '../core/token.js';
import { deviceAuthMachine } from './device-auth.machine.js';
import type { DeviceAuthEmitted } from './device-auth.types.js';
import { DEVICE_AUTH_CHILD_ID, RELAY_CHILD_ID, relayDeviceAuthEvents } from './session.relay.js';
import {
  actionDueAt,
  canRefresh,
  DEFAULT_MAX_RETRY_MS,
  DEFAULT_REFRESH_MARGIN_MS,
  DEFAULT_RETRY_BASE_MS,
  isAccessTokenValid,
  isActionDue,
  retryDelayMs,
  timerDelayMs,
} from './session.timing.js';
import type {
  ClearTokenInput,
  LoadTokenResult,
  RefreshResult,
  RevokeResult,
  SessionContext,
  SessionEmitted,
  SessionEvent,
  SessionInput,
  SignInEnding,
  StoreResult,
  TokenInput,
} from './session.types.js';

function missingService(name: string) {
  return () =>
    Promise.reject(
      new DeviceAuthError(
        'CONFIGURATION',
        `No "${name}" service: supply one with sessionMachine.provide(...), e.g. createTraktSessionServices({ clientId, clientSecret, store }).`,
      ),
    );
}

/** A snapshot of the device-auth child, as its `xstate.snapshot.*` events carry it. */
type DeviceAuthSnapshot = SnapshotFrom<typeof deviceAuthMachine>;

/**
 * The output of the invoked actor that finished: the `params` of every action and guard that
 * reads an `xstate.done.actor.*` event, so XState types what they read.
 */
function doneOutput<T>({ event }: { event: { output: T } }): T {
  return event.output;
}

/** What the invoked actor that failed rejected with: the `params` of the `note...Crash` actions. */
function actorError({ event }: { event: { error: unknown } }): unknown {
  return event.error;
}

/** The device-auth child's snapshot: the `params` of what reads its `xstate.snapshot.*` events. */
function childSnapshot({ event }: { event: { snapshot: DeviceAuthSnapshot } }): DeviceAuthSnapshot {
  return event.snapshot;
}

/** The clock reading of a `resume` event: the `params` of `rememberResumeTime` and `forwardResume`. */
function resumeTime({ event }: { event: { now: number } }): number {
  return event.now;
}

/** Wraps whatever an actor rejected with (a bug in a supplied service) into a DeviceAuthError. */
function serviceError(error: unknown, what: string): DeviceAuthError {
  return error instanceof DeviceAuthError
    ? error
    : new DeviceAuthError('UNEXPECTED', `The "${what}" service failed unexpectedly: ${String(error)}`, { cause: error });
}

/** The resting states of the device-auth child, each a way a sign-in ends without a token. */
const SIGN_IN_ENDINGS = ['denied', 'expired', 'alreadyUsed', 'invalidCode', 'failed', 'cancelled'] as const satisfies readonly SignInEnding[];

/** The child's resting state, or `undefined` while it is still working. */
function childEnding(snapshot: DeviceAuthSnapshot): SignInEnding | undefined {
  if (!snapshot.hasTag('resting')) return undefined;
  return SIGN_IN_ENDINGS.find((ending) => ending === snapshot.value);
}

/** The latest clock reading, or 0 when no actor has reported one yet (only after a crashed service). */
function clockOf(context: SessionContext): number {
  return context.now ?? 0;
}

type Refreshed = Extract<RefreshResult, { type: 'refreshed' | 'adopted' }>;

/**
 * The refresh result, narrowed to the kind the guard before the action checked. A mismatch is a
 * bug in the machine (a guard and its actions out of step), so it throws.
 */
function refreshOf<T extends RefreshResult['type']>(result: RefreshResult, ...types: T[]): Extract<RefreshResult, { type: T }> {
  if (!types.includes(result.type as T)) throw new Error(`unreachable: expected a ${types.join('/')} refresh result, got ${result.type}`);
  return result as Extract<RefreshResult, { type: T }>;
}

/** The failure of a store result the `isStoreOk` guard refused. */
function storeFailureOf(result: StoreResult): Extract<StoreResult, { ok: false }> {
  if (result.ok) throw new Error('unreachable: expected a failed store result');
  return result;
}

/** A guard that is true when the refresh result is of `type`. */
const refreshIs = (type: RefreshResult['type']) => (_: unknown, result: RefreshResult) => result.type === type;

function initialContext(input: SessionInput | undefined): SessionContext {
  return {
    refreshMarginMs: input?.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS,
    retryBaseMs: input?.retryBaseMs ?? DEFAULT_RETRY_BASE_MS,
    maxRetryMs: input?.maxRetryMs ?? DEFAULT_MAX_RETRY_MS,
    deviceAuth: input?.deviceAuth ?? {},
    token: null,
    unsaved: false,
    saveFailures: 0,
    saveRetryAt: null,
    now: null,
    refreshedAt: null,
    failures: 0,
    retryAt: null,
    pendingSignedIn: null,
    reason: null,
    error: null,
    revoke: null,
    clear: null,
  };
}

/** True when, by the latest clock reading, the signed-in session must refresh or end. */
function isDue(context: SessionContext): boolean {
  return context.token !== null && context.now !== null && isActionDue(context.token, context, context.now);
}

/** The clock reading after one wake-up of the signed-in timer: at least the delay has passed. */
function clockAfterWake(context: SessionContext): number {
  const dueAt = actionDueAt(context.token!, context);
  const now = context.now ?? dueAt;
  return now + timerDelayMs(dueAt, now);
}

/** The `storeFailed` event for the current failed write of the token. */
function saveFailedEvent(context: SessionContext) {
  return {
    type: 'storeFailed' as const,
    operation: 'save' as const,
    error: context.error!,
    attempt: context.saveFailures,
    retryInMs: Math.max(0, context.saveRetryAt! - clockOf(context)),
  };
}

/**
 * The session statechart. Supply the actors with `provide`, then run it (or use `createSession`,
 * which does this and adds `getAccessToken()`):
 *
 * ```ts
 * const actor = createActor(sessionMachine.provide(createTraktSessionServices({ clientId, clientSecret, store })));
 * actor.on('codes', (e) => show(e.userCode, e.verificationUrl));
 * actor.on('signedIn', () => console.log('signed in'));
 * actor.start();                      // loads the stored token
 * actor.send({ type: 'signIn' });     // from signedOut: runs the device flow as a child
 * ```
 *
 * Implements Trakt "Tokens after approval": expiry from `created_at + expires_in`, single-use
 * refresh tokens persisted before anything else uses them, never two refreshes at once.
 */
export const sessionMachine = /* @__PURE__ */ lazyMachine(() =>
  setup({
    types: {
      context: {} as SessionContext,
      events: {} as SessionEvent,
      input: {} as SessionInput | undefined,
      emitted: {} as SessionEmitted,
      children: {} as { deviceAuth: 'deviceAuth'; relayDeviceAuthEvents: 'relayDeviceAuthEvents' },
    },
    actors: {
      deviceAuth: deviceAuthMachine,
      relayDeviceAuthEvents,
      loadToken: fromPromise<LoadTokenResult>(missingService('loadToken')),
      saveToken: fromPromise<StoreResult, TokenInput>(missingService('saveToken')),
      refreshToken: fromPromise<RefreshResult, TokenInput>(missingService('refreshToken')),
      revokeToken: fromPromise<RevokeResult, TokenInput>(missingService('revokeToken')),
      clearToken: fromPromise<StoreResult, ClearTokenInput>(missingService('clearToken')),
    },
    delays: {
      actionDelay: ({ context }) => timerDelayMs(actionDueAt(context.token!, context), context.now),
      refreshRetryDelay: ({ context }) => timerDelayMs(context.retryAt ?? 0, context.now),
      saveRetryDelay: ({ context }) => timerDelayMs(context.saveRetryAt ?? 0, context.now),
    },
    guards: {
      isNothingStored: (_: unknown, result: LoadTokenResult) => result.token === undefined,
      isRefreshDue: ({ context }) => isDue(context) && canRefresh(context.token!),
      isSessionOver: ({ context }) => isDue(context) && !canRefresh(context.token!),
      hasRefreshToken: ({ context }) => context.token !== null && canRefresh(context.token),
      isUnsaved: ({ context }) => context.unsaved,
      isStoreOk: (_: unknown, result: StoreResult) => result.ok,
      isDeviceFlowResting: (_: unknown, snapshot: DeviceAuthSnapshot) => childEnding(snapshot) !== undefined,
      isRefreshed: refreshIs('refreshed'),
      isAdopted: refreshIs('adopted'),
      isInvalidGrant: refreshIs('invalidGrant'),
    },
    actions: {
      relayChildEvent: emit((_, event: DeviceAuthEmitted) => event),
      startDeviceFlow: sendTo(DEVICE_AUTH_CHILD_ID, { type: 'start' }),
      forwardResume: sendTo(DEVICE_AUTH_CHILD_ID, (_, now: number) => ({ type: 'resume' as const, now })),
      attachRelay: sendTo(RELAY_CHILD_ID, ({ self }) => ({ type: 'relay.attach' as const, session: self })),
      rememberResumeTime: assign({ now: (_, now: number) => now }),
      advanceClockToWake: assign({ now: ({ context }) => clockAfterWake(context) }),

      takeStoredToken: assign((_, { token, loadedAt }: LoadTokenResult) => ({
        token: token!,
        now: loadedAt,
        pendingSignedIn: 'store' as const,
        reason: null,
        error: null,
      })),
      noteNothingStored: assign((_, { loadedAt }: LoadTokenResult) => ({ now: loadedAt, reason: 'noToken' as const })),
      noteStoreUnreadable: assign((_, error: unknown) => ({ reason: 'storeUnreadable' as const, error: serviceError(error, 'loadToken') })),
      announceLoadFailed: emit(({ context }) => ({
        type: 'storeFailed' as const,
        operation: 'load' as const,
        error: context.error!,
        attempt: 1,
      })),
      announceSignedIn: enqueueActions(({ context, enqueue }) => {
        if (context.pendingSignedIn === null || context.token === null || isDue(context)) return;
        enqueue.emit({ type: 'signedIn', token: context.token, via: context.pendingSignedIn });
        enqueue.assign({ pendingSignedIn: null });
      }),

      takeDeviceToken: assign((_, token: DeviceToken) => ({
        token,
        pendingSignedIn: 'deviceAuth' as const,
        refreshedAt: null,
        reason: null,
        error: null,
      })),
      noteSignInEnding: assign((_, snapshot: DeviceAuthSnapshot) => ({
        reason: childEnding(snapshot) ?? ('failed' as const),
        error: snapshot.context.error,
      })),
      noteSignInCrash: assign((_, error: unknown) => ({ reason: 'failed' as const, error: serviceError(error, 'deviceAuth') })),
      noteCancelled: assign({ reason: 'cancelled' as const, error: null }),
      announceSignInEnded: emit(({ context }) => ({
        type: 'signInEnded' as const,
        reason: context.reason as SignInEnding,
        ...(context.error === null ? {} : { error: context.error }),
      })),

      noteSaved: assign((_, result: StoreResult) => ({
        now: result.at,
        unsaved: false,
        saveFailures: 0,
        saveRetryAt: null,
      })),
      noteSaveFailed: assign(({ context }, result: StoreResult) => {
        const { at, error } = storeFailureOf(result);
        const saveFailures = context.saveFailures + 1;
        return { now: at, unsaved: true, saveFailures, saveRetryAt: at + retryDelayMs(context, saveFailures), error };
      }),
      noteSaveCrash: assign(({ context }, error: unknown) => {
        const saveFailures = context.saveFailures + 1;
        return {
          unsaved: true,
          saveFailures,
          saveRetryAt: clockOf(context) + retryDelayMs(context, saveFailures),
          error: serviceError(error, 'saveToken'),
        };
      }),
      announceSaveFailed: emit(({ context }) => saveFailedEvent(context)),

      takeRefreshedToken: assign(({ context }, output: RefreshResult) => {
        const result: Refreshed = refreshOf(output, 'refreshed', 'adopted');
        const unsaved = result.type === 'refreshed' && !result.saved;
        const saveFailures = unsaved ? 1 : 0;
        return {
          token: result.token,
          now: result.receivedAt,
          refreshedAt: result.receivedAt,
          failures: 0,
          retryAt: null,
          unsaved,
          saveFailures,
          saveRetryAt: unsaved ? result.receivedAt + retryDelayMs(context, saveFailures) : null,
          error: result.type === 'refreshed' && !result.saved ? result.storeError : null,
        };
      }),
      announceRefreshed: enqueueActions(({ context, enqueue }, output: RefreshResult) => {
        const result: Refreshed = refreshOf(output, 'refreshed', 'adopted');
        enqueue.emit({ type: 'refreshed', token: result.token, via: result.type === 'adopted' ? 'store' : 'server' });
        if (context.unsaved) enqueue.emit(saveFailedEvent(context));
      }),
      noteInvalidGrant: assign((_, output: RefreshResult) => {
        const { receivedAt, error } = refreshOf(output, 'invalidGrant');
        return { now: receivedAt, reason: 'invalidGrant' as const, error };
      }),
      noteTokenExpired: assign({ reason: 'tokenExpired' as const, error: null }),
      announceSessionEnded: emit(({ context }) => ({
        type: 'sessionEnded' as const,
        reason: context.reason === 'invalidGrant' ? ('invalidGrant' as const) : ('tokenExpired' as const),
        ...(context.error === null ? {} : { error: context.error }),
      })),
      scheduleRefreshRetry: assign(({ context }, output: RefreshResult) => {
        const { receivedAt, error, retryAfterMs } = refreshOf(output, 'failed');
        const failures = context.failures + 1;
        return { now: receivedAt, failures, retryAt: receivedAt + retryDelayMs(context, failures, retryAfterMs), error };
      }),
      scheduleRetryAfterCrash: assign(({ context }, error: unknown) => {
        const failures = context.failures + 1;
        return {
          failures,
          retryAt: clockOf(context) + retryDelayMs(context, failures),
          error: serviceError(error, 'refreshToken'),
        };
      }),
      announceRefreshRetry: emit(({ context }) => ({
        type: 'refreshRetry' as const,
        attempt: context.failures,
        delayMs: Math.max(0, context.retryAt! - clockOf(context)),
        reason: context.error!.code,
        message: context.error!.message,
        accessTokenValid: context.token !== null && context.now !== null && isAccessTokenValid(context.token, context.now),
      })),

      startSignOut: assign({ reason: 'signOut' as const, error: null, revoke: null, clear: null }),
      noteRevoke: assign({ revoke: (_, result: RevokeResult) => result }),
      noteRevokeCrash: assign({ revoke: (_, error: unknown) => ({ ok: false as const, error: serviceError(error, 'revokeToken') }) }),
      noteClear: assign((_, clear: StoreResult) => ({ clear, now: clear.at })),
      noteClearCrash: assign({
        clear: ({ context }, error: unknown) => ({ ok: false as const, at: clockOf(context), error: serviceError(error, 'clearToken') }),
      }),
      announceSignedOut: enqueueActions(({ context, enqueue }) => {
        const clear = context.clear;
        if (clear !== null && !clear.ok) {
          enqueue.emit({ type: 'storeFailed', operation: 'clear', error: clear.error, attempt: 1 });
        }
        const revoke = context.revoke;
        enqueue.emit({
          type: 'signedOut',
          reason: context.reason === 'signOut' || context.reason === 'invalidGrant' ? context.reason : 'tokenExpired',
          revoked: revoke?.ok === true,
          ...(revoke !== null && !revoke.ok ? { error: revoke.error } : {}),
          cleared: clear?.ok === true,
          ...(clear !== null && !clear.ok ? { storeError: clear.error } : {}),
        });
      }),
      forgetToken: assign({
        token: null,
        unsaved: false,
        saveFailures: 0,
        saveRetryAt: null,
        refreshedAt: null,
        failures: 0,
        retryAt: null,
        pendingSignedIn: null,
      }),
    },
  }).createMachine({
    id: 'session',
    description: 'A signed-in person over time: load, sign in with the device flow, refresh, sign out.',
    context: ({ input }) => initialContext(input),
    initial: 'loading',
    on: {
      'deviceAuth.emitted': {
        actions: { type: 'relayChildEvent', params: ({ event }) => event.event },
        description: 'Re-emit what the device-auth child emitted.' },
    },
    states: {
      loading: {
        description: 'Reading the stored token.',
        invoke: {
          src: 'loadToken',
          onDone: [
            {
              guard: { type: 'isNothingStored', params: doneOutput },
              target: 'signedOut',
              actions: { type: 'noteNothingStored', params: doneOutput },
            },
            {
              target: 'signedIn',
              actions: { type: 'takeStoredToken', params: doneOutput },
              description: 'signedIn refreshes at once when the token is due, or ends the session when it expired.',
            },
          ],
          onError: {
            target: 'signedOut',
            actions: [{ type: 'noteStoreUnreadable', params: actorError }, 'announceLoadFailed'],
            description: 'An unreadable store is "signed out"; the stored data is left untouched.',
          },
        },
      },
      signedOut: {
        description: 'No token. A device flow starts only when the person asks (RFC 8628 §3.1).',
        entry: 'forgetToken',
        on: { signIn: 'signingIn' },
      },
      signingIn: {
        description: 'The device-auth machine runs as a child; its events are re-emitted.',
        entry: 'startDeviceFlow',
        invoke: [
          {
            id: DEVICE_AUTH_CHILD_ID,
            src: 'deviceAuth',
            input: ({ context }) => context.deviceAuth,
            onDone: { target: 'storingToken', actions: { type: 'takeDeviceToken', params: doneOutput } },
            onSnapshot: {
              guard: { type: 'isDeviceFlowResting', params: childSnapshot },
              target: 'signedOut',
              actions: [{ type: 'noteSignInEnding', params: childSnapshot }, 'announceSignInEnded'],
              description: 'Denied, expired, already used, invalid code or failed: back to signedOut with the reason.',
            },
            onError: { target: 'signedOut', actions: [{ type: 'noteSignInCrash', params: actorError }, 'announceSignInEnded'] },
          },
          { id: RELAY_CHILD_ID, src: 'relayDeviceAuthEvents', input: ({ self }) => ({ session: self }) },
        ],
        on: {
          cancel: { target: 'signedOut', actions: ['noteCancelled', 'announceSignInEnded'] },
          signOut: { target: 'signedOut', actions: ['noteCancelled', 'announceSignInEnded'] },
          resume: {
            actions: ['attachRelay', { type: 'forwardResume', params: resumeTime }],
            description: 'Re-arm the child flow timers after a restore (the relay listens first, so nothing is missed).',
          },
        },
      },
      storingToken: {
        description: 'Writing the new token to the store before the session counts as signed in.',
        invoke: {
          src: 'saveToken',
          input: ({ context }) => ({ token: context.token! }),
          onDone: [
            { guard: { type: 'isStoreOk', params: doneOutput }, target: 'signedIn', actions: { type: 'noteSaved', params: doneOutput } },
            {
              target: 'signedIn',
              actions: [{ type: 'noteSaveFailed', params: doneOutput }, 'announceSaveFailed'],
              description: 'The token works but is not persisted: keep it in memory and retry the write.',
            },
          ],
          onError: { target: 'signedIn', actions: [{ type: 'noteSaveCrash', params: actorError }, 'announceSaveFailed'] },
        },
        on: {
          signOut: {
            target: 'signingOut',
            actions: 'startSignOut',
            description: 'The write already started lands before the clear: the services order store calls.',
          },
        },
      },
      signedIn: {
        description: 'A usable token. A timer moves to refreshing at expires_at − margin.',
        entry: 'announceSignedIn',
        always: [
          { guard: 'isRefreshDue', target: 'refreshing' },
          {
            guard: 'isSessionOver',
            target: 'endingSession',
            actions: ['noteTokenExpired', 'announceSessionEnded'],
            description: 'Expired with no refresh token to renew it.',
          },
        ],
        after: {
          actionDelay: {
            target: 'signedIn',
            reenter: true,
            actions: 'advanceClockToWake',
            description: 'Wake at expires_at − margin (long waits are chained) and check again.',
          },
        },
        on: {
          resume: {
            target: 'signedIn',
            reenter: true,
            actions: { type: 'rememberResumeTime', params: resumeTime },
            description: 'A fresh clock reading: refresh if due, else re-arm the timer.',
          },
          refresh: { guard: 'hasRefreshToken', target: 'refreshing' },
          signOut: {
            target: 'signingOut',
            actions: 'startSignOut',
            description: 'A retried write already started lands before the clear.',
          },
        },
        initial: 'checkingStore',
        states: {
          checkingStore: {
            always: [{ guard: 'isUnsaved', target: 'waitingToSave' }, { target: 'saved' }],
          },
          saved: { description: 'The store holds the current token.' },
          waitingToSave: {
            description: 'The last write failed; the token is kept in memory until a write succeeds.',
            after: { saveRetryDelay: 'saving' },
          },
          saving: {
            invoke: {
              src: 'saveToken',
              input: ({ context }) => ({ token: context.token! }),
              onDone: [
                { guard: { type: 'isStoreOk', params: doneOutput }, target: 'saved', actions: { type: 'noteSaved', params: doneOutput } },
                { target: 'waitingToSave', actions: [{ type: 'noteSaveFailed', params: doneOutput }, 'announceSaveFailed'] },
              ],
              onError: { target: 'waitingToSave', actions: [{ type: 'noteSaveCrash', params: actorError }, 'announceSaveFailed'] },
            },
          },
        },
      },
      refreshing: {
        description: 'One refresh at a time; the new pair is stored before the session uses it.',
        initial: 'requesting',
        on: {
          signOut: {
            target: 'signingOut',
            actions: 'startSignOut',
            description: 'A late answer is not written; a write already started lands before the clear.',
          },
        },
        states: {
          requesting: {
            invoke: {
              src: 'refreshToken',
              input: ({ context }) => ({ token: context.token! }),
              onDone: [
                {
                  guard: { type: 'isRefreshed', params: doneOutput },
                  target: '#session.signedIn',
                  actions: [
                    { type: 'takeRefreshedToken', params: doneOutput },
                    { type: 'announceRefreshed', params: doneOutput },
                  ],
                },
                {
                  guard: { type: 'isAdopted', params: doneOutput },
                  target: '#session.signedIn',
                  actions: [
                    { type: 'takeRefreshedToken', params: doneOutput },
                    { type: 'announceRefreshed', params: doneOutput },
                  ],
                  description: 'Another process already refreshed: use the newer pair from the store.',
                },
                {
                  guard: { type: 'isInvalidGrant', params: doneOutput },
                  target: '#session.endingSession',
                  actions: [{ type: 'noteInvalidGrant', params: doneOutput }, 'announceSessionEnded'],
                  description: 'The refresh token was refused: the person must sign in again.',
                },
                {
                  target: 'waitingToRetry',
                  actions: [{ type: 'scheduleRefreshRetry', params: doneOutput }, 'announceRefreshRetry'],
                  description: 'Network, timeout, 5xx, 429 or an odd answer: back off exponentially.',
                },
              ],
              onError: {
                target: 'waitingToRetry',
                actions: [{ type: 'scheduleRetryAfterCrash', params: actorError }, 'announceRefreshRetry'],
              },
            },
          },
          waitingToRetry: {
            description: 'Backing off; the old access token stays usable until it expires.',
            after: { refreshRetryDelay: 'requesting' },
            on: {
              resume: { target: 'waitingToRetry', reenter: true, actions: { type: 'rememberResumeTime', params: resumeTime } },
            },
          },
        },
      },
      endingSession: {
        description:
          'The session ended by itself (invalid_grant, expired): clearing the store of the pair that failed only; a pair another process stored meanwhile is kept.',
        invoke: {
          src: 'clearToken',
          input: ({ context }) => (context.token === null ? {} : { expected: context.token }),
          onDone: { target: 'signedOut', actions: [{ type: 'noteClear', params: doneOutput }, 'announceSignedOut'] },
          onError: { target: 'signedOut', actions: [{ type: 'noteClearCrash', params: actorError }, 'announceSignedOut'] },
        },
      },
      signingOut: {
        description: 'Revoking the token and clearing the store side by side: the store is cleared even if revoking fails.',
        type: 'parallel',
        onDone: { target: 'signedOut', actions: 'announceSignedOut' },
        states: {
          revoking: {
            initial: 'working',
            states: {
              working: {
                invoke: {
                  src: 'revokeToken',
                  input: ({ context }) => ({ token: context.token! }),
                  onDone: { target: 'done', actions: { type: 'noteRevoke', params: doneOutput } },
                  onError: { target: 'done', actions: { type: 'noteRevokeCrash', params: actorError } },
                },
              },
              done: { type: 'final' },
            },
          },
          clearing: {
            initial: 'working',
            states: {
              working: {
                invoke: {
                  src: 'clearToken',
                  input: {},
                  onDone: { target: 'done', actions: { type: 'noteClear', params: doneOutput } },
                  onError: { target: 'done', actions: { type: 'noteClearCrash', params: actorError } },
                },
              },
              done: { type: 'final' },
            },
          },
        },
      },
    },
  }),
);

/** The type of {@link sessionMachine}. */
export type SessionMachine = typeof sessionMachine;
