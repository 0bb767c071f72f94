/**
 * The device-authorization statechart (Trakt device flow, RFC 8628).
 *
 * ```
 * idle → requesting → awaitingUser ⇄ slowingDown → authorized
 *                                                 | denied | expired | alreadyUsed | invalidCode | failed | cancelled
 * ```
 *
 * The machine decides; services talk. It holds no I/O and reads no clock: the two actors
 * (`requestDeviceCode`, `pollToken`) are placeholders supplied with `deviceAuthMachine.provide`
 * (see `createTraktServices`), and they report the clock readings the pacing is computed from.
 * Every deadline in context is absolute, so a persisted snapshot can be resumed (send `resume`).
 */
import { assign, emit, fromPromise, setup } from 'xstate';
import { DeviceAuthError } from '../core/errors.js';
import { lazyMachine } from './lazy-machine.js';
import type { DeviceToken } from '../core/token.js';
import type {
  DeviceAuthContext,
  DeviceAuthEmitted,
  DeviceAuthEvent,
  DeviceAuthInput,
  DeviceCodeResult,
  PollOutcome,
  PollResult,
  PollTokenInput,
} from './device-auth.types.js';
import {
  backoffDelayMs,
  firstPollAt,
  isPastDeadline,
  isUsableCodeResult,
  nextPollAfterPending,
  nextPollAfterSlowDown,
  pollDelayMs,
  withIntervalIncreased,
} from './device-auth.pacing.js';

/** Default seconds added to the interval on each slow-down answer (RFC 8628 §3.5). */
export const DEFAULT_SLOW_DOWN_STEP_SECONDS = 5;
/** Default cap of the exponential backoff after transient failures. */
export const DEFAULT_MAX_BACKOFF_MS = 60_000;

function missingService(name: string) {
  return () =>
    Promise.reject(
      new DeviceAuthError(
        'CONFIGURATION',
        `No "${name}" service: supply one with deviceAuthMachine.provide({ actors }), e.g. createTraktServices({ clientId, clientSecret }).`,
      ),
    );
}

/**
 * The output of the invoked actor that finished: the `params` of every action and guard that
 * reads an `xstate.done.actor.*` event, so XState types what they read.
 */
function doneOutput<T>({ event }: { event: { output: T } }): T {
  return event.output;
}

/** The error of the invoked actor that failed: the `params` of `storeActorError`. */
function actorError({ event }: { event: { error: unknown } }): unknown {
  return event.error;
}

/** The outcome's type, or `undefined` when a (custom) service resolved with something else. */
function outcomeType(result: unknown): string | undefined {
  const type = ((result as Partial<PollResult> | null | undefined)?.outcome as { type?: unknown } | undefined)?.type;
  return typeof type === 'string' ? type : undefined;
}

/** A guard that is true when the poll's outcome is of `type`; tolerant of services that break the contract. */
const outcomeIs = (type: PollOutcome['type']) => (_: unknown, result: unknown) => outcomeType(result) === type;

function outcomeOf<T extends PollOutcome['type']>(result: PollResult, type: T): Extract<PollOutcome, { type: T }> {
  const { outcome } = result;
  if (outcome.type !== type) throw new Error(`unreachable: expected a ${type} outcome, got ${outcome.type}`);
  return outcome as Extract<PollOutcome, { type: T }>;
}

/**
 * A resting state: the flow has ended without a token, announces why on entry, and waits for the
 * person to ask for new codes with `restart`.
 */
function restingState<TAction extends string>(description: string, announce: TAction) {
  return {
    tags: ['resting'],
    description,
    entry: announce,
    on: { restart: { target: 'requesting', description: 'New codes, only when the person asks.' } },
  } as const;
}

function initialContext(input: DeviceAuthInput | undefined): DeviceAuthContext {
  return {
    slowDownStepMs: (input?.slowDownStepSeconds ?? DEFAULT_SLOW_DOWN_STEP_SECONDS) * 1000,
    maxBackoffMs: input?.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS,
    codes: null,
    expiresAt: null,
    intervalMs: 0,
    nextPollAt: null,
    now: null,
    lastPollStartedAt: null,
    attempt: 0,
    failures: 0,
    token: null,
    error: null,
  };
}

