/**
 * Regression (found against oidc-provider, test/e2e-oidc/client-auth.test.ts): a device
 * authorization request the server refuses because of the client (`invalid_client` for a wrong
 * secret, HTTP 401; `unauthorized_client` for a client not allowed the grant) is a CONFIGURATION
 * error naming what to check, as the same answer already is when polling or refreshing. It was
 * HTTP_STATUS "unexpected answer".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceAuthError } from '../../src/core/errors.js';
import { createRfc8628Services } from '../../src/services/rfc8628/rfc8628-services.js';
import { json, startLoopbackServer, type ScriptedAnswer } from '../support/loopback-server.js';
import { requestCodes } from './support.js';

let answer: ScriptedAnswer = { status: 200 };
let server: Awaited<ReturnType<typeof startLoopbackServer>>;
beforeAll(async () => (server = await startLoopbackServer(() => answer)));
afterAll(() => server.close());

const SECRET = 'wrong-secret-7f3a9c';

async function codesError(next: ScriptedAnswer): Promise<DeviceAuthError> {
  answer = next;
  const services = createRfc8628Services({
    clientId: 'cid',
    clientSecret: SECRET,
    deviceAuthorizationEndpoint: `${server.url}/device/auth`,
    tokenEndpoint: `${server.url}/token`,
  });
  const failure = await requestCodes(services).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(failure).toBeInstanceOf(DeviceAuthError);
  return failure as DeviceAuthError;
}

describe('device authorization refused because of the client', () => {
  it('turns 401 invalid_client (oidc-provider, wrong secret) into CONFIGURATION naming the options to check', async () => {
    const error = await codesError(json(401, { error: 'invalid_client', error_description: 'client authentication failed' }));
    expect(error.code).toBe('CONFIGURATION');
    expect(error.status).toBe(401);
    expect(error.message).toBe(
      `${server.url} refused the client (HTTP 401, invalid_client: client authentication failed): check clientId, clientSecret and clientAuthentication, and that the client may use the device flow.`,
    );
    expect(error.message).not.toContain(SECRET);
  });

  it('does the same for unauthorized_client, whatever the status, with or without a description', async () => {
    const error = await codesError(json(400, { error: 'unauthorized_client' }));
    expect([error.code, error.status]).toEqual(['CONFIGURATION', 400]);
    expect(error.message).toContain('(HTTP 400, unauthorized_client):');
  });

  it('leaves other refusals as they were: invalid_scope is HTTP_STATUS, 503 is server trouble', async () => {
    expect((await codesError(json(400, { error: 'invalid_scope' }))).code).toBe('HTTP_STATUS');
    const trouble = await codesError(json(503, { error: 'temporarily_unavailable' }));
    expect([trouble.code, trouble.status]).toEqual(['HTTP_STATUS', 503]);
  });
});
