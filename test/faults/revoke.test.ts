/**
 * Fault matrix, revoke (`POST /oauth/revoke`) when a signed-in person signs out: whatever the fault,
 * the sign-out is done here (the store cleared, `signedOut` with `cleared: true`), `revoked: false`
 * says the server did not confirm it, with a typed error naming why, and the token stays valid on the
 * server until it expires (the mock still holds it). A revoke is tried once, never retried, and never
 * sent to another origin. Listed in docs/reliability.md.
 */
import { describe, expect, it } from 'vitest';
import type { MockScriptedFault } from '../../src/mock/fault-plan.js';
import type { MockServer } from '../../src/mock/index.js';
import type { TraktServiceOptions } from '../../src/services/trakt/trakt-services.js';
import {
  FAULTS,
  PATHS,
  countsOnceLogged,
  createMemoryTokenStore,
  freshToken,
  redirectTo,
  refusingFetch,
  startFaultyMock,
  startSession,
  startThief,
} from './support.js';

/** Every revoke fault: the error code and message of the unconfirmed revoke. */
const faults: Array<[name: string, fault: MockScriptedFault, code: string, message: RegExp]> = [
  ['reset mid-answer', FAULTS.reset, 'NETWORK', /^Could not reach http:\/\/127\.0\.0\.1:\d+: terminated\. Check the connection and the base URL\.$/],
  ['no answer within the timeout', FAULTS.hang, 'TIMEOUT', /^http:\/\/127\.0\.0\.1:\d+ did not answer within 1000 ms\. Check the connection; on a slow network, raise the timeout \(timeoutMs\)\.$/],
  ['500', FAULTS.status500, 'HTTP_STATUS', /had trouble answering \(HTTP 500\)\./],
  ['502 (HTML)', FAULTS.status502, 'HTTP_STATUS', /had trouble answering \(HTTP 502\)\./],
  ['503', FAULTS.status503, 'HTTP_STATUS', /had trouble answering \(HTTP 503\)\./],
  ['500 with Retry-After: 1', FAULTS.status500RetryAfter, 'HTTP_STATUS', /had trouble answering \(HTTP 500\)\./],
  ['502 with Retry-After: 1', FAULTS.status502RetryAfter, 'HTTP_STATUS', /had trouble answering \(HTTP 502\)\./],
  ['503 with Retry-After: 1', FAULTS.status503RetryAfter, 'HTTP_STATUS', /had trouble answering \(HTTP 503\)\./],
  ['403 HTML from a CDN', FAULTS.cdn403Html, 'BLOCKED', /blocked the request \(HTTP 403 with an HTML page\).*User-Agent/],
  ['429 HTML with Retry-After: 1', FAULTS.cdn429HtmlRetryAfter, 'HTTP_STATUS', /had trouble answering \(HTTP 429\)\./],
  ['200 with HTML', FAULTS.html200, 'INVALID_RESPONSE', /^Trakt revoke: the body is an HTML page, not JSON \(HTTP 200\)\. A captive portal/],
  ['body over the size cap (Content-Length)', FAULTS.oversizeDeclared, 'RESPONSE_TOO_LARGE', /larger than 4096 bytes/],
  ['body over the size cap (chunked)', FAULTS.oversizeChunked, 'RESPONSE_TOO_LARGE', /larger than 4096 bytes/],
  ['an unknown status (451)', FAULTS.unknownStatus, 'HTTP_STATUS', /^Trakt revoke: unexpected HTTP 451\.$/],
  ['a redirect to the same origin', FAULTS.redirectSameOrigin, 'REDIRECT', /redirect \(HTTP 307\) to http:\/\/127\.0\.0\.1:\d+\. Redirects are never followed/],
];

/** Signs out of a session signed in with a fresh pair from `server`; the result, the store and the pair. */
async function signOut(server: MockServer, extra: Partial<TraktServiceOptions> = {}) {
  const token = freshToken(server);
  const store = createMemoryTokenStore(token);
  const { session } = startSession(server, store, extra);
  await session.ready();
  const result = await session.signOut();
  return { result, token, stored: await store.get() };
}

describe('fault matrix: revoke', () => {
  it.each(faults)('%s → signed out here (store cleared), revoked: false with the error; the server still holds the token', async (_, fault, code, message) => {
    const server = await startFaultyMock({ faultPlan: { revoke: [fault] } });
    const { result, token, stored } = await signOut(server);
    expect(result).toMatchObject({ reason: 'signOut', revoked: false, cleared: true, error: { name: 'DeviceAuthError', code } });
    expect(result?.error?.message).toMatch(message);
    expect(result?.error?.message).not.toContain(token.accessToken);
    expect(stored).toBeUndefined();
    expect(server.tokenState(token.accessToken)).toBe('active');
    const expected = { deviceCode: 0, token: 0, refresh: 0, revoke: 1 };
    expect(await countsOnceLogged(server, expected)).toEqual(expected);
  });

  it('connection refused → signed out here, revoked: false (NETWORK); the server still holds the token', async () => {
    const refusing = await refusingFetch({ revoke: [1] });
    const server = await startFaultyMock();
    const { result, token, stored } = await signOut(server, { fetch: refusing.fetch });
    expect(result).toMatchObject({ revoked: false, cleared: true, error: { code: 'NETWORK', message: expect.stringMatching(/^Could not reach http:\/\/127\.0\.0\.1:\d+: fetch failed\./) } });
    expect(stored).toBeUndefined();
    expect(server.tokenState(token.accessToken)).toBe('active');
    expect(refusing.refused()).toBe(1);
  });

  it('a redirect to another origin → signed out here, revoked: false (REDIRECT naming it); the token never reaches it', async () => {
    const thief = await startThief();
    const server = await startFaultyMock({ faultPlan: { revoke: [redirectTo(thief.url, PATHS.revoke)] } });
    const { result, stored } = await signOut(server);
    expect(result).toMatchObject({ revoked: false, cleared: true, error: { code: 'REDIRECT', status: 308 } });
    expect(result?.error?.message).toContain(`redirect (HTTP 308) to ${thief.url}.`);
    expect(stored).toBeUndefined();
    expect(thief.requests).toEqual([]);
  });

  it('without a fault → revoked: true, and the server no longer accepts the token (the control row)', async () => {
    const server = await startFaultyMock();
    const { result, token, stored } = await signOut(server);
    expect(result).toMatchObject({ revoked: true, cleared: true });
    expect(result?.error).toBeUndefined();
    expect(stored).toBeUndefined();
    expect(server.tokenState(token.accessToken)).toBe('revoked');
  });
});
