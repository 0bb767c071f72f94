/**
 * Regression: an HTML page answered with 200 (a captive portal, a proxy, a website at the base URL)
 * was reported as "the body is not JSON", which tells a person nothing, and on a token poll it ended
 * the flow although the person could still approve: the request never reached the server. Now the
 * message names the page and what to do, and a poll answered with a page is retried like a dropped
 * connection until the deadline.
 */
import { describe, expect, it } from 'vitest';
import { FAULTS, countsOnceLogged, runSignIn, startFaultyMock } from './support.js';

describe('a 200 with an HTML page', () => {
  it('on the device code request → INVALID_RESPONSE that names the page and what to do', async () => {
    const server = await startFaultyMock({ faultPlan: { deviceCode: [FAULTS.html200] } });
    const result = await runSignIn(server);
    expect(result).toMatchObject({ state: 'failed', error: { code: 'INVALID_RESPONSE', status: 200 } });
    expect(result.error?.message).toBe(
      'Trakt device code response: the body is an HTML page, not JSON (HTTP 200). A captive portal (hotel or airport Wi-Fi), ' +
        'a proxy or a firewall may have answered instead of the server: sign in to the network, or check the base URL.',
    );
  });

  it('on a token poll → retried with backoff, and the flow signs in', async () => {
    const server = await startFaultyMock({ faultPlan: { token: [FAULTS.html200, FAULTS.html200] } });
    const result = await runSignIn(server);
    expect(result.state).toBe('authorized');
    const retries = result.events.filter((event) => event.type === 'retry');
    expect(retries).toMatchObject([
      { attempt: 1, reason: 'INVALID_RESPONSE', message: expect.stringContaining('an HTML page, not JSON (HTTP 200). A captive portal') },
      { attempt: 2, reason: 'INVALID_RESPONSE' },
    ]);
    const expected = { deviceCode: 1, token: 5, refresh: 0, revoke: 0 };
    expect(await countsOnceLogged(server, expected)).toEqual(expected);
  });
});
