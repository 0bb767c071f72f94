/**
 * The throwaway consumer projects of the matrix (scripts/consumers/run.ts), as file maps: each is
 * what a user of the published package would write, importing it by its package name only.
 * Kept as strings so the repository's own type-check does not resolve them against itself.
 */

/** The mock's credentials (MOCK_DEFAULTS in src/mock/options.ts). */
const CLIENT = `clientId: 'mock-client-id', clientSecret: 'mock-client-secret'`;

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

const packageJson = (name: string, type: 'module' | 'commonjs'): string =>
  json({ name: `device-auth-consumer-${name}`, version: '1.0.0', private: true, type });

/**
 * An ESM sign-in against the mock at `mockUrl` that also stores the token with the file store of
 * `device-auth-machine/node`, for Node, Bun and Deno alike (no `process`, no env, no argv).
 * Prints `RESULT {json}` with what each step gave, never the tokens themselves.
 */
export function esmSignIn(runtime: string, mockUrl: string): Record<string, string> {
  return {
    'sign-in.mjs': `// A consumer of the published package on ${runtime}: sign in, check the token, store it.
import { authorize, fetchTraktAccount, LIBRARY_VERSION } from 'device-auth-machine';
import { createFileTokenStore } from 'device-auth-machine/node';
import { stat } from 'node:fs/promises';

const options = { ${CLIENT}, baseUrl: ${JSON.stringify(mockUrl)}, userAgent: 'device-auth-consumer/${runtime}' };
const result = { runtime: ${JSON.stringify(runtime)}, version: LIBRARY_VERSION };
const describe = (error) => (error && typeof error === 'object' ? \`\${error.code ?? error.name}: \${error.message}\` : String(error));
try {
  let codes;
  const token = await authorize({ ...options, onCodes: (event) => (codes = event), signal: AbortSignal.timeout(30_000) });
  result.userCode = codes?.userCode;
  result.verificationUrl = codes?.verificationUrl;
  result.tokenType = token.tokenType;
  result.expiresAt = token.expiresAt;
  result.accessTokenLength = token.accessToken.length;
  result.hasRefreshToken = typeof token.refreshToken === 'string' && token.refreshToken.length > 0;
  const account = await fetchTraktAccount(options, token.accessToken);
  result.username = account.username;
  try {
    const store = createFileTokenStore({ path: 'out/token.json' });
    await store.set(token);
    const back = await store.get();
    result.storedRoundTrip = back?.accessToken === token.accessToken && back?.refreshToken === token.refreshToken;
    result.fileMode = ((await stat('out/token.json')).mode & 0o777).toString(8);
  } catch (error) {
    result.storeError = describe(error);
  }
} catch (error) {
  result.signInError = describe(error);
}
console.log('RESULT ' + JSON.stringify(result));
`,
  };
}

/** Node ESM ("type": "module"): the sign-in, plus every Node entry point imported by name. */
export function nodeEsmProject(mockUrl: string): Record<string, string> {
  return {
    'package.json': packageJson('node-esm', 'module'),
    ...esmSignIn('node-esm', mockUrl),
    'entries.mjs': `import * as main from 'device-auth-machine';
import * as node from 'device-auth-machine/node';
import * as viewer from 'device-auth-machine/viewer';
import * as mock from 'device-auth-machine/mock';
import * as record from 'device-auth-machine/record';
const exported = {
  '.': typeof main.authorize === 'function' && typeof main.deviceAuthMachine === 'object',
  './node': typeof node.createFileTokenStore === 'function',
  './viewer': typeof viewer.serveInspector === 'function',
  './mock': typeof mock.startMockServer === 'function',
  './record': typeof record.createTraceRecorder === 'function',
};
console.log('RESULT ' + JSON.stringify(exported));
`,
  };
}

