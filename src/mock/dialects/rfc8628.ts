/**
 * The standard dialect: RFC 8628 device authorization, RFC 6749 token endpoint (device code and
 * refresh grants), RFC 7009 revocation and RFC 8414 discovery, with form (or JSON) bodies and
 * OAuth JSON errors; GitHub's paths answer too. No headers beyond the body's client
 * authentication are required. Shares the pages and controls of the Trakt routes.
 */

import type { MockDialect } from './mock-dialect.js';
import { MOCK_ROUTES, type MockRoute } from '../routes.js';
import { deviceAuthorizationRoute } from '../routes/rfc8628/device-authorization.js';
import { metadataRoute } from '../routes/rfc8628/metadata.js';
import { revocationRoute } from '../routes/rfc8628/revocation.js';
import { RFC8628_PATHS } from '../routes/rfc8628/paths.js';
import { tokenRoute } from '../routes/rfc8628/token.js';

const P = RFC8628_PATHS;

// The token endpoint takes injected faults for every grant (polls and refreshes alike): the route
// is one, and a fault stands in front of it like a CDN, before the grant is read.
const API_ROUTES: readonly MockRoute[] = [
  { method: 'POST', pattern: P.deviceAuthorization, kind: 'api', faults: false, handle: deviceAuthorizationRoute },
  { method: 'POST', pattern: P.githubDeviceCode, kind: 'api', faults: false, handle: deviceAuthorizationRoute },
  { method: 'POST', pattern: P.token, kind: 'api', faults: true, handle: tokenRoute },
  { method: 'POST', pattern: P.githubToken, kind: 'api', faults: true, handle: tokenRoute },
  { method: 'POST', pattern: P.revocation, kind: 'api', faults: false, handle: revocationRoute },
  { method: 'GET', pattern: P.oauthMetadata, kind: 'api', faults: false, handle: metadataRoute },
  { method: 'GET', pattern: P.openidMetadata, kind: 'api', faults: false, handle: metadataRoute },
];

/** RFC 8628's rules: no API headers; polling too fast is `slow_down` and adds 5 s to that code's interval. */
export const RFC8628_DIALECT: MockDialect = {
  name: 'rfc8628',
  routes: [...API_ROUTES, ...MOCK_ROUTES.filter((route) => route.kind !== 'api')],
  checkApiRequest: () => undefined,
  slowDownIncrementMs: 5000,
};
