/**
 * What every route handler of the mock shares: the options, the stores and the event emitter.
 */

import type { DeviceStore } from './device-store.js';
import type { MockEventMap } from './mock-events.js';
import type { ResolvedMockOptions } from './options.js';
import type { MockReply, MockRequest } from './reply.js';
import type { MockStatsCounter } from './stats.js';
import type { TokenStore } from './token-store.js';
import type { TypedEmitter } from './typed-emitter.js';

/** The shared state of one mock (a server or an in-memory fetch). */
export interface MockContext {
  /** Validated options. */
  readonly options: ResolvedMockOptions;
  /** Issued device codes. */
  readonly devices: DeviceStore;
  /** Issued tokens. */
  readonly tokens: TokenStore;
  /** Where handlers report what happened. */
  readonly events: TypedEmitter<MockEventMap>;
  /** `<publicUrl>/activate`, returned as `verification_url`. */
  readonly verificationUrl: string;
  /** The activation form's token (see `csrf.ts`). */
  readonly csrfToken: string;
  /** `publicUrl` or the mock's own URL, no trailing slash: the RFC 8414 `issuer` and the base of its endpoints. */
  readonly issuer: string;
  /** Totals of codes, polls (early ones too) and tokens (see `stats.ts`). */
  readonly stats: MockStatsCounter;
}

/** A route handler: a request in, a reply out. */
export type RouteHandler = (request: MockRequest, context: MockContext) => MockReply | Promise<MockReply>;