/** Node CommonJS ("type": "commonjs"): `require()` of the ESM package (Node >= 20.19), then sign in. */
export function nodeCjsProject(mockUrl: string): Record<string, string> {
  return {
    'package.json': packageJson('node-cjs', 'commonjs'),
    'sign-in.js': `'use strict';
// A CommonJS consumer: require() of an ES module, supported without flags since Node 20.19 and 22.12.
const { authorize, fetchTraktAccount, DeviceAuthError } = require('device-auth-machine');
const { createFileTokenStore } = require('device-auth-machine/node');
const { serveInspector } = require('device-auth-machine/viewer');
const { startMockServer } = require('device-auth-machine/mock');
const { statSync } = require('node:fs');

const options = { ${CLIENT}, baseUrl: ${JSON.stringify(mockUrl)}, userAgent: 'device-auth-consumer/node-cjs' };

async function main() {
  const result = {
    runtime: 'node-cjs',
    required: [typeof authorize, typeof DeviceAuthError, typeof createFileTokenStore, typeof serveInspector, typeof startMockServer].every((t) => t === 'function'),
  };
  let codes;
  const token = await authorize({ ...options, onCodes: (event) => (codes = event), signal: AbortSignal.timeout(30_000) });
  result.userCode = codes && codes.userCode;
  result.tokenType = token.tokenType;
  result.expiresAt = token.expiresAt;
  result.accessTokenLength = token.accessToken.length;
  result.hasRefreshToken = typeof token.refreshToken === 'string' && token.refreshToken.length > 0;
  result.username = (await fetchTraktAccount(options, token.accessToken)).username;
  const store = createFileTokenStore({ path: 'out/token.json' });
  await store.set(token);
  const back = await store.get();
  result.storedRoundTrip = back !== undefined && back.accessToken === token.accessToken;
  result.fileMode = (statSync('out/token.json').mode & 0o777).toString(8);
  console.log('RESULT ' + JSON.stringify(result));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
`,
  };
}

/**
 * What a careful app would set, and `skipLibCheck: false` so the package's declarations are
 * checked, not skipped. Not `exactOptionalPropertyTypes`: XState 5.33's own declarations fail
 * under it with skipLibCheck false (xstate/dist/declarations/src/setup.d.ts, TS2344 on `id`;
 * statelyai/xstate#4613), which says nothing about this package.
 */
const STRICT = { strict: true, skipLibCheck: false, noEmit: true, noUncheckedIndexedAccess: true, isolatedModules: true };
/** ESM projects also keep imports as written (a CommonJS file cannot: it must be compiled to require()). */
const STRICT_ESM = { ...STRICT, verbatimModuleSyntax: true };

/** The body shared by the Node type-check projects: every Node-side entry point, used for real. */
const NODE_TS_BODY = `
export async function signInAgainstMock(): Promise<DeviceToken> {
  const server: MockServer = await startMockServer({ interval: 1, autoApproveAfterPolls: 1 });
  const viewer: InspectorServer = await serveInspector({ machine: deviceAuthMachine, secrets: [server.clientSecret] });
  try {
    const token = await authorize({
      clientId: server.clientId,
      clientSecret: server.clientSecret,
      baseUrl: server.url,
      userAgent: 'device-auth-consumer/1.0',
      onCodes: ({ userCode, verificationUrl, expiresAt }) => console.log(userCode, verificationUrl, new Date(expiresAt)),
      onEvent: (event) => event.type === 'slowDown' && console.log(event.interval),
    });
    const store: TokenStore = createFileTokenStore({ path: defaultTokenPath(), onWarning: (warning) => console.warn(warning.message) });
    await store.set(token);
    const settings: MockServerOptions = { interval: 0.5, faults: ['drop'] };
    console.log(settings, MOCK_DEFAULTS.clientId, TOKEN_FILE_MODE);
    return token;
  } catch (error) {
    if (isDeviceAuthError(error)) {
      const code: DeviceAuthErrorCode = error.code;
      console.error(code);
    }
    throw error;
  } finally {
    await viewer.close();
    await server.close();
  }
}
`;

