/**
 * Fault matrix, device code endpoint (`POST /oauth/device/code`): every fault ends the flow at once
 * in `failed` with a typed error whose message says what to do (there is no deadline yet, and the
 * person restarts), except the harmless ones (extra fields, odd but usable timing), which sign in.
 * No token poll is ever sent after a failed code request. Listed in docs/reliability.md.
 */
import { describe, expect, it } from 'vitest';
import type { MockScriptedFault } from '../../src/mock/fault-plan.js';
import {
  FAULTS,
  INTERVAL_MS,
  JITTER_MS,
  arrivalGaps,
  deadPort,
  faultOnce,
  redirectTo,
  countsOnceLogged,
  requestCounts,
  runSignIn,
  slowestPollSpacingViolation,
  startFaultyMock,
  startThief,
  PATHS,
} from './support.js';

/** A patch of the real device code answer. */
const patch = (set: Record<string, unknown>, remove: string[] = []): MockScriptedFault => ({ kind: 'patch', set, remove });

/** A fault that fails the code request: its error code and the message it must carry. */
const failing: Array<[name: string, fault: MockScriptedFault, code: string, message: RegExp]> = [
  ['reset mid-answer', FAULTS.reset, 'NETWORK', /Could not reach http:\/\/127\.0\.0\.1:\d+: .+\. Check the connection and the base URL\./],
  ['no answer within the timeout', FAULTS.hang, 'TIMEOUT', /did not answer within 1000 ms\. Check the connection; on a slow network, raise the timeout \(timeoutMs\)\.$/],
  ['500', FAULTS.status500, 'HTTP_STATUS', /had trouble answering \(HTTP 500\): try again in a moment\./],
  ['502 (HTML)', FAULTS.status502, 'HTTP_STATUS', /had trouble answering \(HTTP 502\): try again in a moment\./],
  ['503', FAULTS.status503, 'HTTP_STATUS', /had trouble answering \(HTTP 503\): try again in a moment\./],
  ['500 with Retry-After', FAULTS.status500RetryAfter, 'HTTP_STATUS', /had trouble answering \(HTTP 500\): try again in 1 s\./],
  ['502 with Retry-After', FAULTS.status502RetryAfter, 'HTTP_STATUS', /had trouble answering \(HTTP 502\): try again in 1 s\./],
  ['503 with Retry-After', FAULTS.status503RetryAfter, 'HTTP_STATUS', /had trouble answering \(HTTP 503\): try again in 1 s\./],
  ['403 HTML from a CDN', FAULTS.cdn403Html, 'BLOCKED', /blocked the request \(HTTP 403 with an HTML page\).*User-Agent/],
  ['429 HTML with Retry-After', FAULTS.cdn429HtmlRetryAfter, 'HTTP_STATUS', /is rate-limiting requests \(HTTP 429\): try again in 1 s\./],
  ['200 with HTML', FAULTS.html200, 'INVALID_RESPONSE', /the body is an HTML page, not JSON \(HTTP 200\)\. A captive portal .*: sign in to the network, or check the base URL\./],
  ['truncated JSON', FAULTS.truncatedJson, 'INVALID_RESPONSE', /the body is not JSON \(HTTP 200\)/],
  ['invalid JSON', FAULTS.invalidJson, 'INVALID_RESPONSE', /the body is not JSON \(HTTP 200\)/],
  ['wrong shape (a JSON array)', FAULTS.jsonArray, 'INVALID_RESPONSE', /the body must be a JSON object/],
  ['wrong shape (no device_code)', patch({}, ['device_code']), 'INVALID_RESPONSE', /"device_code" must be a non-empty string/],
  ['wrong type (user_code a number)', patch({ user_code: 12345 }), 'INVALID_RESPONSE', /"user_code" must be a non-empty string/],
  ['wrong type (verification_url an object)', patch({ verification_url: { href: 'x' } }), 'INVALID_RESPONSE', /"verification_url" must be a non-empty string/],
  ['empty string (user_code)', patch({ user_code: '' }), 'INVALID_RESPONSE', /"user_code" must be a non-empty string/],
  ['empty string (device_code)', patch({ device_code: '' }), 'INVALID_RESPONSE', /"device_code" must be a non-empty string/],
  ['body over the size cap (Content-Length)', FAULTS.oversizeDeclared, 'RESPONSE_TOO_LARGE', /^The answer from http:\/\/127\.0\.0\.1:\d+ is larger than 4096 bytes, far more than an OAuth answer: .*Check the connection and the base URL\.$/],
  ['body over the size cap (chunked)', FAULTS.oversizeChunked, 'RESPONSE_TOO_LARGE', /larger than 4096 bytes/],
  ['interval negative', patch({ interval: -5 }), 'INVALID_RESPONSE', /"interval" must be a positive number of seconds/],
  ['interval huge (over 24 days)', patch({ interval: 1e12 }), 'INVALID_RESPONSE', /"interval" must be under 24 days/],
  ['interval a string', patch({ interval: '5' }), 'INVALID_RESPONSE', /"interval" must be a positive number of seconds/],
  ['expires_in zero', patch({ expires_in: 0 }), 'INVALID_RESPONSE', /"expires_in" must be a positive number of seconds/],
  ['expires_in negative', patch({ expires_in: -600 }), 'INVALID_RESPONSE', /"expires_in" must be a positive number of seconds/],
  ['expires_in huge (over 24 days)', patch({ expires_in: 1e12 }), 'INVALID_RESPONSE', /"expires_in" must be under 24 days/],
  ['expires_in a string', patch({ expires_in: '600' }), 'INVALID_RESPONSE', /"expires_in" must be a positive number of seconds/],
  ['an unknown status (451)', FAULTS.unknownStatus, 'HTTP_STATUS', /Trakt device code response: unexpected HTTP 451/],
  ['a redirect to the same origin', FAULTS.redirectSameOrigin, 'REDIRECT', /answered with a redirect \(HTTP 307\) to http:\/\/127\.0\.0\.1:\d+\. Redirects are never followed/],
];

