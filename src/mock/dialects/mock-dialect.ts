/**
 * What a dialect of the mock is (see `../dialect.ts`): its routes, the rules in front of its API
 * routes, and what polling too fast costs.
 */

import type { MockDialectName, ResolvedMockOptions } from '../options.js';
import type { MockHttpReply, MockRequest } from '../reply.js';
import type { MockRoute } from '../routes.js';

/** The rules of one dialect. */
export interface MockDialect {
  readonly name: MockDialectName;
  /** Every route answered: the dialect's API routes and the shared pages and controls. */
  readonly routes: readonly MockRoute[];
  /** Rules in front of every API route's handler (Trakt's headers); the reply refusing the request, or `undefined`. */
  checkApiRequest(request: MockRequest, options: ResolvedMockOptions): MockHttpReply | undefined;
  /** Added to a code's interval each time a poll is answered as too fast (RFC 8628 §3.5: 5 s). */
  readonly slowDownIncrementMs: number;
}
