/**
 * Fault injection for token polls: decides, with the injected `random`, whether a poll gets a fault
 * and which, and builds the CDN-like answer. Faults stand in front of the OAuth server, like a CDN
 * or a flaky network: a faulted poll never reaches the device store, so it does not count as a poll
 * (except `slow`: that poll is answered normally, decided when it arrives, and only the answer is
 * held back).
 */

import { htmlPage } from './html.js';
import type { MockFaultKind, ResolvedMockOptions } from './options.js';
import { DROP_REPLY, htmlReply, textReply, type MockReply } from './reply.js';

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
