/**
 * Fault matrix, token poll (`POST /oauth/device/token`) while the person is approving: transient
 * faults are retried, paced by backoff or `Retry-After`, and the flow still signs in; permanent ones
 * end it at once in `failed` with a typed, actionable error and no further poll; when every answer
 * is an error the flow ends by its own deadline, never polling faster than its interval. The mock
 * approves on its third counted poll (a faulted poll never reaches it). Listed in docs/reliability.md.
 */
import { describe, expect, it } from 'vitest';
import type { MockScriptedFault } from '../../src/mock/fault-plan.js';
import {
  FAULTS,
  INTERVAL_MS,
  JITTER_MS,
  PATHS,
  TIMEOUT_MS,
  arrivalGaps,
  countsOnceLogged,
  entriesOf,
  redirectTo,
  refusingFetch,
  requestCounts,
  runSignIn,
  slowestPollSpacingViolation,
  startFaultyMock,
  startThief,
} from './support.js';

/** The backoff after the first transient failure: the interval doubled (src/machines/device-auth.pacing.ts). */
const FIRST_BACKOFF_MS = 2 * INTERVAL_MS;

/** A transient fault on the first poll: the retry event's reason and the least wait before the next poll. */
const transient: Array<[name: string, fault: MockScriptedFault, reason: string, message: RegExp, waitMs: number]> = [
  ['reset mid-answer', FAULTS.reset, 'NETWORK', /Could not reach http:\/\/127\.0\.0\.1:\d+: terminated/, FIRST_BACKOFF_MS],
  ['no answer within the timeout', FAULTS.hang, 'TIMEOUT', /did not answer within 1000 ms/, FIRST_BACKOFF_MS],
  ['500', FAULTS.status500, 'HTTP_STATUS', /had trouble answering \(HTTP 500\)/, FIRST_BACKOFF_MS],
  ['502 (HTML)', FAULTS.status502, 'HTTP_STATUS', /had trouble answering \(HTTP 502\)/, FIRST_BACKOFF_MS],
  ['503', FAULTS.status503, 'HTTP_STATUS', /had trouble answering \(HTTP 503\)/, FIRST_BACKOFF_MS],
  ['500 with Retry-After: 1', FAULTS.status500RetryAfter, 'HTTP_STATUS', /had trouble answering \(HTTP 500\)/, 1000],
  ['502 with Retry-After: 1', FAULTS.status502RetryAfter, 'HTTP_STATUS', /had trouble answering \(HTTP 502\)/, 1000],
  ['503 with Retry-After: 1', FAULTS.status503RetryAfter, 'HTTP_STATUS', /had trouble answering \(HTTP 503\)/, 1000],
  ['200 with HTML (a captive portal)', FAULTS.html200, 'INVALID_RESPONSE', /an HTML page, not JSON \(HTTP 200\)\. A captive portal/, FIRST_BACKOFF_MS],
  ['body over the size cap (Content-Length)', FAULTS.oversizeDeclared, 'RESPONSE_TOO_LARGE', /larger than 4096 bytes/, FIRST_BACKOFF_MS],
  ['body over the size cap (chunked)', FAULTS.oversizeChunked, 'RESPONSE_TOO_LARGE', /larger than 4096 bytes/, FIRST_BACKOFF_MS],
];

/** A patch of the real (approved) token answer. */
const patch = (set: Record<string, unknown>, remove: string[] = []): MockScriptedFault => ({ kind: 'patch', set, remove });

/** A permanent fault on the first poll: the error code and message of the failed flow. */
const permanent: Array<[name: string, fault: MockScriptedFault, code: string, message: RegExp]> = [
  ['403 HTML from a CDN', FAULTS.cdn403Html, 'BLOCKED', /blocked the request \(HTTP 403 with an HTML page\).*User-Agent/],
  ['truncated JSON', FAULTS.truncatedJson, 'INVALID_RESPONSE', /^Trakt token response: the body is not JSON \(HTTP 200\)\.$/],
  ['invalid JSON', FAULTS.invalidJson, 'INVALID_RESPONSE', /^Trakt token response: the body is not JSON \(HTTP 200\)\.$/],
  ['wrong shape (a JSON array)', FAULTS.jsonArray, 'INVALID_RESPONSE', /the body must be a JSON object/],
  ['an unknown status (451)', FAULTS.unknownStatus, 'HTTP_STATUS', /^Trakt token response: unexpected HTTP 451\.$/],
  ['a redirect to the same origin', FAULTS.redirectSameOrigin, 'REDIRECT', /redirect \(HTTP 307\) to http:\/\/127\.0\.0\.1:\d+\. Redirects are never followed/],
];

