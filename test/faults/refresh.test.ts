/**
 * Fault matrix, refresh (`POST /oauth/token`) of a signed-in session whose token is due: no fault
 * deletes the stored pair or ends the session; each one is a `refreshRetry` naming it, paced by the
 * session's backoff (100 ms doubling here) or `Retry-After`, and the next attempt refreshes. Only an
 * `invalid_grant` answer ends the session. Listed in docs/reliability.md.
 */
import { describe, expect, it } from 'vitest';
import type { MockScriptedFault } from '../../src/mock/fault-plan.js';
import type { DeviceToken } from '../../src/core/token.js';
import type { MockServer } from '../../src/mock/index.js';
import type { TokenStore } from '../../src/services/stores/token-store.js';
import type { TraktServiceOptions } from '../../src/services/trakt/trakt-services.js';
import {
  FAULTS,
  JITTER_MS,
  PATHS,
  arrivalGaps,
  countsOnceLogged,
  createMemoryTokenStore,
  dueToken,
  nextSessionEvent,
  redirectTo,
  refusingFetch,
  startFaultyMock,
  startSession,
  startThief,
} from './support.js';

/** The session's first retry delay in these tests (`retryBaseMs`). */
const RETRY_BASE_MS = 100;

/** A JSON body that is not a token answer. */
const json = (status: number, value: unknown): MockScriptedFault => ({ kind: 'answer', status, body: JSON.stringify(value), contentType: 'application/json' });
const TOKEN_FIELDS = { access_token: 'a'.repeat(64), token_type: 'bearer', expires_in: 604800, refresh_token: 'r'.repeat(64), scope: 'public', created_at: 1_700_000_000 };

/** Every refresh fault: the retry's reason and message, and the least wait before the next attempt. */
const faults: Array<[name: string, fault: MockScriptedFault, reason: string, message: RegExp, waitMs: number]> = [
  ['reset mid-answer', FAULTS.reset, 'NETWORK', /Could not reach http:\/\/127\.0\.0\.1:\d+: terminated/, RETRY_BASE_MS],
  ['no answer within the timeout', FAULTS.hang, 'TIMEOUT', /did not answer within 1000 ms/, RETRY_BASE_MS],
  ['500', FAULTS.status500, 'HTTP_STATUS', /had trouble answering \(HTTP 500\)\./, RETRY_BASE_MS],
  ['502 (HTML)', FAULTS.status502, 'HTTP_STATUS', /had trouble answering \(HTTP 502\)\./, RETRY_BASE_MS],
  ['503', FAULTS.status503, 'HTTP_STATUS', /had trouble answering \(HTTP 503\)\./, RETRY_BASE_MS],
  ['500 with Retry-After: 1', FAULTS.status500RetryAfter, 'HTTP_STATUS', /had trouble answering \(HTTP 500\)\./, 1000],
  ['502 with Retry-After: 1', FAULTS.status502RetryAfter, 'HTTP_STATUS', /had trouble answering \(HTTP 502\)\./, 1000],
  ['503 with Retry-After: 1', FAULTS.status503RetryAfter, 'HTTP_STATUS', /had trouble answering \(HTTP 503\)\./, 1000],
  ['403 HTML from a CDN', FAULTS.cdn403Html, 'BLOCKED', /blocked the request \(HTTP 403 with an HTML page\).*User-Agent/, RETRY_BASE_MS],
  ['429 HTML with Retry-After: 1', FAULTS.cdn429HtmlRetryAfter, 'HTTP_STATUS', /had trouble answering \(HTTP 429\)\./, 1000],
  ['200 with HTML', FAULTS.html200, 'INVALID_RESPONSE', /an HTML page, not JSON \(HTTP 200\)\. A captive portal/, RETRY_BASE_MS],
  ['truncated JSON', FAULTS.truncatedJson, 'INVALID_RESPONSE', /^Trakt token response: the body is not JSON \(HTTP 200\)\.$/, RETRY_BASE_MS],
  ['invalid JSON', FAULTS.invalidJson, 'INVALID_RESPONSE', /^Trakt token response: the body is not JSON \(HTTP 200\)\.$/, RETRY_BASE_MS],
  ['wrong shape (a JSON array)', FAULTS.jsonArray, 'INVALID_RESPONSE', /the body must be a JSON object/, RETRY_BASE_MS],
  ['wrong shape (no refresh_token)', json(200, { ...TOKEN_FIELDS, refresh_token: undefined }), 'INVALID_RESPONSE', /"refresh_token" must be a non-empty string/, RETRY_BASE_MS],
  ['wrong type (expires_in a string)', json(200, { ...TOKEN_FIELDS, expires_in: '604800' }), 'INVALID_RESPONSE', /"expires_in" must be a positive number/, RETRY_BASE_MS],
  ['empty string (access_token)', json(200, { ...TOKEN_FIELDS, access_token: '' }), 'INVALID_RESPONSE', /"access_token" must be a non-empty string/, RETRY_BASE_MS],
  ['body over the size cap (Content-Length)', FAULTS.oversizeDeclared, 'RESPONSE_TOO_LARGE', /larger than 4096 bytes/, RETRY_BASE_MS],
  ['body over the size cap (chunked)', FAULTS.oversizeChunked, 'RESPONSE_TOO_LARGE', /larger than 4096 bytes/, RETRY_BASE_MS],
  ['an unknown status (451)', FAULTS.unknownStatus, 'HTTP_STATUS', /^Trakt token response: unexpected HTTP 451\.$/, RETRY_BASE_MS],
  ['400 with a proxy\'s text page', { kind: 'answer', status: 400, body: 'Bad Request', contentType: 'text/plain' }, 'HTTP_STATUS', /^Trakt token response: unexpected HTTP 400\.$/, RETRY_BASE_MS],
  ['a redirect to the same origin', FAULTS.redirectSameOrigin, 'REDIRECT', /redirect \(HTTP 307\) to http:\/\/127\.0\.0\.1:\d+\. Redirects are never followed/, RETRY_BASE_MS],
];

