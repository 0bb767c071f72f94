/**
 * Regression: a refresh answered 400 or 401 with a text page (a proxy, a gateway) ended the session
 * as if the refresh token had been refused, and deleted the stored pair, although the OAuth server
 * never saw the request. Now only an OAuth error body (or Trakt's empty 400/401) ends a session; any
 * other 400/401 is retried with backoff and the pair is kept.
 */
import { describe, expect, it } from 'vitest';
import type { MockScriptedFault } from '../../src/mock/fault-plan.js';
import { createMemoryTokenStore, dueToken, nextSessionEvent, startFaultyMock, startSession } from './support.js';

describe('a refresh answered 400/401 by something other than the OAuth server', () => {
  it.each([
    [400, 'Bad Request', 'text/plain', 'HTTP_STATUS', /^Trakt token response: unexpected HTTP 400\.$/],
    [401, 'Proxy authentication failed', 'text/plain', 'CONFIGURATION', /refused the client credentials \(HTTP 401\)\. Check the client id and secret\.$/],
    [400, '{"message":"bad gateway config"}', 'application/json', 'HTTP_STATUS', /^Trakt token response: unexpected HTTP 400\.$/],
  ])('%i %j → retried, the stored pair kept, then refreshed', async (status, body, contentType, reason, message) => {
    const fault: MockScriptedFault = { kind: 'answer', status, body, contentType };
    const server = await startFaultyMock({ faultPlan: { refresh: [fault] } });
    const stale = dueToken(server);
    const store = createMemoryTokenStore(stale);
    const { session } = startSession(server, store);
    const retry = await nextSessionEvent(session, 'refreshRetry');
    expect(retry).toMatchObject({ reason, message: expect.stringMatching(message) });
    expect((await store.get())?.refreshToken).toBe(stale.refreshToken);
    const refreshed = await nextSessionEvent(session, 'refreshed');
    expect((await store.get())?.accessToken).toBe(refreshed.token.accessToken);
  });

  it.each([400, 401])('%i with an empty body (Trakt refusing the refresh token) still ends the session', async (status) => {
    const server = await startFaultyMock({ faultPlan: { refresh: [{ kind: 'answer', status }] } });
    const store = createMemoryTokenStore(dueToken(server));
    const { session } = startSession(server, store);
    expect(await nextSessionEvent(session, 'signedOut')).toMatchObject({ reason: 'invalidGrant', cleared: true });
    expect(await store.get()).toBeUndefined();
  });
});
