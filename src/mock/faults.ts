/**
 * Fault injection, in two forms. Scripted: {@link plannedFaultReply} answers the faults a
 * `faultPlan` (`fault-plan.ts`) gives the n-th request to each endpoint. Random, for token polls
 * only: {@link chooseFault} decides, with the injected `random`, whether a poll gets a fault and
 * which, and {@link faultReply} builds the CDN-like answer. Faults stand in front of the OAuth
 * server, like a CDN or a flaky network: a faulted request never reaches the stores, so a faulted
 * poll does not count as a poll (except `slow`, and a plan's `patch`: those are answered normally,
 * decided when they arrive, and only the answer is held back or rewritten).
 */

import { scriptedFaultReply } from './fault-answer.js';
import { faultEndpoint } from './fault-endpoint.js';
import { checkScriptedFault, type FaultPlanner, type MockScriptedFault } from './fault-plan.js';
import { htmlPage } from './html.js';
import type { MockDelay, MockFaultKind, ResolvedMockOptions } from './options.js';
import { DROP_REPLY, htmlReply, textReply, type MockReply, type MockRequest } from './reply.js';

/** The options fault injection reads. */
export type FaultOptions = Pick<ResolvedMockOptions, 'faultRate' | 'faults' | 'random' | 'faultRetryAfter'>;

/**
 * Picks the fault for one poll, or `undefined` for none. Calls `random()` once to decide
 * (`random() < faultRate`) and once more to choose among `faults`; not at all when `faultRate` is 0.
 */
export function chooseFault(options: FaultOptions): MockFaultKind | undefined {
  const { faultRate, faults, random } = options;
  if (faultRate <= 0 || !(random() < faultRate)) return undefined;
  const index = Math.min(faults.length - 1, Math.max(0, Math.floor(random() * faults.length)));
  return faults[index];
}

/**
 * The answer of a fault other than `slow`: `server-error` calls `random()` once more and answers
 * 502 with an HTML gateway page (`< 0.5`) or 503 with a text body; `rate-limit` answers a CDN 429
 * with `Retry-After`; `drop` destroys the connection.
 */
export function faultReply(kind: Exclude<MockFaultKind, 'slow'>, options: FaultOptions): MockReply {
  switch (kind) {
    case 'server-error':
      if (options.random() < 0.5) {
        const page = htmlPage('502 Bad Gateway', '<h1>502 Bad Gateway</h1><p>The origin server did not answer in time.</p>');
        return htmlReply(502, page);
      }
      return textReply(503, 'Service Temporarily Unavailable');
    case 'rate-limit':
      return textReply(429, 'Too Many Requests', { 'Retry-After': String(options.faultRetryAfter) });
    case 'drop':
      return DROP_REPLY;
  }
}

/** What {@link plannedFaultReply} needs from the handler besides the request. */
export interface PlannedFaultIo {
  /** The real answer of the request (for `patch` and `slow`). */
  readonly answer: () => Promise<MockReply>;
  /** Aborts when the mock closes. */
  readonly closing: AbortSignal;
  /** Aborts when the client goes away, when the transport knows. */
  readonly client: AbortSignal | undefined;
  /** How a `slow` fault waits. */
  readonly delay: MockDelay;
}

/** A signal that aborts when any of `signals` does, and a function that detaches it again. */
function anySignal(signals: readonly AbortSignal[]): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onAbort = (): void => controller.abort();
  const dispose = (): void => {
    for (const source of signals) source.removeEventListener('abort', onAbort);
  };
  if (signals.some((source) => source.aborted)) controller.abort();
  else for (const source of signals) source.addEventListener('abort', onAbort, { once: true });
  return { signal: controller.signal, dispose };
}

/**
 * The answer the fault plan (`faultPlan`, see `fault-plan.ts`) gives this request, with the fault
 * it answered, or `undefined` when the plan leaves the request alone (then the random faults and
 * the real answer apply). Every request to a plannable endpoint counts towards its n, faulted or not.
 */
export async function plannedFaultReply(
  planner: FaultPlanner,
  request: MockRequest,
  io: PlannedFaultIo,
): Promise<{ reply: MockReply; fault: MockScriptedFault } | undefined> {
  if (!planner.active) return undefined;
  const endpoint = faultEndpoint(request);
  if (endpoint === undefined) return undefined;
  const planned = planner.next(endpoint);
  if (planned === undefined) return undefined;
  const fault = checkScriptedFault(planned);
  const gone = anySignal(io.client === undefined ? [io.closing] : [io.closing, io.client]);
  try {
    const reply = await scriptedFaultReply(fault, { answer: io.answer, gone: gone.signal, delay: io.delay, path: request.path });
    return { reply, fault };
  } finally {
    gone.dispose();
  }
}
