/**
 * The events a running mock server emits (subscribe with `server.on(name, listener)`, or
 * `await server.waitFor(name, predicate)`). Payloads never contain secrets: no device codes,
 * tokens or client secrets; user codes are shown to people anyway and are included.
 */

import type { DecisionSource, PollOutcome } from './device-store.js';
import type { MockFaultKind } from './options.js';
import type { MockLogEntry } from './request-log.js';

/** A device code was issued (`POST /oauth/device/code`, or `POST /device_authorization` in the `rfc8628` dialect). */
export interface MockCodeEvent {
  /** The code the person types. */
  readonly userCode: string;
  /** The page the person opens (`<publicUrl>/activate`). */
  readonly verificationUrl: string;
  /** When the code expires (ms, server clock). */
  readonly expiresAt: number;
  /** Polling interval in seconds, as returned to the device. */
  readonly interval: number;
  /** When it happened (ms, server clock). */
  readonly time: number;
}

/** A token poll was answered by the device store (faulted polls emit {@link MockFaultEvent} instead). */
export interface MockPollEvent {
  /** User code of the polled device code; `undefined` when the code is unknown. */
  readonly userCode: string | undefined;
  /** What the poll found. */
  readonly outcome: PollOutcome['kind'];
  /** The status code answered. */
  readonly status: number;
  /** Polls of this code counted so far (including this one unless it was too fast); 0 when unknown. */
  readonly polls: number;
  /** Whether it arrived sooner than the code's interval after the previous poll of the code (strictly; see `MockStats.earlyPolls`). */
  readonly early: boolean;
  /** When it happened (ms, server clock). */
  readonly time: number;
}

/** A device code was approved or denied. */
export interface MockDecisionEvent {
  readonly userCode: string;
  readonly decision: 'approved' | 'denied';
  /** Who decided. */
  readonly source: DecisionSource;
  /** When it happened (ms, server clock). */
  readonly time: number;
}

/** A token pair was issued (after approval), refreshed (rotated) or revoked. */
export interface MockTokenEvent {
  readonly kind: 'issued' | 'refreshed' | 'revoked';
  /** When it happened (ms, server clock). */
  readonly time: number;
}

/** A fault was injected into a token poll. */
export interface MockFaultEvent {
  readonly kind: MockFaultKind;
  /**
   * The status the fault answered: 502/503 or 429, `0` for a dropped connection, `undefined` for
   * `slow` (the poll is then answered normally, late; its status is in the `poll` event and the log).
   */
  readonly status: number | undefined;
  /** When it happened (ms, server clock). */
  readonly time: number;
}

/** Event name → payload of a running mock server. */
export interface MockEventMap {
  /** Every request, once answered (or dropped); the same entry as in the log. */
  request: MockLogEntry;
  code: MockCodeEvent;
  poll: MockPollEvent;
  decision: MockDecisionEvent;
  token: MockTokenEvent;
  fault: MockFaultEvent;
}
