/**
 * The endings a person or the clock decides, against oidc-provider: the person aborts on its
 * confirmation page or cancels on its login page (the provider answers `access_denied`, the
 * library rejects with `DENIED`), and a device code left alone past its short life (`EXPIRED`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProviderServices, DeviceAuthError, providers, runDeviceAuth } from '../../src/index.js';
import { skipWithoutChromium, useChromium } from '../inspect/support/chromium.js';
import { DEVICE_GRANT, startOidcProvider, type RunningOidcProvider } from './support/provider.js';
import { ARRIVAL_JITTER_MS, E2E_TEST_TIMEOUT_MS, clientOptions, signInThroughPages } from './support/sign-in.js';

/** The provider's device-grant polls made after request number `from`. */
const pollsSince = (server: RunningOidcProvider, from: number) => server.requests.slice(from).filter((request) => request.route === 'token' && request.grantType === DEVICE_GRANT);

describe.skipIf(skipWithoutChromium)('denial on oidc-provider pages in Chromium', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  const browser = useChromium();
  let server: RunningOidcProvider;
  beforeAll(async () => (server = await startOidcProvider({ intervalSeconds: 1 })));
  afterAll(() => server.close());

  it.each([
    ['aborts on the confirmation page', 'abort'],
    ['cancels on the login page', 'cancelAtLogin'],
  ] as const)('rejects with DENIED when the person %s, after one access_denied poll', async (_how, action) => {
    const from = server.requests.length;
    const attempt = await signInThroughPages(server, browser(), clientOptions(server.clients.public), (person, codes) => person[action](codes));

    expect('error' in attempt.result).toBe(true);
    const error = (attempt.result as { error: unknown }).error;
    expect(error).toBeInstanceOf(DeviceAuthError);
    expect((error as DeviceAuthError).code).toBe('DENIED');
    expect(attempt.events.map((event) => event.type)).toContain('denied');
    const polls = pollsSince(server, from);
    expect(polls.slice(0, -1).every((poll) => poll.error === 'authorization_pending')).toBe(true);
    expect(polls.at(-1)).toMatchObject({ status: 400, error: 'access_denied' });
    expect(polls.filter((poll) => poll.error === 'access_denied')).toHaveLength(1);
  });
});

describe('expiry against oidc-provider', { timeout: E2E_TEST_TIMEOUT_MS }, () => {
  let server: RunningOidcProvider;
  beforeAll(async () => (server = await startOidcProvider({ intervalSeconds: 1, deviceCodeTtlSeconds: 2 })));
  afterAll(() => server.close());

  it('rejects with EXPIRED when nobody approves a code that lives 2 s, polling no faster than once a second', async () => {
    const services = createProviderServices(await providers.oidc({ issuer: server.issuer }), clientOptions(server.clients.public));
    const from = server.requests.length;
    const started = Date.now();
    const events: string[] = [];
    const error = await runDeviceAuth(services, { onEvent: (event) => events.push(event.type) }).then(
      () => undefined,
      (failure: unknown) => failure,
    );

    expect(error).toBeInstanceOf(DeviceAuthError);
    expect((error as DeviceAuthError).code).toBe('EXPIRED');
    expect(events).toContain('expired');
    const codes = server.requests.slice(from).filter((request) => request.route === 'device_authorization');
    expect(codes).toHaveLength(1);
    // One poll a second after the codes; the next would fall on the code's deadline, so the
    // machine stops by its own clock instead of polling a dead code. (oidc-provider counts whole
    // seconds, so that one poll may already hear expired_token: EXPIRED either way.)
    const polls = pollsSince(server, from);
    expect(polls).toHaveLength(1);
    expect(['authorization_pending', 'expired_token']).toContain(polls[0]!.error);
    expect(polls[0]!.at - codes[0]!.at).toBeGreaterThanOrEqual(1000 - ARRIVAL_JITTER_MS);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