const NODE_TS_IMPORTS = `import { authorize, deviceAuthMachine, isDeviceAuthError, type DeviceAuthErrorCode, type DeviceToken, type TokenStore } from 'device-auth-machine';
import { createFileTokenStore, defaultTokenPath, TOKEN_FILE_MODE } from 'device-auth-machine/node';
import { serveInspector, type InspectorServer } from 'device-auth-machine/viewer';
import { MOCK_DEFAULTS, startMockServer, type MockServer, type MockServerOptions } from 'device-auth-machine/mock';
`;

/** TypeScript, CommonJS project, `module: nodenext` (require of ESM, TS >= 5.8), Node types, no DOM. */
export function tsCjsProject(): Record<string, string> {
  return {
    'package.json': packageJson('ts-cjs', 'commonjs'),
    'tsconfig.json': json({
      compilerOptions: { target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', lib: ['ES2022'], types: ['node'], ...STRICT },
      include: ['src'],
    }),
    'src/index.ts': `${NODE_TS_IMPORTS}${NODE_TS_BODY}`,
  };
}

/** TypeScript, Node ESM project (`module: nodenext`), Node types, no DOM; also the README's XState usage. */
export function tsEsmProject(): Record<string, string> {
  return {
    'package.json': packageJson('ts-esm', 'module'),
    'tsconfig.json': json({
      compilerOptions: { target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', lib: ['ES2022'], types: ['node'], ...STRICT_ESM },
      include: ['src'],
    }),
    'src/index.ts': `${NODE_TS_IMPORTS}import { createActor } from 'xstate';
import { createTraktServices, type CodesEvent } from 'device-auth-machine';
${NODE_TS_BODY}
export function withXState(clientId: string, clientSecret: string): void {
  const machine = deviceAuthMachine.provide(createTraktServices({ clientId, clientSecret, userAgent: 'my-app/1.0' }));
  const actor = createActor(machine);
  actor.on('codes', ({ userCode, verificationUrl, expiresAt }: CodesEvent) => console.log(userCode, verificationUrl, expiresAt));
  actor.on('slowDown', ({ interval }) => console.log(\`slowed down to \${interval} s\`));
  actor.subscribe((snapshot) => {
    if (snapshot.status === 'done') console.log(snapshot.output.tokenType, new Date(snapshot.output.expiresAt));
  });
  actor.start();
  actor.send({ type: 'start' });
}
`,
  };
}

/** TypeScript for a browser app: DOM lib, no Node types at all, bundler resolution, only `.`. */
export function tsBrowserProject(): Record<string, string> {
  return {
    'package.json': packageJson('ts-browser', 'module'),
    'tsconfig.json': json({
      compilerOptions: { target: 'ES2022', module: 'esnext', moduleResolution: 'bundler', lib: ['ES2022', 'DOM'], types: [], ...STRICT_ESM },
      include: ['src'],
    }),
    'src/app.ts': `import {
  authorize,
  createSession,
  createTraktSessionServices,
  createWebStorageTokenStore,
  DeviceAuthError,
  redact,
  type DeviceToken,
} from 'device-auth-machine';

export async function signIn(baseUrl: string, output: HTMLElement): Promise<DeviceToken> {
  const controller = new AbortController();
  document.querySelector('button')?.addEventListener('click', () => controller.abort());
  try {
    return await authorize({
      clientId: 'id',
      clientSecret: 'secret',
      baseUrl,
      signal: controller.signal,
      onCodes: ({ userCode, verificationUrl }) => (output.textContent = \`Open \${verificationUrl} and enter \${userCode}\`),
    });
  } catch (error) {
    if (error instanceof DeviceAuthError) output.textContent = \`\${error.code}: \${error.message}\`;
    throw error;
  }
}

export async function keepSignedIn(): Promise<string | undefined> {
  const store = createWebStorageTokenStore({ storage: localStorage });
  const session = createSession({ services: createTraktSessionServices({ clientId: 'id', clientSecret: 'secret', store }) });
  session.actor.on('codes', ({ userCode }) => console.log(userCode));
  await session.ready();
  console.log(redact(session.actor.getSnapshot().context, { secrets: ['secret'] }));
  return session.getAccessToken();
}
`,
  };
}

/** TypeScript ESM project using `./stately` with its optional peer `@statelyai/inspect` installed. */
export function tsStatelyProject(): Record<string, string> {
  return {
    'package.json': packageJson('ts-stately', 'module'),
    'tsconfig.json': json({
      compilerOptions: { target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', lib: ['ES2022', 'DOM'], types: [], ...STRICT_ESM },
      include: ['src'],
    }),
    'src/index.ts': `import { createActor } from 'xstate';
import { createTraktServices, deviceAuthMachine } from 'device-auth-machine';
import { createRedactedBrowserInspector } from 'device-auth-machine/stately';

const inspector = createRedactedBrowserInspector({ secrets: ['secret'] });
const machine = deviceAuthMachine.provide(createTraktServices({ clientId: 'id', clientSecret: 'secret' }));
export const actor = createActor(machine, { inspect: inspector.inspect });
`,
    'load.mjs': `const stately = await import('device-auth-machine/stately');
console.log('RESULT ' + JSON.stringify({ createRedactedWebSocketInspector: typeof stately.createRedactedWebSocketInspector }));
`,
  };
}

/**
 * A browser app bundled with esbuild (code splitting on): signs in against the mock (CORS) given
 * in `?mock=`, checks the token with `/users/settings`, then signs in to an RFC 8628 provider (the
 * in-memory mock), whose code `authorize` loads from a lazy chunk; reports on
 * `#result[data-status]` and the console.
 */
export function browserProject(): Record<string, string> {
  return {
    'package.json': packageJson('browser', 'module'),
    'src/app.js': `import { authorize, fetchTraktAccount } from 'device-auth-machine';
import { createMockFetch } from 'device-auth-machine/mock/fetch';

const result = document.getElementById('result');
const report = (status, value) => {
  result.textContent = JSON.stringify(value);
  result.dataset.status = status;
  console.log('device-auth-result', status, JSON.stringify(value));
};

async function main() {
  const baseUrl = new URLSearchParams(location.search).get('mock');
  const options = { ${CLIENT}, baseUrl, userAgent: 'device-auth-consumer/browser' };
  let codes;
  const token = await authorize({
    ...options,
    onCodes: (event) => {
      codes = event;
      document.getElementById('code').textContent = event.userCode;
    },
    signal: AbortSignal.timeout(30_000),
  });
  const account = await fetchTraktAccount(options, token.accessToken);
  // Another provider by its endpoints: authorize loads that code from a lazy chunk now, and signs
  // in against the in-memory mock in its RFC 8628 mode.
  const rfc8628 = createMockFetch({ url: 'http://127.0.0.1:9', dialect: 'rfc8628', interval: 0.05, autoApproveAfterPolls: 0 });
  const other = await authorize({
    deviceAuthorizationEndpoint: 'http://127.0.0.1:9/device_authorization',
    tokenEndpoint: 'http://127.0.0.1:9/token',
    clientId: 'mock-client-id',
    fetch: rfc8628.fetch,
    signal: AbortSignal.timeout(30_000),
  });
  report('ok', {
    runtime: 'browser',
    userCode: codes?.userCode,
    tokenType: token.tokenType,
    expiresAt: token.expiresAt,
    accessTokenLength: token.accessToken.length,
    hasRefreshToken: typeof token.refreshToken === 'string' && token.refreshToken.length > 0,
    username: account.username,
    rfc8628TokenType: other.tokenType,
  });
}

main().catch((error) => report('error', { error: \`\${error?.code ?? error?.name}: \${error?.message ?? error}\` }));
`,
    'public/index.html': `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>device-auth-machine in a browser</title></head>
  <body>
    <p>Code: <code id="code">…</code></p>
    <output id="result"></output>
    <script type="module" src="./app.js"></script>
  </body>
</html>
`,
  };
}

/** A project that only holds tools (TypeScript versions, Bun, Deno). */
export function toolProject(name: string): Record<string, string> {
  return { 'package.json': packageJson(name, 'module') };
}
