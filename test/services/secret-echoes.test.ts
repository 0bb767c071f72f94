/**
 * A server that echoes what it was sent (the device code, the client secret, a refresh or access
 * token) in its error body must not get those secrets into any message or `cause`: error details
 * quoted from the server are scrubbed of every secret the request carried. Over loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, toPromise } from 'xstate';
import { DeviceAuthError } from '../../src/core/errors.js';
import { makeToken } from '../../src/core/token.js';
import type { RefreshResult, RevokeResult } from '../../src/machines/session.types.js';
import { createTraktSessionServices } from '../../src/services/clients/session-services.js';
import { createRfc8628Services } from '../../src/services/rfc8628/rfc8628-services.js';
import { createMemoryTokenStore } from '../../src/services/stores/memory-token-store.js';
import { createTraktServices } from '../../src/services/trakt/trakt-services.js';
import { json, startLoopbackServer, type ScriptedAnswer } from '../support/loopback-server.js';

const DEVICE_CODE = 'device-code-d3c0de-0123456789';
const CLIENT_SECRET = 'client-secret-5ec2e7-0123456789';
const REFRESH_TOKEN = 'refresh-token-2ef2e5-0123456789';
const ACCESS_TOKEN = 'access-token-acce55-0123456789';
const SECRETS = [DEVICE_CODE, CLIENT_SECRET, REFRESH_TOKEN, ACCESS_TOKEN, btoa(`cid:${CLIENT_SECRET}`)];

/** Answers with `status` and an OAuth error whose description quotes the whole request. */
let status = 400;
let error = 'invalid_request';
let server: Awaited<ReturnType<typeof startLoopbackServer>>;
beforeAll(
  async () =>
    (server = await startLoopbackServer(
      (request): ScriptedAnswer =>
        json(status, { error, error_description: `rejected ${request.body} ${request.headers.authorization ?? ''}`.slice(0, 190) }),
    )),
);
afterAll(() => server.close());

/** The message, `toJSON()` and every `cause` of `error`, as one text. */
function everything(value: unknown): string {
  const parts: string[] = [];
  for (let current = value, depth = 0; current !== undefined && current !== null && depth < 10; depth++) {
    if (current instanceof Error) {
      parts.push(current.message, String(current.stack), JSON.stringify(current));
      current = (current as { cause?: unknown }).cause;
    } else {
      parts.push(typeof current === 'string' ? current : JSON.stringify(current));
      break;
    }
  }
  return parts.join('\n');
}

function expectNoSecret(value: unknown) {
  expect(value).toBeInstanceOf(DeviceAuthError);
  const text = everything(value);
  expect(text).toContain('rejected'); // the server's description is quoted ...
  for (const secret of SECRETS) expect(text).not.toContain(secret); // ... without the secrets
}

const trakt = { clientId: 'cid', clientSecret: CLIENT_SECRET };
const pollInput = { deviceCode: DEVICE_CODE, expiresAt: Number.MAX_SAFE_INTEGER };
const token = makeToken({ accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN, tokenType: 'bearer', scope: '', createdAt: 1_735_689_600, expiresIn: 3600 });

describe('no secret echoed by a server reaches a message or a cause', () => {
  it('a Trakt poll answered 422 with the body echoed', async () => {
    [status, error] = [422, 'invalid_request'];
    const services = createTraktServices({ ...trakt, baseUrl: server.url });
    const { outcome } = await toPromise(createActor(services.actors.pollToken, { input: pollInput }).start());
    expect(outcome.type).toBe('fatal');
    expectNoSecret((outcome as { error: unknown }).error);
    expect(server.requests.at(-1)!.body).toContain(DEVICE_CODE); // the echo really carried it
  });

  it.each(['client_secret_post', 'client_secret_basic'] as const)('an RFC 8628 poll refused with the request echoed (%s)', async (clientAuthentication) => {
    [status, error] = [400, 'invalid_request'];
    const services = createRfc8628Services({
      clientId: 'cid',
      clientSecret: CLIENT_SECRET,
      clientAuthentication,
      deviceAuthorizationEndpoint: `${server.url}/device`,
      tokenEndpoint: `${server.url}/token`,
    });
    const { outcome } = await toPromise(createActor(services.actors.pollToken, { input: pollInput }).start());
    expect(outcome.type).toBe('fatal');
    expectNoSecret((outcome as { error: unknown }).error);
  });

  it('a Trakt refresh refused (invalid_grant) with the refresh token echoed', async () => {
    [status, error] = [400, 'invalid_grant'];
    const services = createTraktSessionServices({ ...trakt, baseUrl: server.url, store: createMemoryTokenStore() });
    const result = (await toPromise(createActor(services.actors.refreshToken, { input: { token } }).start())) as RefreshResult;
    expect(result.type).toBe('invalidGrant');
    expectNoSecret((result as { error: unknown }).error);
    expect(server.requests.at(-1)!.body).toContain(REFRESH_TOKEN);
  });

  it('a Trakt revoke refused with the access token echoed', async () => {
    [status, error] = [422, 'invalid_token'];
    const services = createTraktSessionServices({ ...trakt, baseUrl: server.url, store: createMemoryTokenStore() });
    const result = (await toPromise(createActor(services.actors.revokeToken, { input: { token } }).start())) as RevokeResult;
    expect(result.ok).toBe(false);
    expectNoSecret((result as { error: unknown }).error);
  });

  it('a device-code request refused with the client secret echoed (RFC 8628, confidential client)', async () => {
    [status, error] = [400, 'invalid_client_metadata'];
    const services = createRfc8628Services({ clientId: 'cid', clientSecret: CLIENT_SECRET, deviceAuthorizationEndpoint: `${server.url}/device`, tokenEndpoint: `${server.url}/token` });
    const failure = await toPromise(createActor(services.actors.requestDeviceCode).start()).catch((e: unknown) => e);
    expectNoSecret(failure);
  });
});
