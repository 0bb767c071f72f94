/**
 * A small RFC 8628 authorization server on loopback for the client tests (authorize,
 * createSession, the CLI): discovery documents, device authorization, a token endpoint that
 * answers `authorization_pending` a set number of times before the token, refresh (with or without
 * issuing refresh tokens, rotating them) and RFC 7009 revocation. Every request is recorded.
 */
import { json, startLoopbackServer, type RecordedHttpRequest, type ScriptedAnswer } from '../support/loopback-server.js';

export interface Rfc8628ServerOptions {
  /** Polls answered `authorization_pending` before the token (default 1). */
  pendingPolls?: number;
  /** Whether tokens come with a refresh token (default true). */
  refreshTokens?: boolean;
  /** Whether the server has (and advertises) a revocation endpoint (default true). */
  revocation?: boolean;
  /** Access token lifetime in seconds (default 3600). */
  expiresIn?: number;
  /** Poll interval in seconds (default 0.01: loopback allows fast polling). */
  interval?: number;
  /** Answer the device grant with `access_denied` instead of the token. */
  deny?: boolean;
}

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/** Starts the server; `options` can be changed between requests. */
export async function startRfc8628Server(initial: Rfc8628ServerOptions = {}) {
  const options: Rfc8628ServerOptions = { ...initial };
  let issued = 0;
  const polls = new Map<string, number>();
  const refreshTokens = new Set<string>();
  const revoked: string[] = [];
  const tokenBody = () => {
    issued += 1;
    const refresh = options.refreshTokens === false ? {} : { refresh_token: `rt-${issued}` };
    if ('refresh_token' in refresh) refreshTokens.add(refresh.refresh_token);
    return { access_token: `at-${issued}`, token_type: 'Bearer', expires_in: options.expiresIn ?? 3600, scope: 'read', ...refresh };
  };
  const form = (request: RecordedHttpRequest) => Object.fromEntries(new URLSearchParams(request.body));
  let url = '';
  const metadata = () => ({
    issuer: url,
    device_authorization_endpoint: `${url}/device_authorization`,
    token_endpoint: `${url}/token`,
    ...(options.revocation === false ? {} : { revocation_endpoint: `${url}/revoke` }),
    grant_types_supported: [DEVICE_GRANT, 'refresh_token'],
  });
  const handle = (request: RecordedHttpRequest): ScriptedAnswer => {
    if (request.path === '/.well-known/oauth-authorization-server') return json(200, metadata());
    if (request.method !== 'POST') return json(404, { error: 'not_found' });
    const body = form(request);
    if (request.path === '/device_authorization') {
      const deviceCode = `dc-${polls.size + 1}`;
      polls.set(deviceCode, 0);
      return json(200, {
        device_code: deviceCode,
        user_code: 'WDJB-MJHT',
        verification_uri: `${url}/device`,
        verification_uri_complete: `${url}/device?user_code=WDJB-MJHT`,
        expires_in: 60,
        interval: options.interval ?? 0.01,
      });
    }
    if (request.path === '/token' && body.grant_type === DEVICE_GRANT) {
      const seen = polls.get(body.device_code ?? '');
      if (seen === undefined) return json(400, { error: 'invalid_grant' });
      polls.set(body.device_code!, seen + 1);
      if (seen < (options.pendingPolls ?? 1)) return json(400, { error: 'authorization_pending' });
      if (options.deny) return json(400, { error: 'access_denied' });
      polls.delete(body.device_code!);
      return json(200, tokenBody());
    }
    if (request.path === '/token' && body.grant_type === 'refresh_token') {
      if (!refreshTokens.delete(body.refresh_token ?? '')) return json(400, { error: 'invalid_grant' });
      return json(200, tokenBody());
    }
    if (request.path === '/revoke' && options.revocation !== false) {
      revoked.push(body.token ?? '');
      return { status: 200 };
    }
    return json(404, { error: 'not_found' });
  };
  const server = await startLoopbackServer(handle);
  url = server.url;
  return {
    ...server,
    options,
    /** Access tokens revoked, in order. */
    revoked,
    /** The paths requested, in order. */
    paths: () => server.requests.map((request) => request.path),
  };
}

export type Rfc8628Server = Awaited<ReturnType<typeof startRfc8628Server>>;
