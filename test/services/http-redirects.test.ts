/**
 * Redirects are never followed: a token request carries the device code, the client secret or a
 * refresh token, and a redirect would hand them to whatever origin the server names (and trust its
 * answer). Over loopback: two servers on different ports are different origins.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createActor, toPromise } from 'xstate';
import { DeviceAuthError } from '../../src/core/errors.js';
import { createTransport } from '../../src/services/dialect/create-services.js';
import { sendRequest, type FetchLike } from '../../src/services/http/http.js';
import { createRfc8628Services } from '../../src/services/rfc8628/rfc8628-services.js';
import { createTraktDialect } from '../../src/services/trakt/trakt-dialect.js';
import { createTraktServices } from '../../src/services/trakt/trakt-services.js';
import { json, startLoopbackServer } from '../support/loopback-server.js';

type Server = Awaited<ReturnType<typeof startLoopbackServer>>;
const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function serve(handler: Parameters<typeof startLoopbackServer>[0]): Promise<Server> {
  const server = await startLoopbackServer(handler);
  servers.push(server);
  return server;
}

/** A server that would accept anything: it must never be reached. */
const elsewhere = () => serve(() => json(200, { access_token: 'stolen', token_type: 'bearer', expires_in: 3600, refresh_token: 'r', scope: '', created_at: 1_700_000_000 }));

/** A server that answers every request with `status` and a Location on `target`. */
const redirecting = (status: number, target: () => string) => serve(() => ({ status, headers: { Location: target() } }));

const credentials = { clientId: 'cid', clientSecret: 'client-secret-xyz' };

async function poll(services: ReturnType<typeof createTraktServices>) {
  const actor = createActor(services.actors.pollToken, { input: { deviceCode: 'device-code-xyz', expiresAt: Number.MAX_SAFE_INTEGER } });
  return (await toPromise(actor.start())).outcome;
}

describe('the HTTP seam never follows a redirect', () => {
  it.each([307, 308])('a %i from the Trakt token endpoint to another origin: nothing reaches it, the poll fails with REDIRECT', async (status) => {
    const target = await elsewhere();
    const server = await redirecting(status, () => `${target.url}/oauth/device/token?code=device-code-xyz`);
    const outcome = await poll(createTraktServices({ ...credentials, baseUrl: server.url }));

    expect(target.requests).toHaveLength(0);
    expect(server.requests).toHaveLength(1);
    expect(outcome).toMatchObject({ type: 'fatal', error: { code: 'REDIRECT', status } });
    const { message } = (outcome as { error: DeviceAuthError }).error;
    expect(message).toContain(`HTTP ${status}`);
    expect(message).toContain(target.url); // the target's origin ...
    expect(message).not.toContain('/oauth/device/token'); // ... not its path or query
    expect(message).not.toContain('device-code-xyz');
  });

  it('a same-origin redirect is refused too: a request with credentials is sent once, where it was addressed', async () => {
    const server = await serve((request) =>
      request.path === '/moved' ? json(200, { error: 'should never be asked' }) : { status: 308, headers: { Location: '/moved' } },
    );
    const outcome = await poll(createTraktServices({ ...credentials, baseUrl: server.url }));
    expect(server.requests.map((r) => r.path)).toEqual(['/oauth/device/token']);
    expect(outcome).toMatchObject({ type: 'fatal', error: { code: 'REDIRECT', status: 308 } });
    expect((outcome as { error: DeviceAuthError }).error.message).toContain(server.url);
  });

  it('a refresh (Trakt) that is redirected sends the refresh token nowhere else', async () => {
    const target = await elsewhere();
    const server = await redirecting(307, () => `${target.url}/oauth/token`);
    const dialect = createTraktDialect({ ...credentials, baseUrl: server.url });
    const failure = await createTransport({})(dialect.refreshRequest('refresh-token-xyz')).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(target.requests).toHaveLength(0);
    expect(failure).toBeInstanceOf(DeviceAuthError);
    expect(failure).toMatchObject({ code: 'REDIRECT', status: 307 });
  });

  it('an RFC 8628 device authorization request that is redirected ends the flow with REDIRECT', async () => {
    const target = await elsewhere();
    const server = await redirecting(302, () => `${target.url}/device`);
    const services = createRfc8628Services({ ...credentials, deviceAuthorizationEndpoint: `${server.url}/device`, tokenEndpoint: `${server.url}/token` });
    await expect(toPromise(createActor(services.actors.requestDeviceCode).start())).rejects.toMatchObject({ code: 'REDIRECT', status: 302 });
    expect(target.requests).toHaveLength(0);
  });

  it('asks fetch not to follow (redirect: "manual") and refuses a browser opaque redirect (status 0)', async () => {
    const inits: Array<Parameters<FetchLike>[1]> = [];
    const opaque: FetchLike = async (_url, init) => {
      inits.push(init);
      return { status: 0, type: 'opaqueredirect', headers: new Headers(), text: async () => '' };
    };
    const request = { method: 'POST' as const, url: 'https://auth.example/oauth/token', headers: {}, body: '{}' };
    const error = await sendRequest(request, { fetch: opaque }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(inits[0]).toMatchObject({ redirect: 'manual' });
    expect(error).toBeInstanceOf(DeviceAuthError);
    expect(error).toMatchObject({ code: 'REDIRECT' });
    expect((error as DeviceAuthError).message).toContain('https://auth.example');
  });

  it('a 3xx without a Location, or with an unreadable one, is refused as well', async () => {
    for (const headers of [{}, { Location: 'http://[bad' }]) {
      const fetch: FetchLike = async () => ({ status: 303, headers: new Headers(headers), text: async () => '' });
      const error = await sendRequest({ method: 'GET', url: 'https://api.example/users/settings', headers: {} }, { fetch }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'REDIRECT', status: 303 });
    }
  });
});
