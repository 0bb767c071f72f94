/**
 * A real OpenID Connect provider on loopback that this project did not write: oidc-provider
 * (node_modules/oidc-provider, a dev dependency) with its device flow, revocation and its own
 * development login and consent pages (`features.devInteractions`). The tests sign in to it with
 * the library's public API and approve through those pages in Chromium, as a person would.
 *
 * Set up as documented in node_modules/oidc-provider/docs/README.md:
 * - three clients allowed the device and refresh grants: a public one (`none`), and confidential
 *   ones authenticating with `client_secret_post` and `client_secret_basic`;
 * - scopes `openid offline_access`: oidc-provider issues a refresh token only when the grant
 *   holds `offline_access` (its default `issueRefreshToken`), which the consent page grants;
 * - refresh tokens rotate as oidc-provider does by default: always for a public client, for a
 *   confidential one only once 70 % of the refresh token's life has passed;
 * - the device code's life (`ttl.DeviceCode`) is an option, for the expiry case;
 * - oidc-provider 9 sends no `interval` in its device authorization answer (clients then poll
 *   every 5 s, RFC 8628 §3.2) and never answers `slow_down`. `intervalSeconds` adds an
 *   `interval` to that answer with a post-middleware (the documented way to change a response),
 *   so most tests wait 1 s between polls instead of 5.
 *
 * Every request is logged (arrival time, route, grant type, status, OAuth error, client) for the
 * tests to count and space. oidc-provider's own development notices ("use Node 22", "devInteractions
 * is for development", "you SHOULD change this default") are kept in `notices`, not printed.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Provider, ProviderContext } from 'oidc-provider';

/** The device grant (RFC 8628 §3.4). */
export const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/** Options of {@link startOidcProvider}. */
export interface OidcProviderOptions {
  /** Lifetime of a device code in seconds (`ttl.DeviceCode`; default 600). */
  deviceCodeTtlSeconds?: number;
  /** Lifetime of an access token in seconds (`ttl.AccessToken`; default 3600). */
  accessTokenTtlSeconds?: number;
  /** An `interval` added to the device authorization answer; absent: the answer as shipped (none). */
  intervalSeconds?: number;
  /**
   * A path the provider is mounted under (`/tenant`), as an app mounts it (`app.use('/tenant',
   * provider.callback())`): the issuer gets that path, and the RFC 8414 address
   * `/.well-known/oauth-authorization-server/tenant` answers 404, as it does on such servers, while
   * `/tenant/.well-known/openid-configuration` answers.
   */
  mountPath?: string;
  /** False: the device flow is off (`features.deviceFlow`), as on a server that does not offer it. Default true. */
  deviceFlow?: boolean;
}

/** One request the provider answered. */
export interface ProviderRequest {
  /** When it arrived (`Date.now()`). */
  at: number;
  method: string;
  path: string;
  /** oidc-provider's route name: `device_authorization`, `token`, `revocation`, `userinfo`, `code_verification`, … */
  route: string | undefined;
  /** `grant_type` of a token request. */
  grantType: string | undefined;
  status: number;
  /** The OAuth `error` of the answer, if any. */
  error: string | undefined;
  /** The client the provider identified, if any. */
  clientId: string | undefined;
  /** True when the request carried HTTP Basic credentials. */
  basic: boolean;
}

/** A registered client, as the library is given it. */
export interface E2eClient {
  clientId: string;
  clientSecret?: string;
}

/** A running provider; {@link RunningOidcProvider.close} stops it. */
export interface RunningOidcProvider {
  /** `http://127.0.0.1:<port>` (plus the mount path): the issuer identifier and its loopback address. */
  issuer: string;
  /** The registered clients. */
  clients: { public: E2eClient; post: E2eClient; basic: E2eClient };
  /** Every request, in arrival order. */
  requests: ProviderRequest[];
  /** oidc-provider's development notices and warnings, instead of the console. */
  notices: string[];
  /** Requests to `route`, optionally only those of `grantType`. */
  requestsTo(route: string, grantType?: string): ProviderRequest[];
  /** True while oidc-provider still holds `accessToken` as valid (not revoked, not expired). */
  isAccessTokenActive(accessToken: string): Promise<boolean>;
  /** True while oidc-provider still holds `refreshToken` as valid (not rotated away, not revoked). */
  isRefreshTokenActive(refreshToken: string): Promise<boolean>;
  /** The status of `GET /me` (userinfo) with `accessToken` as Bearer token. */
  userinfoStatus(accessToken: string): Promise<number>;
  close(): Promise<void>;
}

/** Where oidc-provider's notices go while providers run, and how many run. */
const noticeSinks = new Set<string[]>();
let restoreConsoleOutput: (() => void) | undefined;

/**
 * Routes oidc-provider's `console.info`/`console.warn` notices into `notices` (every running
 * provider's list) until the returned function is called; other output is printed as usual. The
 * console is patched once while any provider runs, and restored when the last one stops.
 */
