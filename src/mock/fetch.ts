/**
 * `device-auth-machine/mock/fetch`: the embedded Trakt-compatible mock as an in-memory `fetch`,
 * with the same rules as `startMockServer` (device codes, approvals and denials, single-use
 * rotating refresh tokens, revoke, faults, the request log, the `/activate` page, the `/mock/*`
 * controls) and no socket. Hand `mock.fetch` to anything that takes a `fetch` (`authorize`,
 * `createTraktServices`, a session) with `mock.url` as the base URL.
 *
 * Its default origin, `https://mock.invalid`, is a remote host to clients: this library raises
 * intervals under 1 s there, as for any real server. For faster polling in real time give a
 * loopback origin (`url: 'http://127.0.0.1:8080'`; nothing listens there), or run in fake time.
 *
 * Runtime-neutral: nothing reachable from here imports a `node:` module or uses `Buffer`, so it
 * runs in Node 20, browsers, Bun and Deno. Time comes from `Date.now()` and `setTimeout` at each
 * use, so fake timers (vitest, sinon) drive expiry, pacing and slow answers.
 *
 * @example
 * ```ts
 * import { authorize } from 'device-auth-machine';
 * import { createMockFetch } from 'device-auth-machine/mock/fetch';
 *
 * const mock = createMockFetch({ interval: 1, autoApproveAfterPolls: 1 });
 * const token = await authorize({ clientId: mock.clientId, clientSecret: mock.clientSecret, baseUrl: mock.url, fetch: mock.fetch });
 * console.log(mock.log.map((entry) => `${entry.method} ${entry.path} ${entry.status}`));
 * ```
 */

export {
  createMockFetch,
  MOCK_FETCH_URL,
  MOCK_FETCH_USER_AGENT,
  type MockFetch,
  type MockFetchFunction,
  type MockFetchOptions,
} from './in-memory-fetch.js';
export type { MockControls } from './controls.js';
export type { MockTokenState, MockTokenBody } from './token-store.js';
export type { MockGenerate, MockSecretKind } from './codes.js';
export { USER_CODE_ALPHABET, USER_CODE_LENGTH, normalizeUserCode } from './codes.js';
export { MOCK_DEFAULTS, MOCK_FAULT_KINDS, type MockDelay, type MockDialectName, type MockFaultKind } from './options.js';
export { REDACTED, type MockLogEntry } from './request-log.js';
export { TRAKT_API_VERSION } from './trakt-headers.js';
export type {
  MockCodeEvent,
  MockDecisionEvent,
  MockEventMap,
  MockFaultEvent,
  MockPollEvent,
  MockTokenEvent,
} from './mock-events.js';
export type { DecisionResult, DecisionSource, DeviceCodeState, MockDecision, PollOutcome } from './device-store.js';
export type { MockDeviceCodeBody } from './routes/device-code.js';
export type { MockDeviceAuthorizationBody } from './routes/rfc8628/device-authorization.js';
export type { MockAuthorizationServerMetadata } from './routes/rfc8628/metadata.js';
export type { MockOAuthTokenBody } from './routes/rfc8628/token-body.js';
export type { MockStats } from './stats.js';
export type { MockUserSettingsBody } from './routes/user-settings.js';
export type { MockErrorBody } from './reply.js';
export type { Listener, WaitForOptions } from './typed-emitter.js';
