import { afterEach, describe, expect, it } from 'vitest';
import { createActor, toPromise } from 'xstate';
import { createTraktServices } from '../../src/services/trakt/trakt-services.js';
import { DEFAULT_USER_AGENT } from '../../src/core/version.js';
import { json, startLoopbackServer } from '../support/loopback-server.js';

const codesBody = {
  device_code: 'd9c126a7secret',
  user_code: '5055CC52',
  verification_url: 'https://trakt.tv/activate',
  expires_in: 600,
  interval: 5,
};

describe('Trakt requests, exactly as docs/protocol.md says', () => {
  let server: Awaited<ReturnType<typeof startLoopbackServer>>;
  afterEach(() => server.close());

  it('POST /oauth/device/code with the Trakt headers and {client_id}', async () => {
    server = await startLoopbackServer(() => json(200, codesBody));
    const services = createTraktServices({ clientId: 'id-1', clientSecret: 's-1', baseUrl: server.url, userAgent: 'tv-app/2.1' });
    const result = await toPromise(createActor(services.actors.requestDeviceCode).start());
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/oauth/device/code' });
    expect(request!.headers).toMatchObject({
      'content-type': 'application/json',
      accept: 'application/json',
      'trakt-api-key': 'id-1',
      'trakt-api-version': '2',
      'user-agent': 'tv-app/2.1',
    });
    expect(JSON.parse(request!.body)).toEqual({ client_id: 'id-1' });
    expect(result.codes).toEqual({
      deviceCode: 'd9c126a7secret',
      userCode: '5055CC52',
      verificationUrl: 'https://trakt.tv/activate',
      verificationUrlComplete: 'https://trakt.tv/activate/5055CC52',
      expiresIn: 600,
      interval: 5,
    });
  });

  it('POST /oauth/device/token with {code, client_id, client_secret} (the key is code)', async () => {
    server = await startLoopbackServer(() => ({ status: 400 }));
    const services = createTraktServices({ clientId: 'id-1', clientSecret: 's-1', baseUrl: `${server.url}/` });
    const result = await toPromise(createActor(services.actors.pollToken, { input: { deviceCode: 'dc-9', expiresAt: Number.MAX_SAFE_INTEGER } }).start());
    expect(result.outcome).toEqual({ type: 'pending' });
    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/oauth/device/token' });
    expect(request!.headers['user-agent']).toBe(DEFAULT_USER_AGENT);
    expect(JSON.parse(request!.body)).toEqual({ code: 'dc-9', client_id: 'id-1', client_secret: 's-1' });
  });
});
