/**
 * The fault plan through the in-memory transport: a `reset` fault has no connection to cut, so
 * the client sees a network error, as a browser's fetch shows a connection reset; the next request
 * to the endpoint gets the real answer.
 */
import { describe, expect, it } from 'vitest';
import { createMockFetch } from '../../src/mock/fetch.js';

const API = { 'Content-Type': 'application/json', 'trakt-api-version': '2', 'User-Agent': 'fetch-fault-plan-test/1.0' };

describe('createMockFetch with a fault plan', () => {
  it('a reset fault is a network error, and the next request is answered', async () => {
    const mock = createMockFetch({ faultPlan: { deviceCode: [{ kind: 'reset' }] } });
    const request = () =>
      mock.fetch(`${mock.url}/oauth/device/code`, {
        method: 'POST',
        headers: { ...API, 'trakt-api-key': mock.clientId },
        body: JSON.stringify({ client_id: mock.clientId }),
      });
    await expect(request()).rejects.toBeInstanceOf(TypeError);
    const answered = await request();
    expect(answered.status).toBe(200);
    expect(answered.headers.get('X-Mock-Internal-Cut-After-Bytes')).toBeNull();
    expect(await answered.json()).toMatchObject({ user_code: expect.any(String) });
  });
});