/** A session on a due pair issued by `server`; its events and the store. */
async function dueSession(server: MockServer, extra: Partial<TraktServiceOptions> = {}) {
  const stale = dueToken(server);
  const store = createMemoryTokenStore(stale);
  const { session, events } = startSession(server, store, extra);
  return { stale, store, session, events };
}

/** What the store holds when the first `refreshRetry` is announced, then the refreshed pair. */
async function firstRetryThenRefresh(session: ReturnType<typeof startSession>['session'], store: TokenStore) {
  const retry = nextSessionEvent(session, 'refreshRetry').then(async (event) => ({ event, stored: await store.get() }));
  const refreshed = nextSessionEvent(session, 'refreshed');
  return { retry: await retry, refreshed: await refreshed };
}

/** The store never lost the pair: the old one until the refresh, the new one after. */
function expectPairKept(stored: DeviceToken | undefined, stale: DeviceToken): void {
  expect(stored?.accessToken).toBe(stale.accessToken);
  expect(stored?.refreshToken).toBe(stale.refreshToken);
}

describe('fault matrix: refresh', () => {
  it.each(faults)('%s → refreshRetry, the stored pair kept, refreshed on the next attempt', async (_, fault, reason, message, waitMs) => {
    const server = await startFaultyMock({ faultPlan: { refresh: [fault] } });
    const { stale, store, session, events } = await dueSession(server);
    const { retry, refreshed } = await firstRetryThenRefresh(session, store);
    expect(retry.event).toMatchObject({ attempt: 1, reason, message: expect.stringMatching(message), accessTokenValid: true });
    expect(retry.event.message).not.toContain(stale.refreshToken!);
    expectPairKept(retry.stored, stale);
    expect(refreshed.via).toBe('server');
    expect((await store.get())?.accessToken).toBe(refreshed.token.accessToken);
    expect(server.tokenState(stale.refreshToken!)).toBe('rotated');
    expect(events.some((event) => event.type === 'sessionEnded' || event.type === 'signedOut')).toBe(false);
    const expected = { deviceCode: 0, token: 0, refresh: 2, revoke: 0 };
    expect(await countsOnceLogged(server, expected)).toEqual(expected);
    expect(arrivalGaps(server, 'refresh')[0]).toBeGreaterThanOrEqual(waitMs - JITTER_MS);
  });

  it('connection refused → refreshRetry (NETWORK), the stored pair kept, refreshed on the next attempt', async () => {
    const refusing = await refusingFetch({ refresh: [1] });
    const server = await startFaultyMock();
    const { stale, store, session } = await dueSession(server, { fetch: refusing.fetch });
    const { retry, refreshed } = await firstRetryThenRefresh(session, store);
    expect(retry.event).toMatchObject({ attempt: 1, reason: 'NETWORK', message: expect.stringMatching(/^Could not reach http:\/\/127\.0\.0\.1:\d+: fetch failed\./) });
    expectPairKept(retry.stored, stale);
    expect(refreshed.via).toBe('server');
    expect(refusing.refused()).toBe(1);
    expect(await countsOnceLogged(server, { deviceCode: 0, token: 0, refresh: 1, revoke: 0 })).toEqual({ deviceCode: 0, token: 0, refresh: 1, revoke: 0 });
  });

  it('a redirect to another origin → refreshRetry (REDIRECT naming it); the refresh token never reaches it', async () => {
    const thief = await startThief();
    const server = await startFaultyMock({ faultPlan: { refresh: [redirectTo(thief.url, PATHS.refresh)] } });
    const { stale, store, session } = await dueSession(server);
    const { retry } = await firstRetryThenRefresh(session, store);
    expect(retry.event).toMatchObject({ reason: 'REDIRECT', message: expect.stringContaining(`redirect (HTTP 308) to ${thief.url}.`) });
    expectPairKept(retry.stored, stale);
    expect(thief.requests).toEqual([]);
  });

  it('every attempt failing → retries only ever further apart, the pair kept throughout', async () => {
    const server = await startFaultyMock({ faultPlan: ({ endpoint }) => (endpoint === 'refresh' ? FAULTS.status503 : undefined) });
    const { stale, store, session } = await dueSession(server);
    const delays: number[] = [];
    await new Promise<void>((resolve) => {
      session.actor.on('refreshRetry', async (event) => {
        delays.push(event.delayMs);
        expectPairKept(await store.get(), stale);
        if (delays.length === 4) resolve();
      });
    });
    session.stop();
    expect(delays).toEqual([100, 200, 400, 800]);
    const gaps = arrivalGaps(server, 'refresh');
    expect(gaps.every((gap, index) => gap >= delays[index]! - JITTER_MS)).toBe(true);
  });

  it('the known limit: an answer garbled after the server rotated the pair → the retry is refused (invalid_grant) and the session ends', async () => {
    // The patch reaches the server (the pair is rotated there), then breaks the answer on its way back.
    const server = await startFaultyMock({ faultPlan: { refresh: [{ kind: 'patch', set: { access_token: '' } }] } });
    const { stale, store, session, events } = await dueSession(server);
    const signedOut = nextSessionEvent(session, 'signedOut');
    const retry = await nextSessionEvent(session, 'refreshRetry');
    expect(retry).toMatchObject({ attempt: 1, reason: 'INVALID_RESPONSE' });
    expect(server.tokenState(stale.refreshToken!)).toBe('rotated');
    expect(await signedOut).toMatchObject({ reason: 'invalidGrant', cleared: true });
    expect(events.find((event) => event.type === 'sessionEnded')).toMatchObject({ error: { code: 'INVALID_GRANT' } });
    expect(await store.get()).toBeUndefined();
    expect(await countsOnceLogged(server, { deviceCode: 0, token: 0, refresh: 2, revoke: 0 })).toEqual({ deviceCode: 0, token: 0, refresh: 2, revoke: 0 });
  });

  it.each([
    ['400 invalid_grant', json(400, { error: 'invalid_grant', error_description: 'The refresh token is invalid.' }), 400],
    ['401 invalid_grant', json(401, { error: 'invalid_grant' }), 401],
  ])('%s → the session ends (INVALID_GRANT, "sign in again") and the failed pair is cleared', async (_, fault, status) => {
    const server = await startFaultyMock({ faultPlan: { refresh: [fault] } });
    const { store, session, events } = await dueSession(server);
    const signedOut = await nextSessionEvent(session, 'signedOut');
    expect(signedOut).toMatchObject({ reason: 'invalidGrant', cleared: true });
    expect(events.find((event) => event.type === 'sessionEnded')).toMatchObject({
      reason: 'invalidGrant',
      error: { code: 'INVALID_GRANT', status, message: expect.stringMatching(/^The refresh token was refused \(HTTP 40[01], invalid_grant.*\): sign in again\.$/) },
    });
    expect(await store.get()).toBeUndefined();
    expect(await countsOnceLogged(server, { deviceCode: 0, token: 0, refresh: 1, revoke: 0 })).toEqual({ deviceCode: 0, token: 0, refresh: 1, revoke: 0 });
  });
});