describe('fault matrix: device code endpoint', () => {
  it.each(failing)('%s → failed at once, no poll', async (_, fault, code, message) => {
    const server = await startFaultyMock({ faultPlan: faultOnce('deviceCode', fault) });
    const result = await runSignIn(server);
    expect(result.state).toBe('failed');
    expect(result.error).toMatchObject({ name: 'DeviceAuthError', code });
    expect(result.error?.message).toMatch(message);
    expect(result.error?.message).not.toContain(server.clientSecret);
    const expected = { deviceCode: 1, token: 0, refresh: 0, revoke: 0 };
    expect(await countsOnceLogged(server, expected)).toEqual(expected);
    expect(result.events.map((event) => event.type)).toEqual(['failed']);
  });

  it('connection refused → failed at once with NETWORK naming the address to check', async () => {
    const port = await deadPort();
    const server = await startFaultyMock();
    const result = await runSignIn(server, { baseUrl: `http://127.0.0.1:${port}` });
    expect(result).toMatchObject({ state: 'failed', error: { code: 'NETWORK' } });
    expect(result.error?.message).toMatch(new RegExp(`^Could not reach http://127\\.0\\.0\\.1:${port}: .+\\. Check the connection and the base URL\\.$`));
    expect(requestCounts(server)).toEqual({ deviceCode: 0, token: 0, refresh: 0, revoke: 0 });
  });

  it('a redirect to another origin → failed with REDIRECT naming that origin; nothing reaches it', async () => {
    const thief = await startThief();
    const server = await startFaultyMock({ faultPlan: faultOnce('deviceCode', redirectTo(thief.url, PATHS.deviceCode)) });
    const result = await runSignIn(server);
    expect(result).toMatchObject({ state: 'failed', error: { code: 'REDIRECT', status: 308 } });
    expect(result.error?.message).toContain(`redirect (HTTP 308) to ${thief.url}.`);
    expect(thief.requests).toEqual([]);
    expect(requestCounts(server)).toEqual({ deviceCode: 1, token: 0, refresh: 0, revoke: 0 });
  });

  it('extra fields, nested or not → signed in as usual', async () => {
    const server = await startFaultyMock({ faultPlan: faultOnce('deviceCode', patch({ extra: 'x', nested: { deep: [1, 2] }, interval_ms: 9, interval: INTERVAL_MS / 1000 })) });
    const result = await runSignIn(server);
    expect(result.state).toBe('authorized');
    expect(requestCounts(server)).toEqual({ deviceCode: 1, token: 3, refresh: 0, revoke: 0 });
    expect(slowestPollSpacingViolation(server)).toBeUndefined();
  });

  it('interval zero → raised to the floor (said in the codes event), polled no faster than the floor, signed in', async () => {
    const server = await startFaultyMock({ faultPlan: faultOnce('deviceCode', patch({ interval: 0 })) });
    const result = await runSignIn(server);
    expect(result.state).toBe('authorized');
    expect(result.events.find((event) => event.type === 'codes')).toMatchObject({ interval: 0.001, intervalRaisedFrom: 0 });
    // The mock still wants 50 ms: the early polls get 429 and the client slows down (+50 ms each).
    expect(result.events.some((event) => event.type === 'slowDown')).toBe(true);
    expect(arrivalGaps(server, 'token').every((gap) => gap >= 1 - JITTER_MS)).toBe(true);
  });

  it('interval fractional (0.075 s) → kept: polls at least 75 ms apart, signed in', async () => {
    const server = await startFaultyMock({ faultPlan: faultOnce('deviceCode', patch({ interval: 0.075 })) });
    const result = await runSignIn(server);
    expect(result.state).toBe('authorized');
    expect(requestCounts(server).token).toBe(3);
    expect(slowestPollSpacingViolation(server, 75)).toBeUndefined();
  });

  it('interval longer than the code lives → one poll shortly before the deadline, signed in', async () => {
    const server = await startFaultyMock({ autoApproveAfterPolls: 0, faultPlan: faultOnce('deviceCode', patch({ interval: 3600, expires_in: 1.5 })) });
    const result = await runSignIn(server);
    expect(result.state).toBe('authorized');
    expect(requestCounts(server).token).toBe(1);
    const [code, poll] = server.log.map((entry) => entry.time);
    // The one poll goes out 1 s before the 1.5 s deadline.
    expect(poll! - code!).toBeGreaterThanOrEqual(500 - JITTER_MS);
    expect(poll! - code!).toBeLessThan(1500);
  });

  it('expires_in fractional (1.5 s) → kept: the flow signs in within it', async () => {
    const server = await startFaultyMock({ faultPlan: faultOnce('deviceCode', patch({ expires_in: 1.5, interval: INTERVAL_MS / 1000 })) });
    const result = await runSignIn(server);
    expect(result.state).toBe('authorized');
    expect(requestCounts(server).token).toBe(3);
    expect(slowestPollSpacingViolation(server)).toBeUndefined();
  });
});
