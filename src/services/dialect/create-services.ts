/**
 * Turns a dialect into the two actors the machine invokes, over the one HTTP seam.
 * The result is what `deviceAuthMachine.provide(...)` takes.
 */
import { fromPromise } from 'xstate';
import type { DeviceCodeResult, PollResult, PollTokenInput } from '../../machines/device-auth.types.js';
import { resolveFetch } from '../http/default-fetch.js';
import type { DeviceFlowDialect } from './dialect.js';
import { DeviceAuthError, toDeviceAuthError } from '../../core/errors.js';
import { sendRequest, type FetchLike, type HttpRequest, type HttpResponse } from '../http/http.js';

/** Transport options shared by every service factory. */
export interface HttpServiceOptions {
  /** The fetch to use; default `globalThis.fetch`, else `cross-fetch`. */
  fetch?: FetchLike | undefined;
  /** Per-request timeout in ms (default 15 000). */
  timeoutMs?: number | undefined;
  /** Response-size cap in bytes (default 1 MiB). */
  maxResponseBytes?: number | undefined;
  /** The clock, ms since the epoch (default `Date.now`). Pacing is computed from its readings. */
  now?: (() => number) | undefined;
}

/** The actors `deviceAuthMachine.provide` takes. */
export interface DeviceAuthServices {
  actors: {
    requestDeviceCode: ReturnType<typeof fromPromise<DeviceCodeResult>>;
    pollToken: ReturnType<typeof fromPromise<PollResult, PollTokenInput>>;
  };
}

/** A function that sends one request over the seam with the service options applied. */
export type Transport = (request: HttpRequest, signal?: AbortSignal) => Promise<HttpResponse>;

/** Builds the {@link Transport} for a set of options. */
export function createTransport(options: HttpServiceOptions): Transport {
  let fetchPromise: Promise<FetchLike> | undefined;
  return async (request, signal) => {
    fetchPromise ??= resolveFetch(options.fetch);
    return sendRequest(request, {
      fetch: await fetchPromise,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.maxResponseBytes === undefined ? {} : { maxResponseBytes: options.maxResponseBytes }),
      ...(signal === undefined ? {} : { signal }),
    });
  };
}

/**
 * The secrets one service set has handed out or been given (device codes, tokens). A server may
 * echo any of them in a later answer (a cancelled flow's device code is still live on the server):
 * every later request carries them as secrets, so the seam scrubs them from whatever message quotes
 * the answer, not only the request's own.
 */
export interface SecretMemory {
  /** Remembers these values (empty ones are ignored). */
  remember(...values: readonly (string | undefined)[]): void;
  /** `request` with every remembered secret added after its own (its own keep their order). */
  scrub(request: HttpRequest): HttpRequest;
}

/** A new, empty {@link SecretMemory}; bounded, the oldest secrets forgotten first. */
export function createSecretMemory(limit = 64): SecretMemory {
  const known = new Set<string>();
  // The secrets as a list, rebuilt only when one is added or forgotten (not on every request).
  let list: readonly string[] | undefined;
  return {
    remember(...values) {
      for (const value of values) {
        if (typeof value !== 'string' || value === '') continue;
        const isNew = !known.delete(value);
        known.add(value);
        if (isNew) {
          list = undefined;
          if (known.size > limit) known.delete(known.values().next().value as string);
        }
      }
    },
    scrub(request) {
      if (known.size === 0) return request;
      list ??= [...known];
      const own = request.secrets ?? [];
      const extra = list.filter((secret) => !own.includes(secret));
      return extra.length === 0 ? request : { ...request, secrets: [...own, ...extra] };
    },
  };
}

/** The most a poll timer is taken to fire early by; beyond it the service's clock differs from the machine's. */
const MAX_EARLY_TIMER_MS = 100;

/** Resolves after `ms`, or at once when `signal` aborts (the request that follows then fails as aborted). */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

const RETRYABLE: ReadonlySet<DeviceAuthError['code']> = new Set(['NETWORK', 'TIMEOUT', 'RESPONSE_TOO_LARGE']);

/**
 * Builds `requestDeviceCode` and `pollToken` for any dialect. Network failures and timeouts
 * while polling become `transient` outcomes (retried with backoff while the code is valid);
 * they end the flow only when asking for the codes.
 */
export function createDeviceFlowServices(dialect: DeviceFlowDialect, options: HttpServiceOptions = {}): DeviceAuthServices {
  const send = createTransport(options);
  const now = options.now ?? Date.now;
  // Device codes and tokens this service set handed out: scrubbed from every later error too.
  const secrets = createSecretMemory();
  return {
    actors: {
      requestDeviceCode: fromPromise<DeviceCodeResult>(async ({ signal }) => {
        const startedAt = now();
        const response = await send(secrets.scrub(dialect.deviceCodeRequest()), signal);
        const receivedAt = now();
        const codes = dialect.parseDeviceCodes(response, receivedAt);
        secrets.remember(codes.deviceCode);
        return { codes, startedAt, receivedAt };
      }),
      pollToken: fromPromise<PollResult, PollTokenInput>(async ({ input, signal, self }) => {
        // The machine's timer may fire a little early: never send before the poll is due (a strict
        // server counts that as too early). A larger difference is another clock's, not a timer's.
        const early = (input.notBefore ?? 0) - now();
        if (early > 0 && early <= MAX_EARLY_TIMER_MS) await pause(early, signal);
        const startedAt = now();
        // The machine's timer may fire late (a sleeping device); never send past the deadline.
        if (startedAt >= input.expiresAt) return { outcome: { type: 'expired' }, startedAt, receivedAt: startedAt };
        // Tell the machine when this poll went out: a snapshot persisted while it is in flight
        // then resumes one interval after it, not after when it was due (the timer may fire late).
        self._parent?.send({ type: 'pollStarted', at: startedAt });
        // A resumed flow's device code was handed out by another service set.
        secrets.remember(input.deviceCode);
        try {
          const response = await send(secrets.scrub(dialect.tokenRequest(input.deviceCode)), signal);
          const receivedAt = now();
          const outcome = dialect.classifyTokenResponse(response, receivedAt);
          if (outcome.type === 'authorized') secrets.remember(outcome.token.accessToken, outcome.token.refreshToken);
          return { outcome, startedAt, receivedAt };
        } catch (failure) {
          const error = toDeviceAuthError(failure, 'UNEXPECTED');
          const outcome = RETRYABLE.has(error.code) ? { type: 'transient' as const, error } : { type: 'fatal' as const, error };
          return { outcome, startedAt, receivedAt: now() };
        }
      }),
    },
  };
}
