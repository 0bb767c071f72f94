/** This library's service sets for a bench target, built the way an app would build them. */
import type { DeviceAuthServices } from '../../src/index.js';
import { library } from './library.js';
import type { Target } from './client-types.js';

/** Trakt services on the mock's base URL, or RFC 8628 services (a public client) on its standard paths. */
export function libraryServices(target: Target): DeviceAuthServices {
  if (target.mode === 'trakt') {
    return library.createTraktServices({ clientId: target.clientId, clientSecret: target.clientSecret, baseUrl: target.url, userAgent: 'bench/1.0', fetch: target.fetch });
  }
  return library.createRfc8628Services({
    clientId: target.clientId,
    deviceAuthorizationEndpoint: `${target.url}/device_authorization`,
    tokenEndpoint: `${target.url}/token`,
    userAgent: 'bench/1.0',
    fetch: target.fetch,
  });
}
