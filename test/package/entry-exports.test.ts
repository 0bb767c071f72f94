/**
 * The public surface is a decision: each entry point's exports are listed here, so adding or
 * removing one shows up in review. Everything listed is documented in the README.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readEntryExports, type EntryExports } from './support/entry-exports.js';

const src = (file: string) => fileURLToPath(new URL(`../../src/${file}`, import.meta.url));

const EXPECTED: Record<string, EntryExports> = {
  'index.ts': {
    values: [
      'DeviceAuthError', 'LIBRARY_VERSION', 'REDACTED', 'TRAKT_API_URL',
      'TRAKT_AUTH_URL', 'authorize', 'createDeviceFlowServices', 'createMemoryTokenStore', 'createProviderDialect',
      'createProviderServices', 'createRedactor', 'createRfc8628Dialect', 'createRfc8628Services', 'createSession',
      'createSessionServices', 'createSignInView', 'createTraktDialect', 'createTraktServices',
      'createTraktSessionServices', 'createWebStorageTokenStore', 'deviceAuthMachine', 'discoverAuthorizationServer',
      'fetchTraktAccount', 'getAccessToken', 'isDeviceAuthError', 'isSameTokenPair', 'providers', 'redact', 'refreshDueAt', 'resumeDeviceAuth', 'resumeSession', 'runDeviceAuth',
      'sessionMachine', 'toDeviceAuthError', ],
    types: [
      'AccessTokenOptions', 'AuthorizationServerMetadata', 'AuthorizeOptions', 'ClearTokenInput',
      'ClientAuthentication', 'CodesEvent', 'CreateSessionOptions', 'DeviceAuthActor', 'DeviceAuthCallbacks',
      'DeviceAuthContext', 'DeviceAuthEmitted', 'DeviceAuthErrorCode', 'DeviceAuthErrorOptions', 'DeviceAuthEvent',
      'DeviceAuthInput', 'DeviceAuthMachine', 'DeviceAuthServices', 'DeviceCodeResult',
      'DeviceCodes', 'DeviceFlowDialect', 'DeviceToken', 'DiscoveryOptions', 'EndpointsProviderChoice', 'FetchLike',
      'FetchResponseLike', 'GitLabPresetOptions', 'HttpRequest', 'HttpResponse', 'HttpServiceOptions',
      'InsecureHttpOption', 'IssuerProviderChoice', 'LoadTokenResult', 'MicrosoftPresetOptions', 'OidcPresetOptions',
      'PersistedDeviceAuthSnapshot', 'PollOutcome', 'PollResult', 'PollTokenInput', 'PresetProviderChoice',
      'ProviderChoice', 'ProviderClientOptions', 'ProviderDialect', 'ProviderPreset', 'RedactOptions', 'RedactedValue', 'Redactor', 'RefreshResult', 'ResumeDeviceAuthOptions',
      'ResumeSessionOptions', 'RetryReason', 'RevokeResult', 'Rfc8628Dialect', 'Rfc8628DialectOptions',
      'Rfc8628Preset', 'Rfc8628PresetOverrides', 'Rfc8628ServiceOptions', 'Session', 'SessionActor', 'SessionContext',
      'SessionDialect', 'SessionEmitted', 'SessionEndReason', 'SessionEvent', 'SessionInput', 'SessionMachine',
      'SessionOwnEmitted', 'SessionServices', 'SessionSnapshot', 'SessionTimingOptions', 'SessionWithProvider',
      'SessionWithServices', 'SignInCodePhase', 'SignInEnding', 'SignInPhase', 'SignInRetry', 'SignInViewActor',
      'SignInViewListener', 'SignInViewOptions', 'SignInViewSnapshot', 'SignInViewStore', 'SignOutResult',
      'SignedOutReason', 'StoreOperation', 'StoreResult', 'StoredToken', 'TokenInput', 'TokenLifecycleDialect',
      'TokenPair', 'TokenStore', 'TokenStoreWarning', 'TokenStoreWarningCode', 'TokenStoreWarningHandler',
      'TokenWebLocks', 'TokenWebStorage', 'TraktAccount',
      'TraktDialectOptions', 'TraktPreset', 'TraktPresetOptions', 'TraktProviderChoice', 'TraktServiceOptions',
      'TraktSessionServiceOptions', 'WebStorageTokenStoreOptions',
    ],
  },
  'node.ts': {
    values: [
      'TOKEN_DIRECTORY_MODE', 'TOKEN_FILE_MODE', 'TOKEN_FILE_STALE_AFTER_MS', 'createFileTokenStore',
      'defaultTokenPath',
    ],
    types: [
      'FileTokenStore', 'FileTokenStoreOptions', 'TokenFileHandle', 'TokenFileLockHolder', 'TokenFileProvider', 'TokenFileStats',
      'TokenFileSystem',
    ],
  },
  'viewer.ts': {
    values: ['INSPECTOR_HOST', 'replayHtml', 'serveInspector', 'serveReplay'],
    types: [
      'InspectorServer', 'ReplayOptions', 'ReplayServer', 'ServeInspectorOptions', 'ServeReplayOptions', 'ViewerActorMessage',
      'ViewerEndMessage', 'ViewerEventMessage', 'ViewerMessage', 'ViewerSnapshotMessage',
    ],
  },
  'record.ts': {
    values: ['TRACE_FORMAT', 'TRACE_VERSION', 'createTraceRecorder', 'momentAfter', 'parseTrace', 'recordTrace', 'traceMoments', 'traceVersionWarning', 'validateTrace'],
    types: ['DeviceAuthTrace', 'RecordableFetch', 'RecordableResponse', 'TraceActorStep', 'TraceEventStep', 'TraceHttpStep', 'TraceMoment', 'TraceRecorder', 'TraceRecorderOptions', 'TraceSnapshotStep', 'TraceStep'],
  },
  'stately.ts': {
    values: ['createRedactedBrowserInspector', 'createRedactedWebSocketInspector'],
    types: [
      'RedactedBrowserInspectorOptions', 'RedactedWebSocketInspectorOptions', 'StatelyBrowserInspector',
      'StatelyBrowserInspectorOptions', 'StatelyWebSocketInspector', 'StatelyWebSocketInspectorOptions',
    ],
  },
  'mock/fetch.ts': {
    values: [
      'MOCK_DEFAULTS', 'MOCK_FAULT_KINDS', 'MOCK_FETCH_URL', 'MOCK_FETCH_USER_AGENT', 'REDACTED', 'TRAKT_API_VERSION',
      'USER_CODE_ALPHABET', 'USER_CODE_LENGTH', 'createMockFetch', 'normalizeUserCode',
    ],
    types: [
      'DecisionResult', 'DecisionSource', 'DeviceCodeState', 'Listener', 'MockAuthorizationServerMetadata',
      'MockCodeEvent', 'MockControls', 'MockDecision', 'MockDecisionEvent', 'MockDelay', 'MockDeviceAuthorizationBody',
      'MockDeviceCodeBody', 'MockDialectName', 'MockErrorBody', 'MockEventMap', 'MockFaultEvent', 'MockFaultKind',
      'MockFetch', 'MockFetchFunction', 'MockFetchOptions', 'MockGenerate', 'MockLogEntry', 'MockOAuthTokenBody',
      'MockPollEvent', 'MockSecretKind', 'MockStats', 'MockTokenBody', 'MockTokenEvent', 'MockTokenState',
      'MockUserSettingsBody', 'PollOutcome', 'WaitForOptions',
    ],
  },
  'mock/index.ts': {
    values: [
      'MOCK_DEFAULTS', 'MOCK_FAULT_KINDS', 'REDACTED', 'TRAKT_API_VERSION', 'USER_CODE_ALPHABET', 'USER_CODE_LENGTH',
      'normalizeUserCode', 'resolveMockOptions', 'startMockServer',
    ],
    types: [
      'DecisionResult', 'DecisionSource', 'DeviceCodeState', 'Listener', 'MockAuthorizationServerMetadata',
      'MockCodeEvent', 'MockDecision', 'MockDecisionEvent', 'MockDelay', 'MockDeviceAuthorizationBody',
      'MockDeviceCodeBody', 'MockDialectName', 'MockErrorBody', 'MockEventMap', 'MockFaultEvent', 'MockFaultKind',
      'MockLogEntry', 'MockOAuthTokenBody', 'MockPollEvent', 'MockServer', 'MockServerOptions', 'MockStats',
      'MockTokenBody', 'MockTokenEvent', 'MockUserSettingsBody', 'PollOutcome', 'ResolvedMockOptions', 'WaitForOptions',
    ],
  },
};

describe('the public surface of each entry point', () => {
  const actual = readEntryExports(Object.keys(EXPECTED).map(src));
  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`${file} exports exactly the documented names`, () => {
      expect(actual.get(src(file))).toEqual(expected);
    });
  }
});

describe('the README', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  for (const [file, { values }] of Object.entries(EXPECTED)) {
    it(`documents every value ${file} exports`, () => {
      expect(values.filter((name) => !new RegExp(`\\b${name}\\b`).test(readme))).toEqual([]);
    });
  }
});
