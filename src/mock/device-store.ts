/**
 * The device codes the mock has issued and the small state machine each one lives through
 * (Trakt device authentication, docs/protocol.md "POST /oauth/device/token"):
 *
 * ```
 * pending ──approve──▶ approved ──first poll──▶ consumed   (200 once, then 409)
 *    └─────deny──────▶ denied                               (418)
 * any state but consumed, once past its expiry               (410)
 * any state, EXPIRED_CODE_RETENTION_MS after its expiry      forgotten (404)
 * any state, when maxCodes newer codes were issued            forgotten (404)
 * ```
 *
 * Time comes only from the injected clock, so expiry, polling pace and timed auto-decisions are
 * exact in tests and need no timers.
 *
 * Issuing is O(1) (amortized): records live in maps in issue order, every code has the same
 * lifetime, so the codes to forget are always the oldest ones; a sweep looks only at the front.
 */

import { defaultGenerate, normalizeUserCode, type MockGenerate } from './codes.js';
import { drawUnique } from './draw-unique.js';

/** Where a device code is in its life. */
export type DeviceCodeState = 'pending' | 'approved' | 'denied' | 'consumed';

/** A person's (or a program's) answer to a device code. */
export type MockDecision = 'approve' | 'deny';

/**
 * Who decided a code: the HTML form (`form`), the JSON control endpoint (`control`), a program
 * calling `approve()`/`deny()` on the server object (`program`), or an auto-decision option (`auto`).
 */
export type DecisionSource = 'form' | 'control' | 'program' | 'auto';

/** One issued device code. Mutated only by {@link DeviceStore}. */
export interface DeviceCodeRecord {
  /** The secret code the device polls with. */
  readonly deviceCode: string;
  /** The code the person types on the activation page. */
  readonly userCode: string;
  /** When it was issued (ms, injected clock). */
  readonly createdAt: number;
  /** When it stops working (ms, injected clock). */
  readonly expiresAt: number;
  /**
   * Minimum time between two polls (ms): the interval handed out, grown by the store's
   * `slowDownIncrementMs` at each poll answered as too fast (RFC 8628 §3.5 `slow_down`).
   */
  intervalMs: number;
  /** The `scope` the device asked for (RFC 8628 §3.1), if any; the token answer echoes it. */
  readonly scope: string | undefined;
  /** Current state. */
  state: DeviceCodeState;
  /** Polls answered so far (polls rejected as too fast are not counted). */
  polls: number;
  /** When the last counted poll arrived (ms), if any. */
  lastPollAt: number | undefined;
  /** When the last poll of any answer arrived (ms), if any: early polls are measured from it. */
  lastArrivalAt: number | undefined;
}

/** What a token poll finds (the status code follows from `kind`). */
export type PollOutcome =
  /** 404: no such device code. */
  | { readonly kind: 'unknown' }
  /** 410: past its expiry and never consumed. */
  | { readonly kind: 'expired'; readonly record: DeviceCodeRecord }
  /** 429: polled sooner than its interval after the previous poll; `retryAfterSeconds` until allowed. */
  | { readonly kind: 'too-fast'; readonly record: DeviceCodeRecord; readonly retryAfterSeconds: number }
  /** 400: the person has not decided yet. */
  | { readonly kind: 'pending'; readonly record: DeviceCodeRecord }
  /** 200: approved, and this poll consumes it; the caller issues the token. */
  | { readonly kind: 'approved'; readonly record: DeviceCodeRecord }
  /** 418: the person denied it. */
  | { readonly kind: 'denied'; readonly record: DeviceCodeRecord }
  /** 409: approved earlier and its token already handed out. */
  | { readonly kind: 'already-used'; readonly record: DeviceCodeRecord };

/**
 * A poll's outcome and its pace: how long after the previous poll of the same code it arrived,
 * and whether that was sooner than the code's current interval (strictly, without the slack of
 * {@link pollSlackMs}). Polls of unknown codes and first polls have no gap and are never early.
 */
export interface PacedPoll {
  readonly outcome: PollOutcome;
  /** Milliseconds since the previous poll of this code arrived (whatever it was answered); `undefined` for a first poll or an unknown code. */
  readonly gapMs: number | undefined;
  /** Whether `gapMs` is shorter than the code's interval at the time this poll arrived. */
  readonly early: boolean;
}

/** The result of approving or denying a user code. */
export type DecisionResult =
  /** The decision was recorded. */
  | 'approved'
  | 'denied'
  /** No live code has this user code. */
  | 'unknown'
  /** The code is past its expiry. */
  | 'expired'
  /** The code was approved or denied before; the first decision stands. */
  | 'already-decided';

