/**
 * An in-process Trakt for session properties, in simulated time, that keeps the server's truth:
 * which pairs it issued (numbered 1, 2, 3, …), which refresh and access tokens are still live
 * (refresh tokens are single-use and rotating, a revoke kills the pair), and why a token died.
 * Refresh answers come from a {@link SessionScenario}; the device flow (for `signIn`) approves
 * after a few polls. Also the token stores: one shared cell (the token file) seen through one
 * store object per process, whose calls take scripted time and fail when told, with no ordering
 * of their own (ordering is the session services' job).
 */
import type { DeviceToken } from '../../../src/core/token.js';
import { makeToken } from '../../../src/core/token.js';
import { DeviceAuthError } from '../../../src/core/errors.js';
import type { FetchLike, FetchResponseLike } from '../../../src/services/http/http.js';
import type { TokenStore } from '../../../src/services/stores/token-store.js';
import type { SessionScenario, StoreStep } from './session-scenario.js';

export const SESSION_CLIENT = {
  clientId: 'property-session-client',
  clientSecret: 'clientsecret-S7mWq2Ld',
  baseUrl: 'https://trakt.session.test',
  userAgent: 'property/1.0',
} as const;

export interface Pair {
  serial: number;
  accessToken: string;
  refreshToken: string;
  /** Seconds, as the server sent it. */
  createdAt: number;
  refreshLive: boolean;
  accessLive: boolean;
  /** Why it died: rotated by a refresh, refused by the script (revoked elsewhere), revoked by a sign-out. */
  death?: 'rotated' | 'refused' | 'revoked';
  /** Which process it was delivered to (the one whose request got the 200). */
  deliveredTo?: number;
}

export interface RefreshRecord {
  process: number;
  startedAt: number;
  endedAt?: number;
  ending: 'answered' | 'aborted' | 'open';
  /** The pair whose refresh token was sent (undefined for a token the server never issued). */
  sent?: Pair;
  /** Whether that refresh token was live when the request arrived, and if not why it had died. */
  sentLive: boolean;
  sentDeath?: Pair['death'];
  /** The pair issued in answer, if any. */
  issued?: Pair;
  /** Other refreshes of the same process in flight when this one started. */
  concurrent: number;
}

export interface StoreEvent {
  at: number;
  process: number;
  op: 'set' | 'delete';
  /** The pair written (by access token), or undefined for a token the server never issued. */
  serial?: number;
}

const abortError = () => new DOMException('This operation was aborted', 'AbortError');

function response(status: number, body: string, headers: Record<string, string> = {}): FetchResponseLike {
  return { status, headers: new Headers(headers), text: async () => body };
}

const json = (status: number, value: unknown, headers: Record<string, string> = {}) =>
  response(status, JSON.stringify(value), { 'content-type': 'application/json', ...headers });

