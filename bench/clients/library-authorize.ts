/**
 * This library through its promise front door: `authorize()` for Trakt, `runDeviceAuth()` with
 * fresh RFC 8628 services for RFC 8628 (what `authorize()` does for Trakt: services and a provided
 * machine per sign-in). Run by bench/run.ts as its own process.
 */
import { authorize, runDeviceAuth } from '../../src/index.js';
import type { BenchClient } from './client-types.js';
import { runClient } from './harness.js';
import { libraryServices } from './library-services.js';

const libraryAuthorize: BenchClient = {
  name: 'this library, authorize()',
  modes: ['trakt', 'rfc8628'],
  setUp(target) {
    if (target.mode === 'trakt') {
      return async (onUserCode) => {
        await authorize({
          clientId: target.clientId,
          clientSecret: target.clientSecret,
          baseUrl: target.url,
          userAgent: 'bench/1.0',
          fetch: target.fetch,
          onCodes: (codes) => onUserCode(codes.userCode),
        });
      };
    }
    return async (onUserCode) => {
      await runDeviceAuth(libraryServices(target), { onCodes: (codes) => onUserCode(codes.userCode) });
    };
  },
};

await runClient(libraryAuthorize);