function captureNotices(notices: string[]): () => void {
  noticeSinks.add(notices);
  if (restoreConsoleOutput === undefined) {
    const original = { info: console.info, warn: console.warn };
    const filter =
      (print: (...args: unknown[]) => void) =>
      (...args: unknown[]): void => {
        const text = typeof args[0] === 'string' ? args[0] : '';
        if (!/oidc-provider (WARNING|NOTICE): /.test(text)) print(...args);
        else for (const sink of noticeSinks) sink.push(text);
      };
    console.info = filter(original.info);
    console.warn = filter(original.warn);
    restoreConsoleOutput = () => {
      console.info = original.info;
      console.warn = original.warn;
    };
  }
  return () => {
    noticeSinks.delete(notices);
    if (noticeSinks.size === 0) {
      restoreConsoleOutput?.();
      restoreConsoleOutput = undefined;
    }
  };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function secret(): string {
  return `e2e-${randomBytes(16).toString('hex')}`;
}

function client(deviceFlow: boolean, clientId: string, method: 'none' | 'client_secret_post' | 'client_secret_basic', clientSecret?: string) {
  return {
    client_id: clientId,
    ...(clientSecret === undefined ? {} : { client_secret: clientSecret }),
    token_endpoint_auth_method: method,
    grant_types: deviceFlow ? [DEVICE_GRANT, 'refresh_token'] : ['refresh_token'],
    response_types: [],
    redirect_uris: [],
  };
}

function oauthError(body: unknown): string | undefined {
  return typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string'
    ? (body as { error: string }).error
    : undefined;
}

/** Starts oidc-provider on `http://127.0.0.1:<free port>`. */
export async function startOidcProvider(options: OidcProviderOptions = {}): Promise<RunningOidcProvider> {
  const notices: string[] = [];
  const restoreConsole = captureNotices(notices);
  const server = createServer();
  try {
    const { Provider: OidcProvider } = await import('oidc-provider');
    const port = await listen(server);
    const mountPath = options.mountPath ?? '';
    const deviceFlow = options.deviceFlow ?? true;
    const issuer = `http://127.0.0.1:${port}${mountPath}`;
    const clients = {
      public: { clientId: 'e2e-public' },
      post: { clientId: 'e2e-post', clientSecret: secret() },
      basic: { clientId: 'e2e-basic', clientSecret: secret() },
    };
    const provider: Provider = new OidcProvider(issuer, {
      clients: [
        client(deviceFlow, clients.public.clientId, 'none'),
        client(deviceFlow, clients.post.clientId, 'client_secret_post', clients.post.clientSecret),
        client(deviceFlow, clients.basic.clientId, 'client_secret_basic', clients.basic.clientSecret),
      ],
      scopes: ['openid', 'offline_access'],
      features: {
        deviceFlow: { enabled: deviceFlow },
        revocation: { enabled: true },
        devInteractions: { enabled: true },
      },
      ttl: {
        DeviceCode: options.deviceCodeTtlSeconds ?? 600,
        AccessToken: options.accessTokenTtlSeconds ?? 3600,
        RefreshToken: 24 * 3600,
        Grant: 24 * 3600,
        Session: 24 * 3600,
        Interaction: 600,
      },
      cookies: { keys: [secret()] },
      findAccount: (_ctx: unknown, sub: string) => ({ accountId: sub, claims: () => ({ sub }) }),
    });

    const requests: ProviderRequest[] = [];
    provider.use(async (ctx: ProviderContext, next) => {
      const at = Date.now();
      await next();
      const route = ctx.oidc?.route;
      if (route === 'device_authorization' && ctx.status === 200 && options.intervalSeconds !== undefined) {
        (ctx.body as Record<string, unknown>).interval = options.intervalSeconds;
      }
      const grantType = ctx.oidc?.params?.grant_type;
      requests.push({
        at,
        method: ctx.method,
        path: ctx.path,
        route,
        grantType: typeof grantType === 'string' ? grantType : undefined,
        status: ctx.status,
        error: oauthError(ctx.body),
        clientId: ctx.oidc?.client?.clientId,
        basic: /^basic /i.test(ctx.get('authorization')),
      });
    });
    const handle = provider.callback();
    server.on('request', (request: IncomingMessage & { originalUrl?: string }, response: ServerResponse) => {
      const url = request.url ?? '/';
      if (mountPath === '') return handle(request, response);
      if (url !== mountPath && !url.startsWith(`${mountPath}/`) && !url.startsWith(`${mountPath}?`)) {
        requests.push({ at: Date.now(), method: request.method ?? '', path: url, route: undefined, grantType: undefined, status: 404, error: undefined, clientId: undefined, basic: false });
        response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found');
        return undefined;
      }
      // What a framework's mount does: the provider sees the rest, and finds the prefix in originalUrl.
      request.originalUrl = url;
      request.url = url.slice(mountPath.length) || '/';
      return handle(request, response);
    });

    return {
      issuer,
      clients,
      requests,
      notices,
      requestsTo: (route, grantType) => requests.filter((request) => request.route === route && (grantType === undefined || request.grantType === grantType)),
      isAccessTokenActive: async (accessToken) => (await provider.AccessToken.find(accessToken))?.isValid === true,
      isRefreshTokenActive: async (refreshToken) => (await provider.RefreshToken.find(refreshToken))?.isValid === true,
      userinfoStatus: async (accessToken) => (await fetch(`${issuer}/me`, { headers: { Authorization: `Bearer ${accessToken}` } })).status,
      async close() {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        restoreConsole();
      },
    };
  } catch (error) {
    server.close();
    restoreConsole();
    throw error;
  }
}
