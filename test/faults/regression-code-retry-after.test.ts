/**
 * Regression: a device code request answered 5xx with `Retry-After` said "try again in a moment",
 * ignoring when the server asked to be tried again (only a 429 read it). Now every code request
 * the server turns away says when, from its `Retry-After` (clamped to an hour) when there is one.
 */
import { describe, expect, it } from 'vitest';
import { runSignIn, startFaultyMock } from './support.js';

describe('a device code request answered 5xx with Retry-After', () => {
  it.each([500, 502, 503])('%i with Retry-After: 30 → "try again in 30 s"', async (status) => {
    const server = await startFaultyMock({ faultPlan: { deviceCode: [{ kind: 'answer', status, headers: { 'Retry-After': '30' } }] } });
    const result = await runSignIn(server);
    expect(result).toMatchObject({ state: 'failed', error: { code: 'HTTP_STATUS', status } });
    expect(result.error?.message).toBe(`${server.url} had trouble answering (HTTP ${status}): try again in 30 s.`);
  });

  it('503 with an absurd Retry-After → at most an hour', async () => {
    const server = await startFaultyMock({ faultPlan: { deviceCode: [{ kind: 'answer', status: 503, headers: { 'Retry-After': '1000000000000' } }] } });
    const result = await runSignIn(server);
    expect(result.error?.message).toBe(`${server.url} had trouble answering (HTTP 503): try again in 3600 s.`);
  });
});
