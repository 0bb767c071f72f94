/**
 * What a program can do with a mock besides sending it requests, the same for the HTTP server and
 * the in-memory fetch: read its URLs and client, decide codes, issue and inspect tokens, read the
 * request log and follow its events.
 */

import type { DecisionResult } from './device-store.js';
import type { MockHandler } from './handler.js';
import type { MockEventMap } from './mock-events.js';
import type { MockDialectName } from './options.js';
import type { MockLogEntry } from './request-log.js';
import type { MockStats } from './stats.js';
import type { MockTokenBody, MockTokenState } from './token-store.js';
import type { Listener, WaitForOptions } from './typed-emitter.js';

/** The control surface every mock has (see `MockServer` and `MockFetch`). */
export interface MockControls {
  /** Base URL, e.g. `http://127.0.0.1:53124` (no trailing slash). Use it as the API and OAuth host. */
  readonly url: string;
  /** `<publicUrl>/activate`, the `verification_url` it hands out. */
  readonly verificationUrl: string;
  /** The client id it accepts. */
  readonly clientId: string;
  /** The client secret it accepts (a mock value, safe to print). */
  readonly clientSecret: string;
  /** A snapshot of the request log, oldest first; secrets removed (see {@link MockLogEntry}). */
  readonly log: readonly MockLogEntry[];
  /** Empties the request log. */
  clearLog(): void;
  /** The protocol its API speaks (the `dialect` option). */
  readonly dialect: MockDialectName;
  /**
   * Totals since the start (or the last {@link MockControls.resetStats}): codes issued, token
   * polls, early polls, polls answered as too fast, tokens issued, refreshes, revocations. Not
   * bounded by the log limit; see {@link MockStats}.
   */
  stats(): MockStats;
  /** Sets every counter of {@link MockControls.stats} back to 0 (the request log is left alone). */
  resetStats(): void;
  /** Approves a pending code by its user code, as the person would on the page. */
  approve(userCode: string): DecisionResult;
  /** Denies a pending code by its user code. */
  deny(userCode: string): DecisionResult;
  /**
   * Issues a token pair without a device flow, as if someone had signed in earlier (to start a
   * session from a stored token). Emits a `token` event of kind `issued`.
   */
  issueToken(): MockTokenBody;
  /**
   * The state of the pair an access or refresh token belongs to: `active`, `rotated` (refreshed:
   * dead), `revoked`, or `unknown` (never issued, or forgotten). Access-token expiry is not a
   * state: compare `(created_at + expires_in) * 1000` with the clock.
   */
  tokenState(token: string): MockTokenState;
  /** Subscribes to an event (see {@link MockEventMap}); returns an unsubscribe function. */
  on<K extends keyof MockEventMap>(event: K, listener: Listener<MockEventMap, K>): () => void;
  /** Resolves with the next event of that name matching `predicate`. Call before triggering it. */
  waitFor<K extends keyof MockEventMap>(
    event: K,
    predicate?: (payload: MockEventMap[K]) => boolean,
    options?: WaitForOptions,
  ): Promise<MockEventMap[K]>;
}

/** The {@link MockControls} of `handler`, with `extra` (a transport's own members, plain values and functions) mixed in. */
export function createControls<E extends object>(handler: MockHandler, url: string, extra: E): MockControls & E {
  const { context, log, events } = handler;
  const { options, devices, tokens } = context;
  return {
    ...extra,
    url,
    verificationUrl: context.verificationUrl,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    get log() {
      return log.entries();
    },
    clearLog: () => log.clear(),
    dialect: options.dialect,
    stats: () => context.stats.snapshot(),
    resetStats: () => context.stats.reset(),
    approve: (userCode) => devices.decide(userCode, 'approve', 'program'),
    deny: (userCode) => devices.decide(userCode, 'deny', 'program'),
    issueToken() {
      const token = tokens.issue();
      events.emit('token', { kind: 'issued', time: options.now() });
      return token;
    },
    tokenState: (token) => tokens.state(token),
    on: (event, listener) => events.on(event, listener),
    waitFor: (event, predicate, waitOptions) => events.waitFor(event, predicate, waitOptions),
  };
}
