/**
 * This library through its promise front door, `authorize()`: Trakt options in Trakt mode,
 * explicit RFC 8628 endpoints (a public client) in RFC 8628 mode. Run by bench/run.ts as its own
 * process.
 */
import { library } from './library.js';
import { userCodeCallback, type BenchClient } from './client-types.js';
import { runClient } from './harness.js';

const libraryAuthorize: BenchClient = {
  name: 'this library, authorize()',
  modes: ['trakt', 'rfc8628'],
  setUp(target) {
    const common = { clientId: target.clientId, userAgent: 'bench/1.0', fetch: target.fetch };
    const where =
      target.mode === 'trakt'
        ? { ...common, clientSecret: target.clientSecret, baseUrl: target.url }
        : { ...common, deviceAuthorizationEndpoint: `${target.url}/device_authorization`, tokenEndpoint: `${target.url}/token` };
    return async (onUserCode) => {
      await library.authorize({ ...where, onCodes: userCodeCallback(onUserCode, (codes: { userCode: string }) => codes.userCode) });
    };
  },
};

await runClient(libraryAuthorize);
