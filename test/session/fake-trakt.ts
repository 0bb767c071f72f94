/**
 * Trakt for session tests in simulated time: the embedded mock's rules as an in-memory fetch
 * (`createMockFetch`: device codes, approval after N polls, single-use rotating refresh tokens,
 * revoke kills the pair, pacing, expiry), plus what only tests need in front of it: a network
 * latency on timers (vitest fake timers drive it), scripted failures of the next requests to a
 * path, and a record of every request with its fake-clock time and its parsed body.
 *
 * Codes and tokens are readable counters (`device-1`, `CODE1`, `access-1`, `refresh-1`), so tests
 * can name them; the N-th pair issued is `access-N` / `refresh-N`.
 */
import type { FetchLike, FetchResponseLike } from '../../src/services/http/http.js';
import { makeToken, type DeviceToken } from '../../src/core/token.js';
import { createMockFetch, type MockFetch, type MockSecretKind } from '../../src/mock/fetch.js';

/** A scripted failure: a status (5xx with an HTML page, else an `invalid_grant` JSON body), a network error, or a whole answer. */
export type Fault = number | 'network' | { status: number; headers?: Record<string, string>; body?: string };

/** Options of {@link fakeTrakt}; the mock's rules with Trakt's defaults otherwise. */
export interface FakeTraktOptions {
  /** Access-token lifetime in seconds (default 7 days). */
  tokenLifetime?: number;
  /** Latency of every answer in ms (default 0). The request reaches the mock when it is over. */
  latencyMs?: number;
  /** Polls answered 400 before the 200 (default 0). */
  approveAfterPolls?: number;
  /** Device-code lifetime in seconds (default 600). */
  codeExpiresIn?: number;
  /** Device-code polling interval in seconds (default 5). */
  interval?: number;
  /** Answer even after the client aborted (the server had already processed the request). */
  ignoreAbort?: boolean;
  /** Seconds the server's clock is ahead (negative: behind); shows in `created_at`. Default 0. */
  createdAtSkewSeconds?: number;
}

/** One request as the fake received it, for assertions on what was sent and when. */
export interface FakeRequest {
  path: string;
  /** When it was sent (fake clock). */
  at: number;
  /** The JSON body as sent (secrets included: this is a test record, not the mock's log). */
  body: Record<string, string>;
  /** The status answered; `undefined` while in flight, or when it never was (aborted, network error). */
  status?: number;
}

/** The client every session test uses; the fake's mock answers at `CLIENT.baseUrl` and knows this client. */
export const CLIENT = { clientId: 'id', clientSecret: 'secret', baseUrl: 'https://trakt.test', userAgent: 'session-tests/1.0' } as const;

/** Counters for the mock's `generate`: `device-1`, `CODE1`, `access-1`, `refresh-1`, ... */
function counters(): (kind: MockSecretKind) => string {
  const issued: Record<MockSecretKind, number> = { device_code: 0, user_code: 0, access_token: 0, refresh_token: 0 };
  const prefix: Record<MockSecretKind, string> = { device_code: 'device-', user_code: 'CODE', access_token: 'access-', refresh_token: 'refresh-' };
  return (kind) => `${prefix[kind]}${(issued[kind] += 1)}`;
}

function answer(status: number, body: string, headers: Record<string, string>): Response {
  return new Response(body === '' ? null : body, { status, headers });
}

function faultResponse(fault: Exclude<Fault, 'network'>): Response {
  if (typeof fault !== 'number') return answer(fault.status, fault.body ?? '', fault.headers ?? {});
  return fault >= 500
    ? answer(fault, '<html>oops</html>', { 'content-type': 'text/html' })
    : answer(fault, JSON.stringify({ error: 'invalid_grant' }), { 'content-type': 'application/json' });
}

/**
 * A request a test wrote by hand, as "another process of the same app" (no `User-Agent`: the
 * library always sends one), completed the way that app would send it: Trakt's headers, and for
 * a refresh the client and grant fields. Requests from the library's services pass as they are,
 * so the mock still checks what the services send.
 */
