/**
 * Fake services for machine tests: a scripted sequence of poll outcomes with per-request
 * latency, driven by vitest's fake timers. Records every request with its start time and
 * whether it was aborted, so tests can assert counts and spacing exactly.
 */
import { fromPromise } from 'xstate';
import type { DeviceCodes, PollOutcome, PollResult, DeviceCodeResult, PollTokenInput } from '../../src/machines/device-auth.types.js';
import type { DeviceAuthServices } from '../../src/services/dialect/create-services.js';
import { DeviceAuthError } from '../../src/core/errors.js';
import { makeToken, type DeviceToken } from '../../src/core/token.js';

/** One scripted answer: an outcome, optionally after some latency (ms). */
export type ScriptedPoll = PollOutcome | { outcome: PollOutcome; latencyMs: number };

export interface ScriptOptions {
  codes?: Partial<DeviceCodes>;
  codeLatencyMs?: number;
  /** Answers in order; the last one repeats. */
  polls: ScriptedPoll[];
  /** Default latency of a poll answer (ms). */
  pollLatencyMs?: number;
}

export interface RecordedRequest {
  kind: 'code' | 'poll';
  startedAt: number;
  deviceCode?: string;
  aborted: boolean;
  settled: boolean;
}

export const sampleToken: DeviceToken = makeToken({
  accessToken: 'access-secret',
  refreshToken: 'refresh-secret',
  tokenType: 'bearer',
  scope: 'public',
  createdAt: 1_700_000_000,
  expiresIn: 604_800,
});

export const pending: PollOutcome = { type: 'pending' };
export const authorized: PollOutcome = { type: 'authorized', token: sampleToken };
export const slowDown = (retryAfterMs?: number): PollOutcome =>
  retryAfterMs === undefined ? { type: 'slowDown' } : { type: 'slowDown', retryAfterMs };
export const networkError = (): PollOutcome => ({
  type: 'transient',
  error: new DeviceAuthError('NETWORK', 'Could not reach http://127.0.0.1: socket hang up.'),
});

function wait(ms: number, signal: AbortSignal, request: RecordedRequest): Promise<void> {
  if (ms === 0) {
    request.settled = true;
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      request.settled = true;
      resolve();
    }, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      request.aborted = true;
      reject(new DeviceAuthError('ABORTED', 'aborted'));
    });
  });
}

/** Builds scripted services and the list of requests they record. */
export function scriptedServices(options: ScriptOptions): DeviceAuthServices & { requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  let flow = 0;
  let poll = 0;
  return {
    requests,
    actors: {
      requestDeviceCode: fromPromise<DeviceCodeResult>(async ({ signal }) => {
        const request: RecordedRequest = { kind: 'code', startedAt: Date.now(), aborted: false, settled: false };
        requests.push(request);
        await wait(options.codeLatencyMs ?? 0, signal, request);
        flow += 1;
        const codes: DeviceCodes = {
          deviceCode: `device-code-${flow}`,
          userCode: `USER${flow}`,
          verificationUrl: 'https://trakt.tv/activate',
          expiresIn: 600,
          interval: 5,
          ...options.codes,
        };
        return { codes, receivedAt: Date.now() };
      }),
      pollToken: fromPromise<PollResult, PollTokenInput>(async ({ input, signal }) => {
        const startedAt = Date.now();
        const request: RecordedRequest = { kind: 'poll', startedAt, deviceCode: input.deviceCode, aborted: false, settled: false };
        requests.push(request);
        const scripted = options.polls[Math.min(poll, options.polls.length - 1)]!;
        poll += 1;
        const outcome = 'outcome' in scripted ? scripted.outcome : scripted;
        const latency = 'latencyMs' in scripted ? scripted.latencyMs : (options.pollLatencyMs ?? 0);
        await wait(latency, signal, request);
        return { outcome, startedAt, receivedAt: Date.now() };
      }),
    },
  };
}

/** Start times of the polls, relative to `origin`, in ms. */
export function pollTimes(requests: RecordedRequest[], origin: number): number[] {
  return requests.filter((r) => r.kind === 'poll').map((r) => r.startedAt - origin);
}

/** Gaps between consecutive poll starts, in ms. */
export function pollGaps(requests: RecordedRequest[]): number[] {
  const starts = requests.filter((r) => r.kind === 'poll').map((r) => r.startedAt);
  return starts.slice(1).map((start, i) => start - starts[i]!);
}
