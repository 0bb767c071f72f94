/**
 * An in-process Trakt for session tests in simulated time: a `fetch` that answers the device
 * flow, refresh and revoke with Trakt's rules (single-use rotating refresh tokens, revoke kills
 * the pair), records every request with its fake-clock time, and can be told to fail the next
 * requests to a path. Latency uses `setTimeout`, so vitest fake timers drive it.
 */
import type { FetchLike, FetchResponseLike } from '../../src/services/http/http.js';
import { makeToken, type DeviceToken } from '../../src/core/token.js';

export type Fault = number | 'network' | { status: number; headers?: Record<string, string>; body?: string };

export interface FakeTraktOptions {
  /** Access-token lifetime in seconds (default 7 days). */
  tokenLifetime?: number;
  /** Latency of every answer in ms (default 0). */
  latencyMs?: number;
  /** Polls answered 400 before the 200 (default 0). */
  approveAfterPolls?: number;
  /** Device-code lifetime in seconds (default 600). */
  codeExpiresIn?: number;
  /** Device-code polling interval in seconds (default 5). */
  interval?: number;
  /** Answer even after the client aborted (the server had already processed the request). */
  ignoreAbort?: boolean;
  /** Seconds added to `created_at` (negative: the server clock is behind). Default 0. */
  createdAtSkewSeconds?: number;
}

export interface FakeRequest {
  path: string;
  at: number;
  body: Record<string, string>;
  status?: number;
}

export const CLIENT = { clientId: 'id', clientSecret: 'secret', baseUrl: 'https://trakt.test', userAgent: 'session-tests/1.0' } as const;

export function fakeTrakt(options: FakeTraktOptions = {}) {
  const lifetime = options.tokenLifetime ?? 604_800;
  const requests: FakeRequest[] = [];
  const faults = new Map<string, Fault[]>();
  const liveRefresh = new Set<string>();
  const liveAccess = new Set<string>();
  const pairOf = new Map<string, string>();
  let serial = 0;
  let polls = 0;
  let codes = 0;

  const issue = (): Record<string, unknown> => {
    serial += 1;
    const access = `access-${serial}`;
    const refresh = `refresh-${serial}`;
    liveAccess.add(access);
    liveRefresh.add(refresh);
    pairOf.set(access, refresh);
    pairOf.set(refresh, access);
    return {
      access_token: access,
      token_type: 'bearer',
      expires_in: lifetime,
      refresh_token: refresh,
      scope: 'public',
      created_at: Math.floor(Date.now() / 1000) + (options.createdAtSkewSeconds ?? 0),
    };
  };

  const answer = (status: number, body: unknown = '', headers: Record<string, string> = {}): FetchResponseLike => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return {
      status,
      headers: new Headers({ ...(typeof body === 'string' ? {} : { 'content-type': 'application/json' }), ...headers }),
      text: async () => text,
    };
  };

  const route = (path: string, body: Record<string, string>): FetchResponseLike => {
    switch (path) {
      case '/oauth/device/code':
        codes += 1;
        polls = 0;
        return answer(200, {
          device_code: `device-${codes}`,
          user_code: `CODE${codes}`,
          verification_url: 'https://trakt.tv/activate',
          expires_in: options.codeExpiresIn ?? 600,
          interval: options.interval ?? 5,
        });
      case '/oauth/device/token':
        polls += 1;
        return polls > (options.approveAfterPolls ?? 0) ? answer(200, issue()) : answer(400);
      case '/oauth/token': {
        const old = body.refresh_token ?? '';
        if (!liveRefresh.has(old)) return answer(400, { error: 'invalid_grant', error_description: 'used or unknown' });
        liveRefresh.delete(old);
        liveAccess.delete(pairOf.get(old) ?? '');
        return answer(200, issue());
      }
      case '/oauth/revoke': {
        const access = body.token ?? '';
        liveAccess.delete(access);
        liveRefresh.delete(pairOf.get(access) ?? '');
        return answer(200);
      }
      default:
        return answer(404);
    }
  };

  const fetch: FetchLike = async (url, init) => {
    const path = new URL(url).pathname;
    const request: FakeRequest = { path, at: Date.now(), body: init.body === undefined ? {} : (JSON.parse(init.body) as Record<string, string>) };
    requests.push(request);
    const latency = options.latencyMs ?? 0;
    if (latency > 0) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, latency);
        if (options.ignoreAbort) return;
        init.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(new Error('aborted'));
        });
      });
    }
    if (init.signal.aborted && !options.ignoreAbort) throw new Error('aborted');
    const fault = faults.get(path)?.shift();
    if (fault === 'network') throw new TypeError('fetch failed: socket hang up');
    const response =
      fault === undefined
        ? route(path, request.body)
        : typeof fault === 'number'
          ? answer(fault, fault >= 500 ? '<html>oops</html>' : { error: 'invalid_grant' }, fault >= 500 ? { 'content-type': 'text/html' } : {})
          : answer(fault.status, fault.body ?? '', fault.headers ?? {});
    request.status = response.status;
    return response;
  };

  return {
    fetch,
    requests,
    /** Answers the next requests to `path` with these faults, in order. */
    fail(path: string, ...next: Fault[]) {
      faults.set(path, [...(faults.get(path) ?? []), ...next]);
    },
    /** Issues a token pair directly (as if signed in earlier), as the session would store it. */
    issueToken(): DeviceToken {
      const body = issue() as { access_token: string; refresh_token: string; token_type: string; scope: string; created_at: number; expires_in: number };
      return makeToken({
        accessToken: body.access_token,
        refreshToken: body.refresh_token,
        tokenType: body.token_type,
        scope: body.scope,
        createdAt: body.created_at,
        expiresIn: body.expires_in,
      });
    },
    isLiveRefresh: (token: string) => liveRefresh.has(token),
    isLiveAccess: (token: string) => liveAccess.has(token),
    count: (path: string) => requests.filter((r) => r.path === path).length,
  };
}

export type FakeTrakt = ReturnType<typeof fakeTrakt>;
