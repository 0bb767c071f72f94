/**
 * A preset's dialect in today's createSessionServices (no change to the clients): refresh
 * without rotation keeps and stores the old refresh token; revoking where the provider has no
 * revocation endpoint sends nothing and reports why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, toPromise } from 'xstate';
import { makeToken } from '../../src/core/token.js';
import { createSessionServices } from '../../src/services/clients/session-services.js';
import { createProviderDialect } from '../../src/services/providers/provider-services.js';
import { providers } from '../../src/services/providers/providers.js';
import { createMemoryTokenStore } from '../../src/services/stores/memory-token-store.js';
import { json, startLoopbackServer, type ScriptedAnswer } from '../support/loopback-server.js';

let answer: ScriptedAnswer = { status: 200 };
let server: Awaited<ReturnType<typeof startLoopbackServer>>;
beforeAll(async () => (server = await startLoopbackServer(() => answer)));
afterAll(() => server.close());

const NOW = 1_700_000_000_000;
const held = makeToken({ accessToken: 'at1', refreshToken: 'rt1', tokenType: 'Bearer', scope: 'openid', createdAt: 1_699_990_000, expiresIn: 3600 });

describe('a preset in createSessionServices', () => {
  it('Google: a refresh without a new refresh token keeps and stores the old one', async () => {
    const preset = providers.google({ deviceAuthorizationEndpoint: `${server.url}/device/code`, tokenEndpoint: `${server.url}/token` });
    const store = createMemoryTokenStore(held);
    const services = createSessionServices(createProviderDialect(preset, { clientId: 'cid', clientSecret: 'g-secret', scope: 'openid' }), store, { now: () => NOW });
    answer = json(200, { access_token: 'at2', token_type: 'Bearer', expires_in: 3599, scope: 'openid' });
    const result = await toPromise(createActor(services.actors.refreshToken, { input: { token: held } }).start());
    const expected = makeToken({ accessToken: 'at2', refreshToken: 'rt1', tokenType: 'Bearer', scope: 'openid', createdAt: 1_700_000_000, expiresIn: 3599 });
    expect(result).toEqual({ type: 'refreshed', token: expected, saved: true, receivedAt: NOW });
    expect(await store.get()).toEqual(expected);
  });

  it('GitHub: revoking sends nothing and says the provider has no revocation endpoint', async () => {
    const preset = providers.github({ deviceAuthorizationEndpoint: `${server.url}/login/device/code`, tokenEndpoint: `${server.url}/login/oauth/access_token` });
    const services = createSessionServices(createProviderDialect(preset, { clientId: 'cid' }), createMemoryTokenStore(held));
    const before = server.requests.length;
    const result = await toPromise(createActor(services.actors.revokeToken, { input: { token: held } }).start());
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'CONFIGURATION', message: 'GitHub has no revocation endpoint (revocationEndpoint is not set): the token was not revoked and stays valid until it expires.' }) });
    expect(server.requests.length).toBe(before);
  });
});