export function createSessionWorld(scenario: SessionScenario) {
  const pairs: Pair[] = [];
  const byAccess = new Map<string, Pair>();
  const byRefresh = new Map<string, Pair>();
  const secrets = new Set<string>([SESSION_CLIENT.clientSecret]);
  const deviceCodes = new Set<string>();
  const refreshes: RefreshRecord[] = [];
  const storeEvents: StoreEvent[] = [];
  let refreshIndex = 0;
  let revokeIndex = 0;
  let codes = 0;
  const pollsByCode = new Map<string, number>();
  const openRefreshes = [0, 0];
  /** Timers of store calls in flight: a store call cannot be aborted, so they may outlive an actor. */
  let storeTimers = 0;
  let failedStoreCalls = 0;

  const issue = (nowMs: number, process: number | undefined): Pair => {
    const serial = pairs.length + 1;
    const pair: Pair = {
      serial,
      accessToken: `accesstoken${serial}x${(serial * 7_919).toString(36)}Qz`,
      refreshToken: `refreshtoken${serial}x${(serial * 104_729).toString(36)}Qz`,
      createdAt: Math.floor(nowMs / 1_000),
      refreshLive: true,
      accessLive: true,
      ...(process === undefined ? {} : { deliveredTo: process }),
    };
    pairs.push(pair);
    byAccess.set(pair.accessToken, pair);
    byRefresh.set(pair.refreshToken, pair);
    secrets.add(pair.accessToken);
    secrets.add(pair.refreshToken);
    return pair;
  };

  const kill = (pair: Pair, death: NonNullable<Pair['death']>) => {
    if (pair.refreshLive || pair.accessLive) pair.death = death;
    pair.refreshLive = false;
    pair.accessLive = false;
  };

  const tokenOf = (pair: Pair): DeviceToken =>
    makeToken({
      accessToken: pair.accessToken,
      refreshToken: pair.refreshToken,
      tokenType: 'bearer',
      scope: 'public',
      createdAt: pair.createdAt,
      expiresIn: scenario.lifetimeS,
    });

  const tokenBody = (pair: Pair) => ({
    access_token: pair.accessToken,
    token_type: 'bearer',
    expires_in: scenario.lifetimeS,
    refresh_token: pair.refreshToken,
    scope: 'public',
    created_at: pair.createdAt,
  });

  /** Answers one request after `latencyMs` of fake time; an abort rejects at once and cancels it. */
  const later = (
    init: Parameters<FetchLike>[1],
    latencyMs: number,
    answer: () => FetchResponseLike | 'network' | 'hang',
    onEnd: (ending: 'answered' | 'aborted') => void = () => undefined,
  ): Promise<FetchResponseLike> =>
    new Promise((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let done = false;
      const end = (ending: 'answered' | 'aborted') => {
        if (done) return false;
        done = true;
        init.signal.removeEventListener('abort', onAbort);
        onEnd(ending);
        return true;
      };
      const onAbort = () => {
        if (timer !== undefined) clearTimeout(timer);
        if (end('aborted')) reject(abortError());
      };
      if (init.signal.aborted) {
        onAbort();
        return;
      }
      init.signal.addEventListener('abort', onAbort);
      const fire = () => {
        const result = answer();
        if (result === 'hang') return; // the client's timeout will abort it
        if (!end('answered')) return;
        if (result === 'network') reject(new TypeError('fetch failed: other side closed'));
        else resolve(result);
      };
      if (latencyMs === 0) fire();
      else timer = setTimeout(fire, latencyMs);
    });

  const refresh = (process: number, body: Record<string, string>, init: Parameters<FetchLike>[1]): Promise<FetchResponseLike> => {
    const step = scenario.refreshes[refreshIndex] ?? { latencyMs: 0, reply: 'ok' as const };
    refreshIndex += 1;
    const sent = byRefresh.get(body.refresh_token ?? '');
    const record: RefreshRecord = {
      process,
      startedAt: Date.now(),
      ending: 'open',
      ...(sent === undefined ? {} : { sent }),
      sentLive: sent?.refreshLive ?? false,
      ...(sent?.death === undefined ? {} : { sentDeath: sent.death }),
      concurrent: openRefreshes[process]!,
    };
    refreshes.push(record);
    openRefreshes[process]! += 1;
    return later(
      init,
      step.latencyMs,
      () => {
        const retryAfter = step.retryAfter === undefined ? {} : { 'retry-after': step.retryAfter };
        switch (step.reply) {
          case 'hang':
          case 'network':
            return step.reply;
          case 'serverError':
            return response(503, '<html>Service unavailable</html>', { 'content-type': 'text/html', ...retryAfter });
          case 'rateLimited':
            return response(429, 'Too Many Requests', retryAfter);
          case 'garbage':
            return response(200, '<html>Welcome to the hotel wifi</html>', { 'content-type': 'text/html' });
          case 'invalidGrant':
            if (sent !== undefined) kill(sent, 'refused');
            return json(400, { error: 'invalid_grant', error_description: 'The refresh token is invalid.' });
          case 'ok': {
            if (sent === undefined || !sent.refreshLive) {
              return json(400, { error: 'invalid_grant', error_description: 'The refresh token was already used.' });
            }
            kill(sent, 'rotated');
            const issued = issue(Date.now(), process);
            record.issued = issued;
            return json(200, tokenBody(issued));
          }
        }
      },
      (ending) => {
        record.ending = ending;
        record.endedAt = Date.now();
        openRefreshes[process]! -= 1;
      },
    );
  };

  const fetchFor = (process: number): FetchLike => async (url, init) => {
    const path = new URL(url).pathname;
    const body = init.body === undefined ? {} : (JSON.parse(init.body) as Record<string, string>);
    switch (path) {
      case '/oauth/token':
        return refresh(process, body, init);
      case '/oauth/revoke': {
        const fails = scenario.revokeFails[revokeIndex] ?? false;
        revokeIndex += 1;
        return later(init, 0, () => {
          if (fails) return response(503, 'unavailable');
          const pair = byAccess.get(body.token ?? '');
          if (pair !== undefined) kill(pair, 'revoked');
          return response(200, '');
        });
      }
      case '/oauth/device/code':
        return later(init, 0, () => {
          codes += 1;
          const deviceCode = `devicecode${codes}xKp4Ws`;
          deviceCodes.add(deviceCode);
          secrets.add(deviceCode);
          return json(200, {
            device_code: deviceCode,
            user_code: `CODE${codes}`,
            verification_url: 'https://trakt.tv/activate',
            expires_in: 60,
            interval: 1,
          });
        });
      case '/oauth/device/token':
        return later(init, 0, () => {
          const code = body.code ?? '';
          const polls = (pollsByCode.get(code) ?? 0) + 1;
          pollsByCode.set(code, polls);
          if (!deviceCodes.has(code)) return response(404, '');
          if (polls <= scenario.approveAfterPolls) return response(400, '');
          if (polls > scenario.approveAfterPolls + 1) return response(409, '');
          return json(200, tokenBody(issue(Date.now(), process)));
        });
      default:
        return response(404, '');
    }
  };

  // ---- the token file, and one store object per process

  const cell: { token: DeviceToken | undefined } = { token: undefined };
  const storeIndex = { get: 0, set: 0, delete: 0 };

  const storeCall = <T>(op: 'get' | 'set' | 'delete', apply: () => T): Promise<T> => {
    const step: StoreStep = scenario.store[op][storeIndex[op]] ?? { latencyMs: 0, fails: false };
    storeIndex[op] += 1;
    const run = () => {
      if (step.fails) {
        failedStoreCalls += 1;
        throw new DeviceAuthError('STORE', `cannot ${op} the token: disk full`);
      }
      return apply();
    };
    if (step.latencyMs === 0) return Promise.resolve().then(run);
    storeTimers += 1;
    return new Promise<T>((resolve, reject) => {
      setTimeout(() => {
        storeTimers -= 1;
        try {
          resolve(run());
        } catch (error) {
          reject(error);
        }
      }, step.latencyMs);
    });
  };

  /** The lock file: one critical section at a time across every store object on the cell. */
  let lockTail: Promise<unknown> = Promise.resolve();

  /**
   * One process's view of the token file. `delete(expected)` is a compare-before-delete (only
   * while the file still holds that pair), and `withLock` runs a critical section exclusively
   * across processes, as the file store does with its lock file. Typed loosely on purpose: it is
   * assigned to `TokenStore` whichever of these optional parts the interface declares.
   */
  const storeFor = (process: number): TokenStore => {
    const store = {
      get: () => storeCall('get', () => (cell.token === undefined ? undefined : { ...cell.token })),
      set: (token: DeviceToken) =>
        storeCall('set', () => {
          cell.token = { ...token };
          const serial = byAccess.get(token.accessToken)?.serial;
          storeEvents.push({ at: Date.now(), process, op: 'set', ...(serial === undefined ? {} : { serial }) });
        }),
      delete: (expected?: { accessToken: string; refreshToken?: string | undefined }) =>
        storeCall('delete', () => {
          const held = cell.token;
          if (held === undefined) return;
          if (expected !== undefined && (held.accessToken !== expected.accessToken || held.refreshToken !== expected.refreshToken)) return;
          cell.token = undefined;
          storeEvents.push({ at: Date.now(), process, op: 'delete' });
        }),
      withLock: <T>(critical: () => Promise<T>): Promise<T> => {
        const run = lockTail.then(() => critical());
        lockTail = run.catch(() => undefined);
        return run;
      },
    };
    return store as TokenStore;
  };

  return {
    pairs,
    refreshes,
    storeEvents,
    secrets,
    deviceCodes,
    cell,
    issue,
    tokenOf,
    fetchFor,
    storeFor,
    pairOfAccess: (accessToken: string | undefined) => (accessToken === undefined ? undefined : byAccess.get(accessToken)),
    storeTimers: () => storeTimers,
    failedStoreCalls: () => failedStoreCalls,
    openRefreshes: (process: number) => openRefreshes[process]!,
  };
}

export type SessionWorld = ReturnType<typeof createSessionWorld>;