/** Configuration of a {@link DeviceStore}; times in milliseconds. */
export interface DeviceStoreConfig {
  /** The clock. */
  readonly now: () => number;
  /** Polling interval of new codes (ms). */
  readonly intervalMs: number;
  /** Lifetime of new codes (ms). */
  readonly expiresInMs: number;
  /** See `MockServerOptions.autoApproveAfterPolls`. */
  readonly autoApproveAfterPolls?: number | undefined;
  /** See `MockServerOptions.autoDenyAfterPolls`. */
  readonly autoDenyAfterPolls?: number | undefined;
  /** See `MockServerOptions.autoApproveAfterMs`. */
  readonly autoApproveAfterMs?: number | undefined;
  /** See `MockServerOptions.autoDenyAfterMs`. */
  readonly autoDenyAfterMs?: number | undefined;
  /** Added to a code's interval at each poll answered as too fast (RFC 8628 §3.5: 5000). Default 0 (Trakt keeps the interval). */
  readonly slowDownIncrementMs?: number | undefined;
  /** Most codes remembered; issuing one more forgets the oldest issued. Default: no cap. */
  readonly maxCodes?: number | undefined;
  /** Makes device codes and user codes. Default: random (`defaultGenerate`). */
  readonly generate?: MockGenerate | undefined;
  /** Called whenever a code is approved or denied, by anyone (also automatically). */
  readonly onDecision?: ((record: DeviceCodeRecord, decision: MockDecision, source: DecisionSource) => void) | undefined;
}

/**
 * How early a poll may arrive (ms) and still count as on time: 10 % of the interval, at least 20 ms.
 * Timer jitter and varying transit times (Node timers can fire a millisecond early; a client that
 * schedules from its send time sees the previous request's transit) must not earn a 429, and with
 * the mock's tiny demo intervals the absolute floor matters more than the share.
 */
export function pollSlackMs(intervalMs: number): number {
  return Math.max(intervalMs * 0.1, 20);
}

/**
 * How long (ms) a code is remembered after its expiry: 1 hour. Until then a poll answers 410 (409
 * for a used code); afterwards the code is forgotten and answers 404 like one never issued, and its
 * user code may be handed out again. Keeps a long-running mock's memory bounded.
 */
export const EXPIRED_CODE_RETENTION_MS = 60 * 60 * 1000;

/** The issued device codes, keyed by device code (in issue order) and by user code. */
export class DeviceStore {
  readonly #config: DeviceStoreConfig;
  readonly #maxCodes: number;
  readonly #generate: MockGenerate;
  /** Every remembered record, oldest issued first (a `Map` keeps insertion order). */
  readonly #byDeviceCode = new Map<string, DeviceCodeRecord>();
  readonly #byUserCode = new Map<string, DeviceCodeRecord>();

  constructor(config: DeviceStoreConfig) {
    this.#config = config;
    this.#maxCodes = config.maxCodes ?? Infinity;
    this.#generate = config.generate ?? defaultGenerate;
  }

