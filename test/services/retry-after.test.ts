/**
 * `Retry-After` is the server's word and is clamped: at most an hour (a bigger wait outlives any
 * device code, and "try again in 1000000000000 s" helps nobody); negative or unreadable values
 * are ignored; an HTTP-date is read in GMT whatever the local time zone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, toPromise } from 'xstate';
import type { HttpResponse } from '../../src/core/http-message.js';
import { MAX_RETRY_AFTER_MS, retryAfterMs } from '../../src/services/http/response.js';
import { createTraktServices } from '../../src/services/trakt/trakt-services.js';
import { startLoopbackServer, type ScriptedAnswer } from '../support/loopback-server.js';

const NOW = Date.UTC(2025, 0, 1);
const withRetryAfter = (value: string): HttpResponse => ({ status: 429, headers: { 'retry-after': value }, body: '' });

describe('retryAfterMs', () => {
  it('is one hour at most', () => {
    expect(MAX_RETRY_AFTER_MS).toBe(3_600_000);
    expect(retryAfterMs(withRetryAfter('1000000000000'), NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(retryAfterMs(withRetryAfter('9'.repeat(400)), NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(retryAfterMs(withRetryAfter(new Date(NOW + 86_400_000).toUTCString()), NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(retryAfterMs(withRetryAfter('3600'), NOW)).toBe(3_600_000);
  });

  it('reads delta-seconds and HTTP-dates in all three forms, in GMT', () => {
    expect(retryAfterMs(withRetryAfter(' 30 '), NOW)).toBe(30_000);
    expect(retryAfterMs(withRetryAfter('1.5'), NOW)).toBe(1_500);
    expect(retryAfterMs(withRetryAfter('Wed, 01 Jan 2025 00:00:12 GMT'), NOW)).toBe(12_000);
    expect(retryAfterMs(withRetryAfter('Wednesday, 01-Jan-25 00:00:12 GMT'), NOW)).toBe(12_000);
    expect(retryAfterMs(withRetryAfter('Wed Jan  1 00:00:12 2025'), NOW)).toBe(12_000);
    expect(retryAfterMs(withRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT'), NOW)).toBe(0); // a past date: now
  });

  it.each(['-5', '-1.5', 'NaN', 'Infinity', '1e3', '0x10', '5 s', '2025-01-01', 'soon', ''])('ignores %j', (value) => {
    expect(retryAfterMs(withRetryAfter(value), NOW)).toBeUndefined();
  });
});

describe('clamped where it is used', () => {
  let answer: ScriptedAnswer = { status: 429 };
  let server: Awaited<ReturnType<typeof startLoopbackServer>>;
  beforeAll(async () => (server = await startLoopbackServer(() => answer)));
  afterAll(() => server.close());
  const services = () => createTraktServices({ clientId: 'id', clientSecret: 'secret', baseUrl: server.url, now: () => NOW });

  it('a rate-limited device-code request says "try again in 3600 s", not in 1000000000000 s', async () => {
    answer = { status: 429, headers: { 'Retry-After': '1000000000000' } };
    const error = await toPromise(createActor(services().actors.requestDeviceCode).start()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'HTTP_STATUS', status: 429 });
    expect((error as Error).message).toContain('try again in 3600 s.');
  });

  it('a rate-limited device-code request with a negative Retry-After says "in a moment"', async () => {
    answer = { status: 429, headers: { 'Retry-After': '-5' } };
    const error = await toPromise(createActor(services().actors.requestDeviceCode).start()).catch((e: unknown) => e);
    expect((error as Error).message).toContain('try again in a moment.');
  });

  it('a poll answered 429 or 503 with a huge Retry-After waits an hour at most', async () => {
    const poll = async () =>
      (await toPromise(createActor(services().actors.pollToken, { input: { deviceCode: 'dc', expiresAt: Number.MAX_SAFE_INTEGER } }).start())).outcome;
    answer = { status: 429, headers: { 'Retry-After': '1000000000000' } };
    expect(await poll()).toEqual({ type: 'slowDown', retryAfterMs: MAX_RETRY_AFTER_MS });
    answer = { status: 503, headers: { 'Retry-After': 'Fri, 31 Dec 9999 23:59:59 GMT' } };
    expect(await poll()).toMatchObject({ type: 'transient', retryAfterMs: MAX_RETRY_AFTER_MS });
    answer = { status: 429, headers: { 'Retry-After': '-5' } };
    expect(await poll()).toEqual({ type: 'slowDown' });
  });
});
