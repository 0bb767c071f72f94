/**
 * Shared pieces of the fault matrix (`test/faults/*.test.ts`): the faults as plan entries, a mock
 * on 127.0.0.1 with short timings and a fault plan, a fetch that refuses chosen requests (a port
 * nobody listens on), a "thief" origin that must never be reached, and runners for the library's
 * real device flow and session over HTTP that wait for states, never for time.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { onTestFinished } from 'vitest';
import { createActor, type SnapshotFrom } from 'xstate';
import { deviceAuthMachine } from '../../src/machines/device-auth.machine.js';
import type { DeviceAuthEmitted, DeviceAuthInput } from '../../src/machines/device-auth.types.js';
import type { SessionEmitted } from '../../src/machines/session.types.js';
import type { DeviceAuthError } from '../../src/core/errors.js';
import { makeToken, type DeviceToken } from '../../src/core/token.js';
import type { FetchLike } from '../../src/services/http/http.js';
import { createTraktServices, type TraktServiceOptions } from '../../src/services/trakt/trakt-services.js';
import { createTraktSessionServices } from '../../src/services/clients/session-services.js';
import { createSession, type Session } from '../../src/services/clients/session-client.js';
import { createMemoryTokenStore } from '../../src/services/stores/memory-token-store.js';
import type { TokenStore } from '../../src/services/stores/token-store.js';
import { startMockServer, type MockLogEntry, type MockServer, type MockServerOptions } from '../../src/mock/index.js';
import type { MockEndpoint, MockFaultPlan, MockFaultPlanRequest, MockScriptedFault } from '../../src/mock/fault-plan.js';
import { startLoopbackServer } from '../support/loopback-server.js';

/** The polling interval the mock enforces, in seconds (a poll sooner than that, less 20 ms of slack, is a 429). */
export const MOCK_INTERVAL_S = 0.05;
/**
 * The interval the client is told (the device code answer is patched), in ms: twice what the mock
 * enforces, so timer and scheduling jitter on a busy machine never turns an on-time poll into a 429.
 */
export const INTERVAL_MS = 100;
/** The per-request timeout of the clients: a `hang` fault ends as a TIMEOUT after this. */
export const TIMEOUT_MS = 1000;
/** The response-size cap of the clients. */
export const MAX_RESPONSE_BYTES = 4096;
/**
 * Arrival jitter allowed when comparing the mock's arrival times with a wait the client computed
 * from its own send times (a request delayed on a busy machine makes the next gap look shorter).
 * A client that spins shows gaps near 0, far below.
 */
export const JITTER_MS = 25;
/** The User-Agent the clients send. */
export const USER_AGENT = 'device-auth-fault-matrix/1.0';

/** The request paths of the mock's endpoints (Trakt dialect). */
export const PATHS: Readonly<Record<MockEndpoint, string>> = {
  deviceCode: '/oauth/device/code',
  token: '/oauth/device/token',
  refresh: '/oauth/token',
  revoke: '/oauth/revoke',
};

const CDN_403 = '<!DOCTYPE html><html><head><title>403 Forbidden</title></head><body><h1>Access denied</h1><p>cloudflare</p></body></html>';
const CDN_429 = '<!DOCTYPE html><html><head><title>429 Too Many Requests</title></head><body><h1>Slow down</h1></body></html>';
const PORTAL = '<!DOCTYPE html><html><head><title>Hotel Wi-Fi</title></head><body><form>Accept the terms</form></body></html>';

/** A fault that is a plain answer. */
function answer(status: number, body = '', contentType?: string, headers?: Record<string, string>): MockScriptedFault {
  return { kind: 'answer', status, body, ...(contentType === undefined ? {} : { contentType }), ...(headers === undefined ? {} : { headers }) };
}

/** The faults of the matrix that are the same on every endpoint, by name. */
export const FAULTS = {
  reset: { kind: 'reset' } as MockScriptedFault,
  hang: { kind: 'hang' } as MockScriptedFault,
  status500: answer(500, 'Internal Server Error', 'text/plain'),
  status502: answer(502, '<html><body><h1>502 Bad Gateway</h1></body></html>', 'text/html'),
  status503: answer(503, 'Service Unavailable', 'text/plain'),
  status503RetryAfter: answer(503, 'Service Unavailable', 'text/plain', { 'Retry-After': '1' }),
  status500RetryAfter: answer(500, '', undefined, { 'Retry-After': '1' }),
  status502RetryAfter: answer(502, '<html><body><h1>502 Bad Gateway</h1></body></html>', 'text/html', { 'Retry-After': '1' }),
  cdn403Html: answer(403, CDN_403, 'text/html; charset=UTF-8'),
  cdn429HtmlRetryAfter: answer(429, CDN_429, 'text/html', { 'Retry-After': '1' }),
  html200: answer(200, PORTAL, 'text/html'),
  truncatedJson: answer(200, '{"device_code":"abc","user_code":"AB', 'application/json'),
  invalidJson: answer(200, "{device_code: 'abc', }", 'application/json'),
  jsonArray: answer(200, '[]', 'application/json'),
  unknownStatus: answer(451, '', undefined),
  oversizeDeclared: { kind: 'oversize', bytes: MAX_RESPONSE_BYTES * 4 } as MockScriptedFault,
  oversizeChunked: { kind: 'oversize', bytes: MAX_RESPONSE_BYTES * 4, declareLength: false } as MockScriptedFault,
  redirectSameOrigin: { kind: 'redirect', status: 307 } as MockScriptedFault,
} as const;

