/**
 * `openid-client` v6 on a `Configuration` built from the mock's endpoints (a public client, plain
 * http allowed for loopback): `initiateDeviceAuthorization` then `pollDeviceAuthorizationGrant`.
 * Run by bench/run.ts as its own process.
 */
import * as oidc from 'openid-client';
import type { BenchClient } from './client-types.js';
import { runClient } from './harness.js';

const openidClient: BenchClient = {
  name: 'openid-client',
  modes: ['rfc8628'],
  setUp(target) {
    const config = new oidc.Configuration(
      { issuer: target.url, device_authorization_endpoint: `${target.url}/device_authorization`, token_endpoint: `${target.url}/token` },
      target.clientId,
      undefined,
      oidc.None(),
    );
    oidc.allowInsecureRequests(config);
    config[oidc.customFetch] = target.fetch as oidc.CustomFetch;
    return async (onUserCode) => {
      const codes = await oidc.initiateDeviceAuthorization(config, {});
      onUserCode(codes.user_code);
      await oidc.pollDeviceAuthorizationGrant(config, codes);
    };
  },
};

await runClient(openidClient);
