/**
 * The mock's rules behind one function: a request in (method, target, headers, a body reader), an
 * answer out, logged and announced. `startMockServer` (over `node:http`) and `createMockFetch` (an
 * in-memory `fetch`) are thin wrappers that only move bytes; every rule lives here and in the
 * routes. Imports no `node:` module, so it runs in browsers, Bun and Deno too.
 *
 * The rules in front of each route, in order: a target that does not parse → 400; CORS preflight →
 * CDN `User-Agent` block → routing (404, 405) → `Host` check of pages and controls (421) and
 * `Origin` check of controls (403) → injected faults (the `faultPlan`'s, else random ones) → the
 * dialect's rules of API routes (Trakt's headers; none in `rfc8628`) → handler. Routes and those
 * rules come from the dialect chosen by the `dialect` option (`dialect.ts`).
 */

import { DeviceAuthError } from '../core/errors.js';
import { blockedReply, hasUserAgent } from './blocked-page.js';
import type { MockContext } from './context.js';
import { CORS_HEADERS, preflightReply } from './cors.js';
import { createCsrfToken } from './csrf.js';
import { DeviceStore } from './device-store.js';
import { dialectNamed } from './dialect.js';
import { createFaultPlanner } from './fault-plan.js';
import { chooseFault, faultReply, plannedFaultReply } from './faults.js';
import { isOwnOrigin } from './host-check.js';
import type { MockEventMap } from './mock-events.js';
import type { MockFaultKind, ResolvedMockOptions } from './options.js';
import { DROP_REPLY, errorReply, textReply, type MockHeaders, type MockReply, type MockRequest } from './reply.js';
import { RequestLog, redactHeaders, type MockLogEntry } from './request-log.js';
import { parseRequestTarget } from './request-target.js';
import { matchRoute, pathKind, type MockRoute } from './routes.js';
import { TokenStore } from './token-store.js';
import { MockStatsCounter } from './stats.js';
import { TypedEmitter } from './typed-emitter.js';

/** What a handler needs to know about the mock it serves. */
export interface MockHandlerSetup {
  /** Validated options. */
  readonly options: ResolvedMockOptions;
  /** The mock's base URL, no trailing slash (`verification_url` is `<publicUrl ?? url>/activate`). */
  readonly url: string;
  /** Whether a `Host` is the mock's own, for pages and controls (see `host-check.ts`). */
  readonly allowsHost: (host: string | undefined) => boolean;
}

/** A request as a transport hands it over. */
export interface IncomingMockRequest {
  /** The method as sent (upper-cased here). */
  readonly method: string;
  /** The request target as sent: an origin-form path (`/a?b`) or an absolute URL. */
  readonly target: string | undefined;
  /** Request headers, names in lower case. */
  readonly headers: MockHeaders;
  /**
   * Reads the body: resolves with its bytes, with `undefined` when it is larger than
   * `MAX_BODY_BYTES` (answered 413), or rejects when the client went away.
   */
  readonly readBody: () => Promise<Uint8Array | undefined>;
  /** Aborts when the client went away: a slow answer stops waiting and a failure becomes a drop. */
  readonly signal?: AbortSignal | undefined;
}

/** The rules of one mock, shared by its transports. */
export interface MockHandler {
  /** Options, stores, events and the form token, as route handlers see them. */
  readonly context: MockContext;
  /** Every answered (or dropped) request, secrets removed. */
  readonly log: RequestLog;
  /** Where everything that happens is announced. */
  readonly events: TypedEmitter<MockEventMap>;
  /** Aborted by {@link MockHandler.close}. */
  readonly closing: AbortSignal;
  /** Answers one request. Never rejects: a failure is answered 500 (or a drop when closing or the client left) and logged. */
  handle(request: IncomingMockRequest): Promise<MockReply>;
  /** Cancels slow answers in progress (they become drops). */
  close(): void;
}

interface Routed {
  readonly reply: MockReply;
  readonly fault?: MockFaultKind | undefined;
  /** Whether the answer carries the CORS headers: all but those of pages and controls. */
  readonly cors: boolean;
}