/** A fault that redirects (308) to the same path on `origin`. */
export function redirectTo(origin: string, path: string): MockScriptedFault {
  return { kind: 'redirect', status: 308, location: `${origin}${path}` };
}

/** A plan that faults only the `n`-th request to `endpoint` with `fault`. */
export function faultOnce(endpoint: MockEndpoint, fault: MockScriptedFault, n = 1): MockFaultPlan {
  return { [endpoint]: [...Array.from({ length: n - 1 }, () => undefined), fault] };
}

/** The fault `plan` gives a request, `undefined` for none. */
function plannedFault(plan: MockFaultPlan | undefined, request: MockFaultPlanRequest): MockScriptedFault | undefined {
  if (plan === undefined) return undefined;
  return (typeof plan === 'function' ? plan(request) : plan[request.endpoint]?.[request.n - 1]) ?? undefined;
}

/**
 * Starts a mock with the matrix's short timings (approval on the third counted poll); closed when
 * the test finishes. Device code answers the plan leaves alone tell the client {@link INTERVAL_MS}.
 */
export async function startFaultyMock(options: MockServerOptions = {}): Promise<MockServer> {
  const plan = options.faultPlan;
  const server = await startMockServer({
    interval: MOCK_INTERVAL_S,
    autoApproveAfterPolls: 2,
    ...options,
    faultPlan: (request) =>
      plannedFault(plan, request) ??
      (request.endpoint === 'deviceCode' ? { kind: 'patch', set: { interval: INTERVAL_MS / 1000 } } : undefined),
  });
  onTestFinished(() => server.close());
  return server;
}

/**
 * The requests the mock saw per endpoint, once it has logged `expected` requests in all (a request
 * the client gave up on is logged when the mock notices, a moment after the client moved on).
 */