/** A bad approved answer (the code is spent): the message naming the field. */
const badToken: Array<[name: string, fault: MockScriptedFault, message: RegExp]> = [
  ['wrong shape (no access_token)', patch({}, ['access_token']), /"access_token" must be a non-empty string/],
  ['wrong type (expires_in a string)', patch({ expires_in: '7d' }), /"expires_in" must be a positive number/],
  ['wrong type (created_at null)', patch({ created_at: null }), /"created_at" must be a positive number/],
  ['empty string (refresh_token)', patch({ refresh_token: '' }), /"refresh_token" must be a non-empty string/],
];

describe('fault matrix: token poll', () => {
  it.each(transient)('%s on the first poll → retried, signed in', async (_, fault, reason, message, waitMs) => {
    const server = await startFaultyMock({ faultPlan: { token: [fault] } });
    const result = await runSignIn(server);
    expect(result.state).toBe('authorized');
    expect(result.events.filter((event) => event.type === 'retry')).toMatchObject([{ attempt: 1, reason, message: expect.stringMatching(message) }]);
    const expected = { deviceCode: 1, token: 4, refresh: 0, revoke: 0 };
    expect(await countsOnceLogged(server, expected)).toEqual(expected);
    const [afterFault, ...rest] = arrivalGaps(server, 'token');
    expect(afterFault).toBeGreaterThanOrEqual(waitMs - JITTER_MS);
    expect(rest.every((gap) => gap >= INTERVAL_MS - JITTER_MS)).toBe(true);
  });

  it('connection refused on the first poll → retried (NETWORK), signed in', async () => {
    const refusing = await refusingFetch({ token: [1] });
    const server = await startFaultyMock();
    const result = await runSignIn(server, { fetch: refusing.fetch });
    expect(result.state).toBe('authorized');
    expect(refusing.refused()).toBe(1);
    expect(result.events.filter((event) => event.type === 'retry')).toMatchObject([
      { attempt: 1, reason: 'NETWORK', message: expect.stringMatching(/^Could not reach http:\/\/127\.0\.0\.1:\d+: fetch failed\. Check the connection and the base URL\.$/) },
    ]);
    // The refused poll never arrived: the first one that did came one interval plus one backoff after the codes.
    const expected = { deviceCode: 1, token: 3, refresh: 0, revoke: 0 };
    expect(await countsOnceLogged(server, expected)).toEqual(expected);
    const [code, firstPoll] = server.log.map((entry) => entry.time);
    expect(firstPoll! - code!).toBeGreaterThanOrEqual(INTERVAL_MS + FIRST_BACKOFF_MS - JITTER_MS);
    expect(slowestPollSpacingViolation(server)).toBeUndefined();
  });

  it('429 HTML with Retry-After: 1 → slowed down (interval + step, not before Retry-After), signed in', async () => {
    const server = await startFaultyMock({ faultPlan: { token: [FAULTS.cdn429HtmlRetryAfter] } });
    const result = await runSignIn(server);
    expect(result.state).toBe('authorized');
    expect(result.events.filter((event) => event.type === 'slowDown')).toMatchObject([{ retryAfter: 1, interval: (INTERVAL_MS + 50) / 1000 }]);
    const expected = { deviceCode: 1, token: 4, refresh: 0, revoke: 0 };
    expect(await countsOnceLogged(server, expected)).toEqual(expected);
    const [afterFault, ...rest] = arrivalGaps(server, 'token');
    expect(afterFault).toBeGreaterThanOrEqual(1000 - JITTER_MS);
    expect(rest.every((gap) => gap >= INTERVAL_MS + 50 - JITTER_MS)).toBe(true);
  });

  it.each(permanent)('%s on a poll → failed at once, no further poll', async (_, fault, code, message) => {
    const server = await startFaultyMock({ faultPlan: { token: [fault] } });
    const result = await runSignIn(server);
    expect(result.state).toBe('failed');
    expect(result.error).toMatchObject({ name: 'DeviceAuthError', code });
    expect(result.error?.message).toMatch(message);
    expect(result.error?.message).not.toContain(server.clientSecret);
    const expected = { deviceCode: 1, token: 1, refresh: 0, revoke: 0 };
    expect(await countsOnceLogged(server, expected)).toEqual(expected);
  });

  it('a redirect to another origin → failed with REDIRECT naming it; the device code and secret never reach it', async () => {
    const thief = await startThief();
    const server = await startFaultyMock({ faultPlan: { token: [redirectTo(thief.url, PATHS.token)] } });
    const result = await runSignIn(server);
    expect(result).toMatchObject({ state: 'failed', error: { code: 'REDIRECT', status: 308 } });
    expect(result.error?.message).toContain(`redirect (HTTP 308) to ${thief.url}.`);
    expect(thief.requests).toEqual([]);
  });

  it.each(badToken)('approved, but the token answer has %s → failed with INVALID_RESPONSE naming the field', async (_, fault, message) => {
    const server = await startFaultyMock({ autoApproveAfterPolls: 0, faultPlan: { token: [fault] } });
    const result = await runSignIn(server);
    expect(result).toMatchObject({ state: 'failed', error: { code: 'INVALID_RESPONSE' } });
    expect(result.error?.message).toMatch(message);
    expect(result.error?.message).toMatch(/^Trakt token response: /);
    expect(requestCounts(server)).toEqual({ deviceCode: 1, token: 1, refresh: 0, revoke: 0 });
  });

  it('approved with extra fields in the token answer → signed in', async () => {
    const server = await startFaultyMock({ autoApproveAfterPolls: 0, faultPlan: { token: [patch({ extra: true, user: { name: 'x' } })] } });
    const result = await runSignIn(server);
    expect(result.state).toBe('authorized');
    expect(result.token?.accessToken).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['503', FAULTS.status503, 'retry'],
    ['a reset', FAULTS.reset, 'retry'],
    ['429 HTML without Retry-After', { kind: 'answer', status: 429, body: '<html>slow down</html>', contentType: 'text/html' } as MockScriptedFault, 'slowDown'],
  ])('every poll answered with %s → expired by the deadline; polls only ever further apart', async (_, fault, event) => {
    const started = Date.now();
    const server = await startFaultyMock({ expiresIn: 1.5, faultPlan: ({ endpoint }) => (endpoint === 'token' ? fault : undefined) });
    const result = await runSignIn(server);
    expect(result.state).toBe('expired');
    expect(result.events.filter((emitted) => emitted.type === event).length).toBe(entriesOf(server, 'token').length);
    const deadline = server.log[0]!.time + 1500;
    expect(entriesOf(server, 'token').every((entry) => entry.time < deadline)).toBe(true);
    // Backoff doubles (200, 400, 800 ms) and a slow-down adds 50 ms each time: never faster than the interval.
    const gaps = arrivalGaps(server, 'token');
    expect(gaps.length).toBeGreaterThanOrEqual(1);
    expect(gaps.every((gap, index) => gap >= INTERVAL_MS - JITTER_MS && (index === 0 || gap >= gaps[index - 1]! - JITTER_MS))).toBe(true);
    expect(Date.now() - started).toBeLessThan(1500 + TIMEOUT_MS + 1000);
  });

  it('503 with a Retry-After past the deadline → one poll, then expired at the deadline, not an hour later', async () => {
    const started = Date.now();
    const fault: MockScriptedFault = { kind: 'answer', status: 503, headers: { 'Retry-After': '3600' } };
    const server = await startFaultyMock({ expiresIn: 1, faultPlan: { token: [fault] } });
    const result = await runSignIn(server);
    expect(result.state).toBe('expired');
    expect(result.events.find((event) => event.type === 'retry')).toMatchObject({ delayMs: 3_600_000 });
    expect(requestCounts(server)).toEqual({ deviceCode: 1, token: 1, refresh: 0, revoke: 0 });
    expect(Date.now() - started).toBeLessThan(1000 + 1000);
  });
});
