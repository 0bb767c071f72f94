/**
 * device-auth-machine: the OAuth device flow (Trakt.tv and RFC 8628) as an XState v5 statechart,
 * with pluggable HTTP services. Start with {@link authorize} or {@link deviceAuthMachine} +
 * {@link createTraktServices}.
 */
export { deviceAuthMachine, DEFAULT_MAX_BACKOFF_MS, DEFAULT_SLOW_DOWN_STEP_SECONDS } from './machines/device-auth.machine.js';
export type { DeviceAuthMachine } from './machines/device-auth.machine.js';
export type * from './machines/device-auth.types.js';
export { DeviceAuthError, isDeviceAuthError, toDeviceAuthError } from './services/errors.js';
export type { DeviceAuthErrorCode, DeviceAuthErrorOptions } from './services/errors.js';
export { makeToken, toStoredToken, fromStoredToken } from './services/token.js';
export type { DeviceToken, StoredToken } from './services/token.js';
export { sendRequest, DEFAULT_TIMEOUT_MS, DEFAULT_MAX_RESPONSE_BYTES } from './services/http.js';
export type { FetchLike, FetchResponseLike, HttpRequest, HttpResponse, SendOptions } from './services/http.js';
export type { DeviceFlowDialect, TokenLifecycleDialect } from './services/dialect.js';
export { createTraktDialect, TRAKT_API_URL, TRAKT_AUTH_URL, OUT_OF_BAND_REDIRECT_URI } from './services/trakt-dialect.js';
export type { TraktDialectOptions, TraktAccount, TraktAccountDialect } from './services/trakt-dialect.js';
export { createRfc8628Dialect, DEVICE_CODE_GRANT_TYPE } from './services/rfc8628-dialect.js';
export type { Rfc8628DialectOptions } from './services/rfc8628-dialect.js';
export { createDeviceFlowServices, createTransport } from './services/create-services.js';
export type { DeviceAuthServices, HttpServiceOptions, Transport } from './services/create-services.js';
export { createTraktServices, createRfc8628Services } from './services/trakt-services.js';
export type { TraktServiceOptions, Rfc8628ServiceOptions } from './services/trakt-services.js';
export { authorize, runDeviceAuth } from './services/authorize.js';
export type { AuthorizeOptions, CodesEvent, DeviceAuthCallbacks } from './services/authorize.js';
export { LIBRARY_VERSION, DEFAULT_USER_AGENT } from './version.js';
export type { TokenStore, TokenStoreWarning, TokenStoreWarningCode, TokenStoreWarningHandler } from './services/token-store.js';
export { createMemoryTokenStore } from './services/memory-token-store.js';
export { createFileTokenStore, defaultTokenPath, TOKEN_FILE_MODE, TOKEN_DIRECTORY_MODE } from './services/file-token-store.js';
export type { TokenFileSystem, TokenFileHandle, FileTokenStoreOptions } from './services/file-token-store.js';
export { createWebStorageTokenStore, DEFAULT_TOKEN_STORAGE_KEY } from './services/web-storage-token-store.js';
export type { TokenWebStorage, WebStorageTokenStoreOptions } from './services/web-storage-token-store.js';
export { sessionMachine } from './machines/session.machine.js';
export type { SessionMachine } from './machines/session.machine.js';
export type * from './machines/session.types.js';
export {
  DEFAULT_REFRESH_MARGIN_MS,
  DEFAULT_RETRY_BASE_MS,
  DEFAULT_MAX_RETRY_MS,
  MIN_REFRESH_SPACING_MS,
  MAX_TIMER_MS,
} from './machines/session.timing.js';
export { createSessionServices, createTraktSessionServices } from './services/session-services.js';
export type { SessionServices, SessionDialect, TraktSessionServiceOptions } from './services/session-services.js';
export { createSession, getAccessToken } from './services/session-client.js';
export type {
  Session,
  SessionActor,
  SessionSnapshot,
  SignOutResult,
  CreateSessionOptions,
  AccessTokenOptions,
} from './services/session-client.js';
export { resumeDeviceAuth, codesOf } from './services/resume.js';
export type { DeviceAuthActor, ResumeDeviceAuthOptions } from './services/resume.js';
export { parseDeviceAuthSnapshot, prepareDeviceAuthSnapshot } from './services/resume-snapshot.js';
export type { PersistedDeviceAuthSnapshot } from './services/resume-snapshot.js';
export { fetchTraktAccount } from './services/trakt-account.js';
export { resumeSession } from './services/resume-session.js';
export type { ResumeSessionOptions } from './services/resume-session.js';
export * from './inspect/index.js';
