/**
 * `@octokit/auth-oauth-device` (an OAuth app, no secret: GitHub's device flow) pointed at the mock's
 * GitHub alias paths (`/login/device/code`, `/login/oauth/access_token`) through its `request`
 * option's `baseUrl`. Run by bench/run.ts as its own process.
 */
import { createOAuthDeviceAuth } from '@octokit/auth-oauth-device';
import { request } from '@octokit/request';
import { userCodeCallback, type BenchClient } from './client-types.js';
import { runClient } from './harness.js';

const octokit: BenchClient = {
  name: '@octokit/auth-oauth-device',
  modes: ['rfc8628'],
  setUp(target) {
    const withMock = request.defaults({ baseUrl: target.url, headers: { 'user-agent': 'bench-octokit/1.0' }, request: { fetch: target.fetch } });
    return async (onUserCode) => {
      const auth = createOAuthDeviceAuth({
        clientType: 'oauth-app',
        clientId: target.clientId,
        request: withMock,
        onVerification: userCodeCallback(onUserCode, (verification: { user_code: string }) => verification.user_code),
      });
      await auth({ type: 'oauth' });
    };
  },
};

await runClient(octokit);
