import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, toPromise } from 'xstate';
import type { PollOutcome } from '../../src/machines/device-auth.types.js';
import { createTraktServices } from '../../src/services/trakt/trakt-services.js';
import { json, startLoopbackServer, type ScriptedAnswer } from '../support/loopback-server.js';
import { sampleTokenBody } from '../support/trakt-like-server.js';

let answer: ScriptedAnswer = { status: 400 };
let server: Awaited<ReturnType<typeof startLoopbackServer>>;
beforeAll(async () => (server = await startLoopbackServer(() => answer)));
afterAll(() => server.close());

async function poll(next: ScriptedAnswer): Promise<PollOutcome> {
  answer = next;
  const services = createTraktServices({ clientId: 'id', clientSecret: 'hunter2-client-secret', baseUrl: server.url, now: () => 5_000 });
  const result = await toPromise(createActor(services.actors.pollToken, { input: { deviceCode: 'dc', expiresAt: Number.MAX_SAFE_INTEGER } }).start());
  return result.outcome;
}

describe('Trakt token poll: the status code is the answer', () => {
  it('200 → authorized with a validated token and expiry from created_at + expires_in', async () => {
    expect(await poll(json(200, sampleTokenBody))).toEqual({
      type: 'authorized',
      token: {
        accessToken: 'access-secret',
        refreshToken: 'refresh-secret',
        tokenType: 'bearer',
        scope: 'public',
        createdAt: 1_700_000_000,
        expiresIn: 604800,
        expiresAt: (1_700_000_000 + 604800) * 1000,
      },
    });
  });

  it.each([
    [400, { type: 'pending' }],
    [404, { type: 'invalidCode' }],
    [409, { type: 'alreadyUsed' }],
    [410, { type: 'expired' }],
    [418, { type: 'denied' }],
    [429, { type: 'slowDown' }],
  ])('%i with an empty body → %o', async (status, expected) => {
    expect(await poll({ status })).toEqual(expected);
  });

  it('429 with Retry-After (seconds, from a CDN with an HTML body) → slowDown with the wait', async () => {
    expect(await poll({ status: 429, headers: { 'Retry-After': '30', 'Content-Type': 'text/html' }, body: '<html>slow</html>' })).toEqual({
      type: 'slowDown',
      retryAfterMs: 30_000,
    });
  });

  it('429 with an HTTP-date Retry-After', async () => {
    const date = new Date(5_000 + 12_000).toUTCString();
    expect(await poll({ status: 429, headers: { 'Retry-After': date } })).toEqual({ type: 'slowDown', retryAfterMs: 12_000 });
  });

  it.each([500, 502, 503, 504, 408])('%i → transient (retried with backoff)', async (status) => {
    const outcome = await poll({ status, headers: { 'Retry-After': '7' } });
    expect(outcome).toMatchObject({ type: 'transient', retryAfterMs: 7_000, error: { code: 'HTTP_STATUS', status } });
  });

  it('403 with an HTML page → fatal BLOCKED that suggests the User-Agent', async () => {
    const outcome = await poll({ status: 403, headers: { 'Content-Type': 'text/html' }, body: '<!DOCTYPE html><title>blocked</title>' });
    expect(outcome).toMatchObject({ type: 'fatal', error: { code: 'BLOCKED', status: 403 } });
    expect(outcome.type === 'fatal' && outcome.error.message).toMatch(/User-Agent/);
  });

  it('401 → fatal CONFIGURATION (wrong client secret), without the secret in the message', async () => {
    const outcome = await poll(json(401, { error: 'invalid_client' }));
    expect(outcome).toMatchObject({ type: 'fatal', error: { code: 'CONFIGURATION', status: 401 } });
    expect(outcome.type === 'fatal' && outcome.error.message).not.toContain('hunter2');
    expect(outcome.type === 'fatal' && outcome.error.message).toMatch(/client id and secret/);
  });

  it('an unexpected status → fatal HTTP_STATUS naming it', async () => {
    const outcome = await poll({ status: 422 });
    expect(outcome).toMatchObject({ type: 'fatal', error: { code: 'HTTP_STATUS', status: 422 } });
  });

  it.each([
    ['access_token', { ...sampleTokenBody, access_token: '' }, '"access_token" must be a non-empty string'],
    ['refresh_token', { ...sampleTokenBody, refresh_token: undefined }, '"refresh_token" must be a non-empty string'],
    ['expires_in', { ...sampleTokenBody, expires_in: '7d' }, '"expires_in" must be a positive number'],
    ['created_at', { ...sampleTokenBody, created_at: null }, '"created_at" must be a positive number'],
    ['token_type', { ...sampleTokenBody, token_type: 3 }, '"token_type" must be a non-empty string'],
    ['scope', { ...sampleTokenBody, scope: ['public'] }, '"scope" must be a string'],
  ])('a 200 with a bad %s → fatal INVALID_RESPONSE naming the field', async (_, body, message) => {
    const outcome = await poll(json(200, body));
    expect(outcome).toMatchObject({ type: 'fatal', error: { code: 'INVALID_RESPONSE' } });
    expect(outcome.type === 'fatal' && outcome.error.message).toContain(message);
  });

  it('a 200 that is not JSON → INVALID_RESPONSE, quoting nothing of the body anywhere', async () => {
    const outcome = await poll({ status: 200, body: 'OK' });
    expect(outcome.type === 'fatal' && outcome.error.message).toMatch(/not JSON/);
    const broken = await poll({ status: 200, body: '{"access_token":tok_SECRETabcdef123456,"token_type":"bearer"}' });
    expect(broken).toMatchObject({ type: 'fatal', error: { code: 'INVALID_RESPONSE' } });
    const error = broken.type === 'fatal' ? broken.error : undefined;
    expect(error?.cause).toBeUndefined();
    expect(`${error?.message} ${String(error?.stack)}`).not.toContain('SECRET');
  });
});