/** A signal that aborts when either does, and a function that detaches it again. */
function eitherSignal(first: AbortSignal, second: AbortSignal | undefined): { signal: AbortSignal; dispose: () => void } {
  if (second === undefined) return { signal: first, dispose: () => undefined };
  const controller = new AbortController();
  const sources = [first, second];
  const onAbort = (event: Event): void => controller.abort((event.target as AbortSignal).reason);
  const dispose = (): void => {
    for (const source of sources) source.removeEventListener('abort', onAbort);
  };
  const aborted = sources.find((source) => source.aborted);
  if (aborted !== undefined) controller.abort(aborted.reason);
  else for (const source of sources) source.addEventListener('abort', onAbort, { once: true });
  return { signal: controller.signal, dispose };
}

function withCors(reply: MockReply): MockReply {
  return reply.kind === 'drop' ? reply : { ...reply, headers: { ...CORS_HEADERS, ...reply.headers } };
}

/** Creates the stores, the log and the emitter of one mock, and the function that answers its requests. */
export function createMockHandler(setup: MockHandlerSetup): MockHandler {
  const { options: resolved, url, allowsHost } = setup;
  const { now } = resolved;
  const events = new TypedEmitter<MockEventMap>();
  const log = new RequestLog(resolved.logLimit);
  const closing = new AbortController();
  const dialect = dialectNamed(resolved.dialect);
  const planner = createFaultPlanner(resolved.faultPlan);
  const devices = new DeviceStore({
    now,
    intervalMs: resolved.interval * 1000,
    expiresInMs: resolved.expiresIn * 1000,
    autoApproveAfterPolls: resolved.autoApproveAfterPolls,
    autoDenyAfterPolls: resolved.autoDenyAfterPolls,
    autoApproveAfterMs: resolved.autoApproveAfterMs,
    autoDenyAfterMs: resolved.autoDenyAfterMs,
    maxCodes: resolved.maxDeviceCodes,
    slowDownIncrementMs: dialect.slowDownIncrementMs,
    generate: resolved.generate,
    onDecision: (record, decision, source) =>
      events.emit('decision', {
        userCode: record.userCode,
        decision: decision === 'approve' ? 'approved' : 'denied',
        source,
        time: now(),
      }),
  });
  const tokens = new TokenStore({
    now,
    lifetimeSeconds: resolved.tokenLifetime,
    username: resolved.username,
    maxPairs: resolved.maxTokenPairs,
    generate: resolved.generate,
    rotateRefreshTokens: resolved.rotateRefreshTokens,
  });
  const issuer = resolved.publicUrl ?? url;
  const context: MockContext = {
    options: resolved,
    devices,
    tokens,
    events,
    verificationUrl: `${issuer}/activate`,
    csrfToken: createCsrfToken(),
    issuer,
    stats: new MockStatsCounter(),
  };

  /** The `Host` and `Origin` rules of pages and controls; `undefined` when the request passes. */
  function guard(request: MockRequest, host: string | undefined, found: MockRoute): MockReply | undefined {
    if (!allowsHost(host)) {
      const text = 'this mock answers its pages and controls only to its own host name (a request for another name is refused, against DNS rebinding)';
      return found.kind === 'page' ? textReply(421, `Misdirected request: ${text}.\n`) : errorReply(421, 'misdirected_request', text);
    }
    const origin = request.headers.origin;
    if (found.kind === 'control' && origin !== undefined && !isOwnOrigin(origin, allowsHost)) {
      return errorReply(403, 'cross_origin_request', 'the /mock/* controls do not accept requests from pages of other sites');
    }
    return undefined;
  }

  async function route(request: MockRequest, host: string | undefined, signal: AbortSignal | undefined): Promise<Routed> {
    const kind = pathKind(request.path, dialect.routes);
    const cors = kind !== 'page' && kind !== 'control';
    if (request.method === 'OPTIONS') return { reply: preflightReply(cors), cors };
    if (!hasUserAgent(request.headers)) return { reply: blockedReply(), cors };
    const match = matchRoute(request.method, request.path, dialect.routes);
    if (match.kind === 'not-found') {
      return { reply: errorReply(404, 'not_found', `no such endpoint: ${request.method} ${request.path}`), cors };
    }
    if (match.kind === 'wrong-method') {
      const allow = match.allowed.join(', ');
      return { reply: errorReply(405, 'method_not_allowed', `${request.path} accepts ${allow}`, { Allow: allow }), cors };
    }
    const { route: found, params } = match;
    if (found.kind !== 'api') {
      const refused = guard(request, host, found);
      if (refused !== undefined) return { reply: refused, cors };
    }
    const io = { answer: () => answer(request, found, params), closing: closing.signal, client: signal, delay: resolved.delay };
    const planned = await plannedFaultReply(planner, request, io);
    if (planned !== undefined) return { reply: planned.reply, cors };
    const fault = found.faults ? chooseFault(resolved) : undefined;
    if (fault === 'slow') {
      events.emit('fault', { kind: fault, status: undefined, time: now() });
      // The poll is answered as of its arrival (pace, expiry, lastPollAt) and only the answer is
      // late, like a slow network: deciding after the delay would make the next on-time poll
      // "too fast" and a poll that arrived before expiry "expired".
      const reply = await answer(request, found, params);
      const wait = eitherSignal(closing.signal, signal);
      try {
        await resolved.delay(resolved.slowMs, wait.signal);
      } catch (error) {
        // Closing, or the client left, while the answer was held: logged as this fault's drop.
        return { reply: failureReply(signal, error), fault, cors };
      } finally {
        wait.dispose();
      }
      return { reply, fault, cors };
    }
    if (fault !== undefined) {
      const reply = faultReply(fault, resolved);
      events.emit('fault', { kind: fault, status: reply.kind === 'drop' ? 0 : reply.status, time: now() });
      return { reply, fault, cors };
    }
    return { reply: await answer(request, found, params), cors };
  }

  /** The dialect's check of API routes (Trakt's headers), then the handler. */
  async function answer(request: MockRequest, found: MockRoute, params: Readonly<Record<string, string>>): Promise<MockReply> {
    if (found.kind === 'api') {
      const refused = dialect.checkApiRequest(request, resolved);
      if (refused !== undefined) return refused;
    }
    return found.handle({ ...request, params }, context);
  }

  /** The reply to an exception: a drop while closing or when the client left, else a 500. */
  function failureReply(signal: AbortSignal | undefined, error: unknown): MockReply {
    return closing.signal.aborted || signal?.aborted === true
      ? DROP_REPLY
      : errorReply(500, 'server_error', `the mock server failed: ${error instanceof Error ? error.message : String(error)}`);
  }

  async function handle(incoming: IncomingMockRequest): Promise<MockReply> {
    const method = (incoming.method || 'GET').toUpperCase();
    const target = parseRequestTarget(incoming.target);
    const entry = { method, path: target.path, time: Number.NaN, headers: redactHeaders(incoming.headers) };
    let routed: Routed;
    try {
      entry.time = now();
      if (!target.ok) {
        routed = { reply: errorReply(400, 'invalid_request', 'the request target is not a path or an http(s) URL', { Connection: 'close' }), cors: true };
      } else {
        const body = await incoming.readBody();
        const request: MockRequest = { method, path: target.path, query: target.query, headers: incoming.headers, body: body ?? new Uint8Array(0), params: {} };
        routed =
          body === undefined
            ? { reply: errorReply(413, 'invalid_request', 'request body is too large', { Connection: 'close' }), cors: true }
            : await route(request, target.authority ?? incoming.headers.host, incoming.signal);
      }
    } catch (error) {
      // Nothing may escape as an unhandled rejection (in a server it would end the process).
      routed = { reply: failureReply(incoming.signal, error), cors: true };
    }
    const reply = routed.cors ? withCors(routed.reply) : routed.reply;
    const logged: MockLogEntry = {
      ...entry,
      status: reply.kind === 'drop' ? 0 : reply.status,
      ...(routed.fault === undefined ? {} : { fault: routed.fault }),
      ...(reply.kind === 'http' && reply.earlyPollGapMs !== undefined ? { early: true, gapMs: reply.earlyPollGapMs } : {}),
    };
    log.add(logged);
    events.emit('request', logged);
    return reply;
  }

  return {
    context,
    log,
    events,
    closing: closing.signal,
    handle,
    close: () => closing.abort(new DeviceAuthError('ABORTED', 'the mock server closed')),
  };
}