export async function countsOnceLogged(server: MockServer, expected: Record<MockEndpoint, number>): Promise<Record<MockEndpoint, number>> {
  const total = Object.values(expected).reduce((sum, count) => sum + count, 0);
  if (server.log.length < total) {
    await server.waitFor('request', () => server.log.length >= total, { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
  }
  return requestCounts(server);
}

/** A port on 127.0.0.1 that nobody listens on (it was free a moment ago and is closed again). */
export async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A fetch that sends the listed requests (by endpoint and 1-based number) to a port nobody listens on. */
export async function refusingFetch(refuse: Partial<Record<MockEndpoint, readonly number[]>>): Promise<{ fetch: FetchLike; refused: () => number }> {
  const port = await deadPort();
  const counts = new Map<string, number>();
  let refused = 0;
  const endpointOf = (url: string): MockEndpoint | undefined =>
    (Object.keys(PATHS) as MockEndpoint[]).find((endpoint) => new URL(url).pathname === PATHS[endpoint]);
  const fetch: FetchLike = async (url, init) => {
    const endpoint = endpointOf(url);
    if (endpoint === undefined) return globalThis.fetch(url, init) as unknown as ReturnType<FetchLike>;
    const n = (counts.get(endpoint) ?? 0) + 1;
    counts.set(endpoint, n);
    let target = url;
    if (refuse[endpoint]?.includes(n)) {
      refused += 1;
      const moved = new URL(url);
      moved.port = String(port);
      target = moved.href;
    }
    return globalThis.fetch(target, init) as unknown as ReturnType<FetchLike>;
  };
  return { fetch, refused: () => refused };
}

/** Another origin, for redirects: it records what reaches it (nothing may) and answers 200 `{}`. */
export async function startThief() {
  const thief = await startLoopbackServer(() => ({ status: 200, headers: { 'Content-Type': 'application/json' }, body: '{}' }));
  onTestFinished(() => thief.close());
  return thief;
}

/** The Trakt client options pointing at `server`. */
export function clientOptions(server: MockServer, extra: Partial<TraktServiceOptions> = {}): TraktServiceOptions {
  return {
    clientId: server.clientId,
    clientSecret: server.clientSecret,
    baseUrl: server.url,
    userAgent: USER_AGENT,
    timeoutMs: TIMEOUT_MS,
    maxResponseBytes: MAX_RESPONSE_BYTES,
    ...extra,
  };
}

/** The machine's pacing for the matrix: a slow-down adds 50 ms, backoff capped at 1 s. */
export const FLOW_INPUT: DeviceAuthInput = { slowDownStepSeconds: 0.05, maxBackoffMs: 1000 };

/** How a device flow ended. */
export interface FlowResult {
  /** The state it rests in (`authorized`, `failed`, `expired`, ...). */
  readonly state: string;
  readonly error: DeviceAuthError | null;
  readonly token: DeviceToken | null;
  readonly events: readonly DeviceAuthEmitted[];
}

type DeviceAuthSnapshot = SnapshotFrom<typeof deviceAuthMachine>;

/** Runs the real Trakt device flow against `server` until it is authorized or rests. */
export function runSignIn(server: MockServer, extra: Partial<TraktServiceOptions> = {}, input: DeviceAuthInput = FLOW_INPUT): Promise<FlowResult> {
  const actor = createActor(deviceAuthMachine.provide(createTraktServices(clientOptions(server, extra))), { input });
  const events: DeviceAuthEmitted[] = [];
  actor.on('*', (event) => events.push(event));
  onTestFinished(() => {
    actor.stop();
  });
  return new Promise((resolve) => {
    const settle = (snapshot: DeviceAuthSnapshot) => {
      if (snapshot.status !== 'done' && !snapshot.hasTag('resting')) return;
      subscription.unsubscribe();
      resolve({ state: String(snapshot.value), error: snapshot.context.error, token: snapshot.context.token, events });
    };
    const subscription = actor.subscribe(settle);
    actor.start();
    actor.send({ type: 'start' });
  });
}

/** The log entries of one endpoint. */
export function entriesOf(server: MockServer, endpoint: MockEndpoint): MockLogEntry[] {
  return server.log.filter((entry) => entry.path === PATHS[endpoint]);
}

/** How many requests the mock saw per endpoint (every endpoint listed, 0 when none). */
export function requestCounts(server: MockServer): Record<MockEndpoint, number> {
  const counts = { deviceCode: 0, token: 0, refresh: 0, revoke: 0 };
  for (const endpoint of Object.keys(counts) as MockEndpoint[]) counts[endpoint] = entriesOf(server, endpoint).length;
  return counts;
}

/** The gaps between consecutive arrivals at an endpoint, in ms (by the mock's clock). */
export function arrivalGaps(server: MockServer, endpoint: MockEndpoint): number[] {
  const times = entriesOf(server, endpoint).map((entry) => entry.time);
  return times.slice(1).map((time, index) => time - times[index]!);
}

/** The first gap between poll arrivals shorter than `minimumMs` (less arrival jitter), `undefined` when there is none. */
export function slowestPollSpacingViolation(server: MockServer, minimumMs = INTERVAL_MS): number | undefined {
  return arrivalGaps(server, 'token').find((gap) => gap < minimumMs - JITTER_MS);
}

/** A stored pair issued by `server`, made due for refresh now (it expires within the refresh margin). */
export function dueToken(server: MockServer): DeviceToken {
  const fresh = freshToken(server);
  // Issued 6 days and 23 hours ago, for a week: it expires in an hour, inside the 24 h margin.
  return makeToken({ ...fresh, createdAt: fresh.createdAt - fresh.expiresIn + 3600 });
}

/** A session on `store` with the matrix's timings, its events collected; stopped when the test finishes. */
export function startSession(server: MockServer, store: TokenStore, extra: Partial<TraktServiceOptions> = {}) {
  const session: Session = createSession({
    services: createTraktSessionServices({ ...clientOptions(server, extra), store }),
    input: { retryBaseMs: 100, maxRetryMs: 1000, deviceAuth: FLOW_INPUT },
  });
  const events: SessionEmitted[] = [];
  session.actor.on('*', (event) => events.push(event));
  onTestFinished(() => {
    session.stop();
  });
  return { session, events };
}

/** Resolves with the first session event of `type` (already emitted or next). */
export function nextSessionEvent<T extends SessionEmitted['type']>(
  session: Session,
  type: T,
): Promise<Extract<SessionEmitted, { type: T }>> {
  return new Promise((resolve) => {
    const subscription = session.actor.on(type, (event) => {
      subscription.unsubscribe();
      resolve(event as Extract<SessionEmitted, { type: T }>);
    });
  });
}

export { createMemoryTokenStore };

/** A fresh pair issued by `server`, as a signed-in session stores it (not due for refresh). */
export function freshToken(server: MockServer): DeviceToken {
  const issued = server.issueToken();
  return makeToken({
    accessToken: issued.access_token,
    refreshToken: issued.refresh_token,
    tokenType: issued.token_type,
    scope: issued.scope,
    createdAt: issued.created_at,
    expiresIn: issued.expires_in,
  });
}