  /**
   * Issues a new code (`POST /oauth/device/code`), first forgetting codes expired for
   * {@link EXPIRED_CODE_RETENTION_MS} or longer (lazily: until a new code is issued, old codes
   * keep their answers), then the oldest codes beyond `maxCodes - 1`. User codes are unique among
   * the codes remembered.
   *
   * @throws {DeviceAuthError} `CONFIGURATION` when an injected `generate` gives no usable value.
   */
  issue(scope?: string): DeviceCodeRecord {
    const now = this.#config.now();
    this.#sweep(now);
    const userCode = drawUnique(this.#generate, 'user_code', (value) => this.#byUserCode.has(value));
    const deviceCode = drawUnique(this.#generate, 'device_code', (value) => this.#byDeviceCode.has(value));
    while (this.#byDeviceCode.size >= this.#maxCodes) this.#forgetOldest();
    const record: DeviceCodeRecord = {
      deviceCode,
      userCode,
      createdAt: now,
      expiresAt: now + this.#config.expiresInMs,
      intervalMs: this.#config.intervalMs,
      scope,
      state: 'pending',
      polls: 0,
      lastPollAt: undefined,
      lastArrivalAt: undefined,
    };
    this.#byDeviceCode.set(record.deviceCode, record);
    this.#byUserCode.set(userCode, record);
    return record;
  }

  /** How many codes are remembered (live, or expired less than {@link EXPIRED_CODE_RETENTION_MS} ago). */
  get size(): number {
    return this.#byDeviceCode.size;
  }

  /** The record of a user code as a person typed it (see `normalizeUserCode`), after applying due auto-decisions. */
  findByUserCode(userCode: string): DeviceCodeRecord | undefined {
    const record = this.#byUserCode.get(normalizeUserCode(userCode));
    if (record !== undefined) this.#applyTimedDecisions(record, this.#config.now());
    return record;
  }

  /** True when the code is past its expiry by the injected clock. */
  isExpired(record: DeviceCodeRecord): boolean {
    return this.#config.now() >= record.expiresAt;
  }

  /**
   * Answers a token poll (`POST /oauth/device/token`). Order: unknown (404; also a code forgotten
   * after {@link EXPIRED_CODE_RETENTION_MS}); consumed (409, even after expiry); expired (410); too fast (429, only while the code is pending or approved: final
   * answers are given at any pace); then the state, after applying due auto-decisions.
   */
  poll(deviceCode: string): PollOutcome {
    return this.pollPaced(deviceCode).outcome;
  }

  /**
   * {@link DeviceStore.poll}, also saying how long after the previous poll of the same code this
   * one arrived and whether that was early (see {@link PacedPoll}). O(1).
   */
  pollPaced(deviceCode: string): PacedPoll {
    const record = this.#byDeviceCode.get(deviceCode);
    if (record === undefined) return { outcome: { kind: 'unknown' }, gapMs: undefined, early: false };
    const now = this.#config.now();
    const gapMs = record.lastArrivalAt === undefined ? undefined : now - record.lastArrivalAt;
    const early = gapMs !== undefined && gapMs < record.intervalMs;
    record.lastArrivalAt = now;
    return { outcome: this.#answerPoll(record, now), gapMs, early };
  }

  #answerPoll(record: DeviceCodeRecord, now: number): PollOutcome {
    this.#applyTimedDecisions(record, now);
    if (record.state === 'consumed') return this.#count(record, now, { kind: 'already-used', record });
    if (now >= record.expiresAt) return { kind: 'expired', record };
    if ((record.state === 'pending' || record.state === 'approved') && record.lastPollAt !== undefined) {
      const elapsed = now - record.lastPollAt;
      if (elapsed < record.intervalMs - pollSlackMs(record.intervalMs)) {
        const retryAfterSeconds = Math.max(1, Math.ceil((record.intervalMs - elapsed) / 1000));
        record.intervalMs += this.#config.slowDownIncrementMs ?? 0;
        return { kind: 'too-fast', record, retryAfterSeconds };
      }
    }
    this.#applyPollDecisions(record);
    switch (record.state) {
      case 'pending':
        return this.#count(record, now, { kind: 'pending', record });
      case 'approved':
        record.state = 'consumed';
        return this.#count(record, now, { kind: 'approved', record });
      case 'denied':
        return this.#count(record, now, { kind: 'denied', record });
    }
  }

  /** Approves or denies a code by its user code (the activation page, the control API, a program). */
  decide(userCode: string, decision: MockDecision, source: DecisionSource): DecisionResult {
    const record = this.findByUserCode(userCode);
    if (record === undefined) return 'unknown';
    if (record.state !== 'pending') return 'already-decided';
    if (this.isExpired(record)) return 'expired';
    this.#settle(record, decision, source);
    return decision === 'approve' ? 'approved' : 'denied';
  }

  /**
   * Forgets the codes expired for the retention or longer. They are at the front: all codes live
   * equally long, so expiry follows issue order, and the sweep stops at the first code to keep.
   * (Were the clock set back, a few codes would wait for a later sweep or the cap.)
   */
  #sweep(now: number): void {
    for (const record of this.#byDeviceCode.values()) {
      if (now < record.expiresAt + EXPIRED_CODE_RETENTION_MS) return;
      this.#forget(record);
    }
  }

  /** Forgets the oldest issued code. */
  #forgetOldest(): void {
    const oldest = this.#byDeviceCode.values().next();
    if (!oldest.done) this.#forget(oldest.value);
  }

  #forget(record: DeviceCodeRecord): void {
    this.#byDeviceCode.delete(record.deviceCode);
    if (this.#byUserCode.get(record.userCode) === record) this.#byUserCode.delete(record.userCode);
  }

  #count(record: DeviceCodeRecord, now: number, outcome: PollOutcome): PollOutcome {
    record.polls += 1;
    record.lastPollAt = now;
    return outcome;
  }

  #settle(record: DeviceCodeRecord, decision: MockDecision, source: DecisionSource): void {
    record.state = decision === 'approve' ? 'approved' : 'denied';
    this.#config.onDecision?.(record, decision, source);
  }

  /** Timed auto-decisions take effect at `createdAt + after`, so never after expiry. */
  #applyTimedDecisions(record: DeviceCodeRecord, now: number): void {
    if (record.state !== 'pending') return;
    const { autoApproveAfterMs: approveMs, autoDenyAfterMs: denyMs } = this.#config;
    const due = (after: number | undefined): boolean =>
      after !== undefined && now >= record.createdAt + after && record.createdAt + after < record.expiresAt;
    if (due(approveMs) && (!due(denyMs) || (approveMs ?? 0) <= (denyMs ?? 0))) this.#settle(record, 'approve', 'auto');
    else if (due(denyMs)) this.#settle(record, 'deny', 'auto');
  }

  /** Poll-count auto-decisions: with `n`, the code is decided when `n` polls have been answered. */
  #applyPollDecisions(record: DeviceCodeRecord): void {
    if (record.state !== 'pending') return;
    const { autoApproveAfterPolls: approveAfter, autoDenyAfterPolls: denyAfter } = this.#config;
    if (approveAfter !== undefined && record.polls >= approveAfter) this.#settle(record, 'approve', 'auto');
    else if (denyAfter !== undefined && record.polls >= denyAfter) this.#settle(record, 'deny', 'auto');
  }
}
