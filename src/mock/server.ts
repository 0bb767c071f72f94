/**
 * The embedded Trakt-compatible OAuth server: `node:http` wiring, the order of the rules in front
 * of each route (CORS preflight → CDN `User-Agent` block → routing → injected faults → Trakt
 * headers → handler), the request log and the public {@link MockServer} handle.
 *
 * @example
 * ```ts
 * const server = await startMockServer({ interval: 0.05, autoApproveAfterPolls: 2 });
 * // point a client at server.url with clientId server.clientId / clientSecret server.clientSecret
 * await server.waitFor('token', (event) => event.kind === 'issued');
 * await server.close();
 * ```
 */

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeviceAuthError } from '../core/errors.js';
import { blockedReply, hasUserAgent } from './blocked-page.js';
import type { MockContext } from './context.js';
import { CORS_HEADERS, preflightReply } from './cors.js';
import { DeviceStore, type DecisionResult } from './device-store.js';
import { chooseFault, faultReply } from './faults.js';
import type { MockEventMap } from './mock-events.js';
import { resolveMockOptions, type MockFaultKind, type MockServerOptions } from './options.js';
import { readBody } from './read-body.js';
import { DROP_REPLY, errorReply, type MockReply, type MockRequest } from './reply.js';
import { RequestLog, redactHeaders, type MockLogEntry } from './request-log.js';
import { matchRoute, type MockRoute } from './routes.js';
import { parseRequestTarget } from './request-target.js';
import { TokenStore } from './token-store.js';
import { checkTraktHeaders } from './trakt-headers.js';
import { TypedEmitter, type Listener, type WaitForOptions } from './typed-emitter.js';

/** A running mock server. */
export interface MockServer {
  /** Base URL, e.g. `http://127.0.0.1:53124` (no trailing slash). Use it as the API and OAuth host. */
  readonly url: string;
  /** The port it listens on. */
  readonly port: number;
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
  /** Approves a pending code by its user code, as the person would on the page. */
  approve(userCode: string): DecisionResult;
  /** Denies a pending code by its user code. */
  deny(userCode: string): DecisionResult;
  /** Subscribes to an event (see {@link MockEventMap}); returns an unsubscribe function. */
  on<K extends keyof MockEventMap>(event: K, listener: Listener<MockEventMap, K>): () => void;
  /** Resolves with the next event of that name matching `predicate`. Call before triggering it. */
  waitFor<K extends keyof MockEventMap>(
    event: K,
    predicate?: (payload: MockEventMap[K]) => boolean,
    options?: WaitForOptions,
  ): Promise<MockEventMap[K]>;
  /** Stops listening, cuts open connections and cancels slow answers. Safe to call twice. */
  close(): Promise<void>;
}

interface Routed {
  readonly reply: MockReply;
  readonly fault?: MockFaultKind | undefined;
}

function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      reject(new DeviceAuthError('CONFIGURATION', `mock server: cannot listen on ${host}:${port}: ${error.message}`, { cause: error }));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

function write(request: IncomingMessage, response: ServerResponse, reply: MockReply): void {
  if (reply.kind === 'drop') {
    request.socket.destroy();
    return;
  }
  if (response.headersSent || response.destroyed) return;
  const body = Buffer.from(reply.body, 'utf8');
  const headers: Record<string, string> = { ...CORS_HEADERS, ...reply.headers };
  if (reply.status !== 204 && reply.status !== 304) headers['Content-Length'] = String(body.length);
  response.writeHead(reply.status, headers);
  response.end(request.method === 'HEAD' || body.length === 0 ? undefined : body);
}

