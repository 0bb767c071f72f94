/**
 * The embedded Trakt-compatible OAuth device-flow server: a real HTTP server with real state
 * (device codes, approvals, rotating tokens), an activation page for people, fault injection and
 * a secret-free request log. For demos, UI development and end-to-end tests; never for production.
 *
 * Endpoints (all on {@link MockServer.url}):
 * - `POST /oauth/device/code`, `POST /oauth/device/token`, `POST /oauth/token` (refresh),
 *   `POST /oauth/revoke`, `GET /users/settings`: Trakt's, see docs/protocol.md.
 * - With `dialect: 'rfc8628'` instead: `POST /device_authorization`, `POST /token` (device code
 *   and refresh grants), `POST /revoke`, `GET /.well-known/oauth-authorization-server` and
 *   `/.well-known/openid-configuration`, and GitHub's `POST /login/device/code` and
 *   `POST /login/oauth/access_token` (see src/mock/README.md).
 * - `GET /activate`, `GET /activate/<user_code>`, `POST /activate`: the page for the person.
 * - `POST /mock/approve`, `POST /mock/deny` with `{"user_code"}`: JSON controls (mock only).
 *
 * The same rules without a socket, for browsers, Bun, Deno and tests in simulated time:
 * `createMockFetch` on `device-auth-machine/mock/fetch` (`src/mock/fetch.ts`).
 */

export { startMockServer, type MockServer } from './server.js';
export {
  MOCK_DEFAULTS,
  MOCK_FAULT_KINDS,
  resolveMockOptions,
  type MockDelay,
  type MockDialectName,
  type MockFaultKind,
  type MockServerOptions,
  type ResolvedMockOptions,
} from './options.js';
export { REDACTED, type MockLogEntry } from './request-log.js';
export type {
  MockCodeEvent,
  MockDecisionEvent,
  MockEventMap,
  MockFaultEvent,
  MockPollEvent,
  MockTokenEvent,
} from './mock-events.js';
export type { DecisionResult, DecisionSource, DeviceCodeState, MockDecision, PollOutcome } from './device-store.js';
export type { MockTokenBody } from './token-store.js';
export type { MockDeviceCodeBody } from './routes/device-code.js';
export type { MockDeviceAuthorizationBody } from './routes/rfc8628/device-authorization.js';
export type { MockAuthorizationServerMetadata } from './routes/rfc8628/metadata.js';
export type { MockOAuthTokenBody } from './routes/rfc8628/token-body.js';
export type { MockStats } from './stats.js';
export type { MockUserSettingsBody } from './routes/user-settings.js';
export type { MockErrorBody } from './reply.js';
export type { Listener, WaitForOptions } from './typed-emitter.js';
export { USER_CODE_ALPHABET, USER_CODE_LENGTH, normalizeUserCode } from './codes.js';
export { TRAKT_API_VERSION } from './trakt-headers.js';