/**
 * The device-auth statechart. Supply the two actors with `provide`, then run it:
 *
 * ```ts
 * const actor = createActor(deviceAuthMachine.provide(createTraktServices({ clientId, clientSecret })));
 * actor.on('codes', (e) => console.log(`Go to ${e.verificationUrl} and enter ${e.userCode}`));
 * actor.start();
 * actor.send({ type: 'start' });
 * ```
 *
 * Implements Trakt's "Authentication - Devices" flow and RFC 8628 §3.4–3.5 polling rules.
 */
export const deviceAuthMachine = /* @__PURE__ */ lazyMachine(() =>
  setup({
    types: {
      context: {} as DeviceAuthContext,
      events: {} as DeviceAuthEvent,
      input: {} as DeviceAuthInput | undefined,
      output: {} as DeviceToken,
      emitted: {} as DeviceAuthEmitted,
    },
    actors: {
      requestDeviceCode: fromPromise<DeviceCodeResult>(missingService('requestDeviceCode')),
      pollToken: fromPromise<PollResult, PollTokenInput>(missingService('pollToken')),
    },
    delays: {
      pollDelay: ({ context }) => pollDelayMs(context),
    },
    guards: {
      isPastDeadline: ({ context }) => isPastDeadline(context),
      hasUsableCodes: (_, output: unknown) => isUsableCodeResult(output),
      isAuthorized: outcomeIs('authorized'),
      isPending: outcomeIs('pending'),
      isSlowDown: outcomeIs('slowDown'),
      isDenied: outcomeIs('denied'),
      isCodeExpired: outcomeIs('expired'),
      isAlreadyUsed: outcomeIs('alreadyUsed'),
      isInvalidCode: outcomeIs('invalidCode'),
      isTransient: outcomeIs('transient'),
    },
    actions: {
      resetFlow: assign(({ context }) => ({
        ...initialContext(undefined),
        slowDownStepMs: context.slowDownStepMs,
        maxBackoffMs: context.maxBackoffMs,
      })),
      storeCodes: assign((_, result: DeviceCodeResult) => {
        const { codes, receivedAt, startedAt = receivedAt } = result;
        const intervalMs = codes.interval * 1000;
        const expiresAt = startedAt + codes.expiresIn * 1000;
        return { codes, now: receivedAt, expiresAt, intervalMs, nextPollAt: firstPollAt(receivedAt, intervalMs, expiresAt) };
      }),
      announceCodes: emit(({ context }) => {
        const codes = context.codes!;
        return {
          type: 'codes' as const,
          userCode: codes.userCode,
          verificationUrl: codes.verificationUrl,
          ...(codes.verificationUrlComplete === undefined
            ? {}
            : { verificationUrlComplete: codes.verificationUrlComplete }),
          expiresAt: context.expiresAt!,
          interval: context.intervalMs / 1000,
          ...(codes.intervalRaisedFrom === undefined ? {} : { intervalRaisedFrom: codes.intervalRaisedFrom }),
        };
      }),
      countPoll: assign({ attempt: ({ context }) => context.attempt + 1 }),
      notePollStarted: assign({
        lastPollStartedAt: ({ context, event }) => (event.type === 'pollStarted' ? event.at : context.lastPollStartedAt),
      }),
      announcePoll: emit(({ context }) => ({ type: 'poll' as const, attempt: context.attempt })),
      scheduleAfterPending: assign(({ context }, result: PollResult) => {
        const { receivedAt } = result;
        return { now: receivedAt, failures: 0, nextPollAt: nextPollAfterPending(context, receivedAt) };
      }),
      announcePending: emit(({ context }) => ({
        type: 'pending' as const,
        attempt: context.attempt,
        nextPollAt: context.nextPollAt!,
      })),
      increaseInterval: assign(({ context }, result: PollResult) => {
        const { receivedAt } = result;
        const slowDown = outcomeOf(result, 'slowDown');
        const slowed = withIntervalIncreased(context, slowDown.intervalSeconds);
        return {
          ...slowed,
          now: receivedAt,
          failures: 0,
          nextPollAt: nextPollAfterSlowDown(slowed, receivedAt, slowDown.retryAfterMs),
        };
      }),
      announceSlowDown: emit(({ context }, result: PollResult) => {
        const { retryAfterMs } = outcomeOf(result, 'slowDown');
        return {
          type: 'slowDown' as const,
          interval: context.intervalMs / 1000,
          ...(retryAfterMs === undefined ? {} : { retryAfter: retryAfterMs / 1000 }),
          nextPollAt: context.nextPollAt!,
        };
      }),
      scheduleRetry: assign(({ context }, result: PollResult) => {
        const { receivedAt } = result;
        const { retryAfterMs } = outcomeOf(result, 'transient');
        const failures = context.failures + 1;
        const delayMs = Math.max(backoffDelayMs(context, failures), retryAfterMs ?? 0);
        return { now: receivedAt, failures, nextPollAt: receivedAt + delayMs };
      }),
      announceRetry: emit(({ context }, result: PollResult) => {
        const { error } = outcomeOf(result, 'transient');
        return {
          type: 'retry' as const,
          attempt: context.failures,
          delayMs: context.nextPollAt! - context.now!,
          reason: error.code,
          message: error.message,
        };
      }),
      storeToken: assign({ token: (_, result: PollResult) => outcomeOf(result, 'authorized').token }),
      announceAuthorized: emit(({ context }) => ({ type: 'authorized' as const, token: context.token! })),
      storeFatalError: assign({
        error: (_, result: PollResult) => {
          if (outcomeType(result) === 'fatal') return outcomeOf(result, 'fatal').error;
          return new DeviceAuthError('UNEXPECTED', `The pollToken service resolved with an unknown outcome (${String(outcomeType(result))}).`);
        },
      }),
      storeUnusableCodesError: assign({
        error: () =>
          new DeviceAuthError(
            'UNEXPECTED',
            'The requestDeviceCode service resolved with unusable codes (device and user code, verification URL, positive expiresIn and interval are required).',
          ),
      }),
      storeActorError: assign({
        error: (_, error: unknown) => {
          return error instanceof DeviceAuthError
            ? error
            : new DeviceAuthError('UNEXPECTED', `A device-auth service failed unexpectedly: ${String(error)}`, {
                cause: error,
              });
        },
      }),
      announceFailed: emit(({ context }) => ({ type: 'failed' as const, error: context.error! })),
      announceDenied: emit({ type: 'denied' as const }),
      announceExpired: emit({ type: 'expired' as const }),
      announceAlreadyUsed: emit({ type: 'alreadyUsed' as const }),
      announceInvalidCode: emit({ type: 'invalidCode' as const }),
      announceCancelled: emit({ type: 'cancelled' as const }),
      rememberResumeTime: assign({ now: (_, now: number) => now }),
    },
  }).createMachine({
    id: 'deviceAuth',
    description: 'Signs a person in on a device without a keyboard (Trakt device flow, RFC 8628).',
    context: ({ input }) => initialContext(input),
    initial: 'idle',
    output: ({ context }) => context.token!,
    states: {
      idle: {
        description: 'Nothing sent yet. A flow starts only when the person asks (RFC 8628 §3.1).',
        on: { start: 'requesting' },
      },
      requesting: {
        description: 'Asking the server for a device code and a user code.',
        entry: 'resetFlow',
        invoke: {
          id: 'requestDeviceCode',
          src: 'requestDeviceCode',
          onDone: [
            {
              guard: { type: 'hasUsableCodes', params: doneOutput },
              target: 'awaitingUser',
              actions: [{ type: 'storeCodes', params: doneOutput }, 'announceCodes'],
            },
            {
              target: 'failed',
              actions: 'storeUnusableCodesError',
              description: 'A service answered with codes that cannot be paced (no interval, no lifetime).',
            },
          ],
          onError: { target: 'failed', actions: { type: 'storeActorError', params: actorError } },
        },
        on: { cancel: 'cancelled' },
      },
      awaitingUser: {
        description: 'The person is entering the code; the device polls at the current interval.',
        initial: 'waiting',
        on: { cancel: 'cancelled' },
        states: {
          waiting: {
            description: 'Waiting until the next poll is due, or the codes expire.',
            after: {
              pollDelay: [
                {
                  guard: 'isPastDeadline',
                  target: '#deviceAuth.expired',
                  description: 'The next poll would fall at or after expires_in: stop by our own deadline.',
                },
                { target: 'polling' },
              ],
            },
            on: {
              resume: {
                target: 'waiting',
                reenter: true,
                actions: { type: 'rememberResumeTime', params: ({ event }) => event.now },
                description: 'After restoring a snapshot: re-arm the timer from the absolute deadlines.',
              },
            },
          },
          polling: {
            description: 'One token request in flight; never more than one.',
            entry: ['countPoll', 'announcePoll'],
            on: {
              pollStarted: {
                actions: 'notePollStarted',
                description: 'The services report when the request went out: a snapshot taken now resumes one interval after it.',
              },
            },
            invoke: {
              id: 'pollToken',
              src: 'pollToken',
              input: ({ context }) => ({ deviceCode: context.codes!.deviceCode, expiresAt: context.expiresAt!, notBefore: context.nextPollAt ?? undefined }),
              onDone: [
                {
                  guard: { type: 'isAuthorized', params: doneOutput },
                  target: '#deviceAuth.authorized',
                  actions: { type: 'storeToken', params: doneOutput },
                },
                {
                  guard: { type: 'isPending', params: doneOutput },
                  target: 'waiting',
                  actions: [{ type: 'scheduleAfterPending', params: doneOutput }, 'announcePending'],
                  description: 'Next poll one interval after this answer.',
                },
                {
                  guard: { type: 'isSlowDown', params: doneOutput },
                  target: '#deviceAuth.slowingDown',
                  actions: [
                    { type: 'increaseInterval', params: doneOutput },
                    { type: 'announceSlowDown', params: doneOutput },
                  ],
                },
                { guard: { type: 'isDenied', params: doneOutput }, target: '#deviceAuth.denied' },
                { guard: { type: 'isCodeExpired', params: doneOutput }, target: '#deviceAuth.expired' },
                { guard: { type: 'isAlreadyUsed', params: doneOutput }, target: '#deviceAuth.alreadyUsed' },
                { guard: { type: 'isInvalidCode', params: doneOutput }, target: '#deviceAuth.invalidCode' },
                {
                  guard: { type: 'isTransient', params: doneOutput },
                  target: 'waiting',
                  actions: [
                    { type: 'scheduleRetry', params: doneOutput },
                    { type: 'announceRetry', params: doneOutput },
                  ],
                  description: 'Network error, timeout or 5xx: back off exponentially (RFC 8628 §3.5).',
                },
                { target: '#deviceAuth.failed', actions: { type: 'storeFatalError', params: doneOutput } },
              ],
              onError: { target: '#deviceAuth.failed', actions: { type: 'storeActorError', params: actorError } },
            },
          },
        },
      },
      slowingDown: {
        description: 'The server asked to slow down: interval + 5 s for this and every later poll.',
        on: {
          cancel: 'cancelled',
          resume: { target: 'slowingDown', reenter: true, actions: { type: 'rememberResumeTime', params: ({ event }) => event.now } },
        },
        after: {
          pollDelay: [
            { guard: 'isPastDeadline', target: 'expired' },
            { target: 'awaitingUser.polling' },
          ],
        },
      },
      authorized: {
        type: 'final',
        description: 'The person approved; the token is the actor output.',
        entry: 'announceAuthorized',
      },
      denied: restingState('The person declined.', 'announceDenied'),
      expired: restingState(
        'The codes expired before approval; new codes only when the person asks (RFC 8628 §3.1).',
        'announceExpired',
      ),
      alreadyUsed: restingState('The code was already approved and its token handed out.', 'announceAlreadyUsed'),
      invalidCode: restingState('The server does not know this device code.', 'announceInvalidCode'),
      failed: restingState(
        'An error the flow cannot recover from (bad response, blocked, configuration).',
        'announceFailed',
      ),
      cancelled: restingState('Stopped by the app or the person; any late answer is ignored.', 'announceCancelled'),
    },
  }),
);

/** The type of {@link deviceAuthMachine}. */
export type DeviceAuthMachine = typeof deviceAuthMachine;