/**
 * Starts the mock on `options.host` (default 127.0.0.1) and `options.port` (default: a free port).
 *
 * @throws {DeviceAuthError} `CONFIGURATION` when an option is invalid or the port cannot be used.
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const resolved = resolveMockOptions(options);
  const { now } = resolved;
  const events = new TypedEmitter<MockEventMap>();
  const log = new RequestLog(resolved.logLimit);
  const closing = new AbortController();
  const devices = new DeviceStore({
    now,
    intervalMs: resolved.interval * 1000,
    expiresInMs: resolved.expiresIn * 1000,
    autoApproveAfterPolls: resolved.autoApproveAfterPolls,
    autoDenyAfterPolls: resolved.autoDenyAfterPolls,
    autoApproveAfterMs: resolved.autoApproveAfterMs,
    autoDenyAfterMs: resolved.autoDenyAfterMs,
    onDecision: (record, decision, source) =>
      events.emit('decision', {
        userCode: record.userCode,
        decision: decision === 'approve' ? 'approved' : 'denied',
        source,
        time: now(),
      }),
  });
  const tokens = new TokenStore({ now, lifetimeSeconds: resolved.tokenLifetime, username: resolved.username });

  const server = createServer();
  const address = await listen(server, resolved.port, resolved.host);
  const url = `http://${urlHost(resolved.host)}:${address.port}`;
  const context: MockContext = {
    options: resolved,
    devices,
    tokens,
    events,
    verificationUrl: `${resolved.publicUrl ?? url}/activate`,
  };

  async function route(request: MockRequest): Promise<Routed> {
    if (request.method === 'OPTIONS') return { reply: preflightReply() };
    if (!hasUserAgent(request.headers)) return { reply: blockedReply() };
    const match = matchRoute(request.method, request.path);
    if (match.kind === 'not-found') {
      return { reply: errorReply(404, 'not_found', `no such endpoint: ${request.method} ${request.path}`) };
    }
    if (match.kind === 'wrong-method') {
      const allow = match.allowed.join(', ');
      return { reply: errorReply(405, 'method_not_allowed', `${request.path} accepts ${allow}`, { Allow: allow }) };
    }
    const { route: found, params } = match;
    const fault = found.faults ? chooseFault(resolved) : undefined;
    if (fault === 'slow') {
      events.emit('fault', { kind: fault, status: undefined, time: now() });
      // The poll is answered as of its arrival (pace, expiry, lastPollAt) and only the answer is
      // late, like a slow network: deciding after the delay would make the next on-time poll
      // "too fast" and a poll that arrived before expiry "expired".
      const reply = await answer(request, found, params);
      await resolved.delay(resolved.slowMs, closing.signal);
      return { reply, fault };
    }
    if (fault !== undefined) {
      const reply = faultReply(fault, resolved);
      events.emit('fault', { kind: fault, status: reply.kind === 'drop' ? 0 : reply.status, time: now() });
      return { reply, fault };
    }
    return { reply: await answer(request, found, params) };
  }

  /** The Trakt header check of API routes, then the handler. */
  async function answer(request: MockRequest, found: MockRoute, params: Readonly<Record<string, string>>): Promise<MockReply> {
    if (found.kind === 'api') {
      const refused = checkTraktHeaders(request.headers, resolved.clientId);
      if (refused !== undefined) return refused;
    }
    return found.handle({ ...request, params }, context);
  }

  /** Logs the answer, writes it and announces it; the one exit of every request. */
  function finish(incoming: IncomingMessage, response: ServerResponse, entry: Omit<MockLogEntry, 'status'>, reply: MockReply): void {
    const logged: MockLogEntry = { ...entry, status: reply.kind === 'drop' ? 0 : reply.status };
    log.add(logged);
    write(incoming, response, reply);
    events.emit('request', logged);
  }

  /** The reply to an exception: a drop while closing or when the client left, else a 500. */
  function failureReply(incoming: IncomingMessage, error: unknown): MockReply {
    return closing.signal.aborted || incoming.destroyed
      ? DROP_REPLY
      : errorReply(500, 'server_error', `the mock server failed: ${error instanceof Error ? error.message : String(error)}`);
  }

  async function handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = (incoming.method ?? 'GET').toUpperCase();
    const target = parseRequestTarget(incoming.url);
    const entry = { method, path: target.path, time: Number.NaN, headers: redactHeaders(incoming.headers) };
    try {
      entry.time = now();
      if (!target.ok) {
        finish(incoming, response, entry, errorReply(400, 'invalid_request', 'the request target is not a path or an http(s) URL', { Connection: 'close' }));
        return;
      }
      let routed: Routed;
      try {
        const body = await readBody(incoming);
        const request: MockRequest = { method, path: target.path, query: target.query, headers: incoming.headers, body: body ?? Buffer.alloc(0), params: {} };
        routed =
          body === undefined
            ? { reply: errorReply(413, 'invalid_request', 'request body is too large', { Connection: 'close' }) }
            : await route(request);
      } catch (error) {
        routed = { reply: failureReply(incoming, error) };
      }
      finish(incoming, response, routed.fault === undefined ? entry : { ...entry, fault: routed.fault }, routed.reply);
    } catch (error) {
      // Nothing may escape as an unhandled rejection (it would end the process): answer (and log)
      // a 500 when nothing was sent yet; a failure while writing was logged before it, so cut the
      // connection.
      try {
        if (response.headersSent) response.destroy();
        else finish(incoming, response, entry, failureReply(incoming, error));
      } catch {
        response.destroy();
      }
    }
  }

  server.on('request', (incoming, response) => {
    handle(incoming, response).catch(() => response.destroy());
  });

  let closed: Promise<void> | undefined;
  return {
    url,
    port: address.port,
    verificationUrl: context.verificationUrl,
    clientId: resolved.clientId,
    clientSecret: resolved.clientSecret,
    get log() {
      return log.entries();
    },
    clearLog: () => log.clear(),
    approve: (userCode) => devices.decide(userCode, 'approve', 'program'),
    deny: (userCode) => devices.decide(userCode, 'deny', 'program'),
    on: (event, listener) => events.on(event, listener),
    waitFor: (event, predicate, waitOptions) => events.waitFor(event, predicate, waitOptions),
    close() {
      closed ??= new Promise<void>((resolve, reject) => {
        closing.abort(new DeviceAuthError('ABORTED', 'the mock server closed'));
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
