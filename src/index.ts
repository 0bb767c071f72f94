/**
 * device-auth-machine: the OAuth device flow (Trakt.tv and RFC 8628) as an XState v5 statechart,
 * with pluggable HTTP services. Start with {@link authorize} or {@link deviceAuthMachine} +
 * {@link createTraktServices}.
 *
 * This entry is runtime-neutral: it imports no `node:` module and runs in browsers, Node, Bun and
 * Deno. Node-only parts live on `device-auth-machine/node` and `device-auth-machine/viewer`, the
 * Stately inspectors on `device-auth-machine/stately`, trace recording on
 * `device-auth-machine/record`, the embedded server on `device-auth-machine/mock`.
 * The layers are described in docs/architecture.md.
 */

// The statecharts.
export { deviceAuthMachine } from './machines/device-auth.machine.js';
export type { DeviceAuthMachine } from './machines/device-auth.machine.js';
export type * from './machines/device-auth.types.js';
export { sessionMachine } from './machines/session.machine.js';
export type { SessionMachine } from './machines/session.machine.js';
export type * from './machines/session.types.js';
export { refreshDueAt } from './machines/session.timing.js';

// Errors, tokens and the HTTP messages dialects work with.
export { DeviceAuthError, isDeviceAuthError, toDeviceAuthError } from './core/errors.js';
export type { DeviceAuthErrorCode, DeviceAuthErrorOptions } from './core/errors.js';
export type { DeviceToken, StoredToken } from './core/token.js';
export type { HttpRequest, HttpResponse } from './core/http-message.js';
export type { InsecureHttpOption } from './core/url-security.js';
export { LIBRARY_VERSION } from './core/version.js';

// Services: the HTTP seam's options, the dialects and the ready-made service sets.
export type { FetchLike, FetchResponseLike } from './services/http/http.js';
export type { DeviceFlowDialect, TokenLifecycleDialect } from './services/dialect/dialect.js';
export { createDeviceFlowServices } from './services/dialect/create-services.js';
export type { DeviceAuthServices, HttpServiceOptions } from './services/dialect/create-services.js';
export { createTraktDialect, TRAKT_API_URL, TRAKT_AUTH_URL } from './services/trakt/trakt-dialect.js';
export type { TraktDialectOptions, TraktAccount } from './services/trakt/trakt-dialect.js';
export { createTraktServices } from './services/trakt/trakt-services.js';
export type { TraktServiceOptions } from './services/trakt/trakt-services.js';
export { fetchTraktAccount } from './services/trakt/trakt-account.js';
export { createRfc8628Dialect } from './services/rfc8628/rfc8628-dialect.js';
export type { Rfc8628DialectOptions } from './services/rfc8628/rfc8628-dialect.js';
export { createRfc8628Services } from './services/rfc8628/rfc8628-services.js';
export type { Rfc8628ServiceOptions } from './services/rfc8628/rfc8628-services.js';
export type { Rfc8628Dialect } from './services/rfc8628/rfc8628-dialect.js';
export type { ClientAuthentication } from './services/rfc8628/rfc8628-form.js';

// Any RFC 8628 provider: discovery (RFC 8414) and presets.
export { discoverAuthorizationServer } from './services/discovery/discover.js';
export type { DiscoveryOptions } from './services/discovery/discover.js';
export type { AuthorizationServerMetadata } from './services/discovery/metadata.js';
export { providers } from './services/providers/providers.js';
export { createProviderDialect, createProviderServices } from './services/providers/provider-services.js';
export type { ProviderClientOptions, ProviderDialect } from './services/providers/provider-services.js';
export type { ProviderPreset, Rfc8628Preset, Rfc8628PresetOverrides, TraktPreset } from './services/providers/preset.js';
export type { GitLabPresetOptions } from './services/providers/gitlab.js';
export type { MicrosoftPresetOptions } from './services/providers/microsoft.js';
export type { OidcPresetOptions } from './services/providers/oidc.js';
export type { TraktPresetOptions } from './services/providers/trakt.js';

// Token stores that run anywhere (the file store is on `device-auth-machine/node`).
export type { TokenPair, TokenStore, TokenStoreWarning, TokenStoreWarningCode, TokenStoreWarningHandler } from './services/stores/token-store.js';
export { isSameTokenPair } from './services/stores/token-store.js';
export { createMemoryTokenStore } from './services/stores/memory-token-store.js';
export { createWebStorageTokenStore } from './services/stores/web-storage-token-store.js';
export type { TokenWebLocks, TokenWebStorage, WebStorageTokenStoreOptions } from './services/stores/web-storage-token-store.js';

// Clients built on the machines: one sign-in, a session, resuming either.
export { authorize, runDeviceAuth } from './services/clients/authorize.js';
export type { AuthorizeOptions, CodesEvent, DeviceAuthCallbacks } from './services/clients/authorize.js';
export type {
  EndpointsProviderChoice,
  IssuerProviderChoice,
  PresetProviderChoice,
  ProviderChoice,
  TraktProviderChoice,
} from './services/clients/provider-choice.js';
export { createSessionServices, createTraktSessionServices } from './services/clients/session-services.js';
export type { SessionServices, SessionDialect, TraktSessionServiceOptions } from './services/clients/session-services.js';
export { createSession, getAccessToken } from './services/clients/session-client.js';
export type {
  Session,
  SessionActor,
  SessionSnapshot,
  SignOutResult,
  CreateSessionOptions,
  AccessTokenOptions,
  SessionTimingOptions,
  SessionWithProvider,
  SessionWithServices,
} from './services/clients/session-client.js';
export { resumeDeviceAuth } from './services/clients/resume.js';
export type { DeviceAuthActor, ResumeDeviceAuthOptions } from './services/clients/resume.js';
export type { PersistedDeviceAuthSnapshot } from './services/clients/resume-snapshot.js';
export { resumeSession } from './services/clients/resume-session.js';
export type { ResumeSessionOptions } from './services/clients/resume-session.js';

// Redaction: the one function every output goes through.
export { redact, createRedactor, REDACTED } from './redact/redact.js';
export type { RedactedValue, RedactOptions, Redactor } from './redact/redact.js';

// A headless sign-in view for any UI (vanilla, React, Vue, Svelte).
export { createSignInView } from './view/sign-in-view.js';
export type {
  SignInCodePhase,
  SignInPhase,
  SignInRetry,
  SignInViewActor,
  SignInViewListener,
  SignInViewOptions,
  SignInViewSnapshot,
  SignInViewStore,
} from './view/sign-in-view.types.js';