function completeHandWritten(path: string, init: Parameters<FetchLike>[1]): Parameters<FetchLike>[1] {
  const headers = Object.fromEntries(Object.entries(init.headers).map(([name, value]) => [name.toLowerCase(), value]));
  if (headers['user-agent'] !== undefined) return init;
  const body = init.body === undefined ? undefined : (JSON.parse(init.body) as Record<string, string>);
  const client = { client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret };
  const completed =
    body !== undefined && path === '/oauth/token' ? { ...client, redirect_uri: 'urn:ietf:wg:oauth:2.0:oob', grant_type: 'refresh_token', ...body } : body;
  return {
    ...init,
    headers: { 'content-type': 'application/json', 'trakt-api-key': CLIENT.clientId, 'trakt-api-version': '2', 'user-agent': CLIENT.userAgent, ...headers },
    ...(completed === undefined ? {} : { body: JSON.stringify(completed) }),
  };
}

/** Waits `ms` on a timer; rejects when `signal` aborts, unless `ignoreAbort`. */
function latency(ms: number, signal: AbortSignal, ignoreAbort: boolean): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    if (ignoreAbort) return;
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    });
  });
}

/** A fresh Trakt (an in-memory mock) with a `fetch` for the services and the helpers tests use. */
export function fakeTrakt(options: FakeTraktOptions = {}) {
  const skewMs = (options.createdAtSkewSeconds ?? 0) * 1000;
  const mock: MockFetch = createMockFetch({
    url: CLIENT.baseUrl,
    clientId: CLIENT.clientId,
    clientSecret: CLIENT.clientSecret,
    tokenLifetime: options.tokenLifetime,
    interval: options.interval,
    expiresIn: options.codeExpiresIn,
    autoApproveAfterPolls: options.approveAfterPolls ?? 0,
    generate: counters(),
    now: () => Date.now() + skewMs,
  });
  const requests: FakeRequest[] = [];
  const faults = new Map<string, Fault[]>();

  const fetch: FetchLike = async (url, init) => {
    const path = new URL(url).pathname;
    const request: FakeRequest = { path, at: Date.now(), body: init.body === undefined ? {} : (JSON.parse(init.body) as Record<string, string>) };
    requests.push(request);
    const ignoreAbort = options.ignoreAbort === true;
    if ((options.latencyMs ?? 0) > 0) await latency(options.latencyMs ?? 0, init.signal, ignoreAbort);
    if (init.signal.aborted && !ignoreAbort) throw new Error('aborted');
    const fault = faults.get(path)?.shift();
    if (fault === 'network') throw new TypeError('fetch failed: socket hang up');
    const sent = completeHandWritten(path, init);
    const response: FetchResponseLike =
      fault === undefined ? await mock.fetch(url, ignoreAbort ? { ...sent, signal: null } : sent) : faultResponse(fault);
    request.status = response.status;
    return response;
  };

  return {
    fetch,
    requests,
    /** The mock behind the fetch: its request log, events and controls. */
    mock,
    /** Answers the next requests to `path` with these faults, in order; they never reach the mock. */
    fail(path: string, ...next: Fault[]) {
      faults.set(path, [...(faults.get(path) ?? []), ...next]);
    },
    /** Issues a token pair directly (as if signed in earlier), as the session would store it. */
    issueToken(): DeviceToken {
      const body = mock.issueToken();
      return makeToken({
        accessToken: body.access_token,
        refreshToken: body.refresh_token,
        tokenType: body.token_type,
        scope: body.scope,
        createdAt: body.created_at,
        expiresIn: body.expires_in,
      });
    },
    isLiveRefresh: (token: string) => mock.tokenState(token) === 'active',
    isLiveAccess: (token: string) => mock.tokenState(token) === 'active',
    count: (path: string) => requests.filter((r) => r.path === path).length,
  };
}

/** What {@link fakeTrakt} returns. */
export type FakeTrakt = ReturnType<typeof fakeTrakt>;
