/**
 * Regression: a revoke answered 200 with an HTML page (a captive portal or proxy answering for
 * Trakt) counted as revoked, because any 2xx did: sign-out said `revoked: true` while the token was
 * still valid on the server. A 2xx page is now an unconfirmed revoke naming the page.
 */
import { describe, expect, it } from 'vitest';
import { FAULTS, createMemoryTokenStore, freshToken, startFaultyMock, startSession } from './support.js';

describe('a revoke answered 200 with an HTML page', () => {
  it('is not a revocation: revoked: false with INVALID_RESPONSE, the store cleared anyway', async () => {
    const server = await startFaultyMock({ faultPlan: { revoke: [FAULTS.html200] } });
    const token = freshToken(server);
    const store = createMemoryTokenStore(token);
    const { session } = startSession(server, store);
    await session.ready();
    const result = await session.signOut();
    expect(result).toMatchObject({ revoked: false, cleared: true, error: { code: 'INVALID_RESPONSE', status: 200 } });
    expect(result?.error?.message).toMatch(/^Trakt revoke: the body is an HTML page, not JSON \(HTTP 200\)\. A captive portal/);
    expect(server.tokenState(token.accessToken)).toBe('active');
    expect(await store.get()).toBeUndefined();
  });
});
