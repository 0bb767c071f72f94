/**
 * Authorization server discovery (RFC 8414 §3, OpenID Connect Discovery 1.0 §4): finds an
 * issuer's device authorization, token and revocation endpoints over the one HTTP seam, so
 * redirects are refused, and requests time out and are capped like every other request.
 */
import { DeviceAuthError } from '../../core/errors.js';
import type { InsecureHttpOption } from '../../core/url-security.js';
import { createTransport, type HttpServiceOptions } from '../dialect/create-services.js';
import type { HttpResponse } from '../http/http.js';
import { codeRequestFailure } from '../http/response.js';
import { parseAuthorizationServerMetadata, type AuthorizationServerMetadata } from './metadata.js';
import { wellKnownUrls } from './well-known.js';

/** Options of {@link discoverAuthorizationServer}. */
export interface DiscoveryOptions extends InsecureHttpOption {
  /** The fetch to use; default `globalThis.fetch`, else `cross-fetch`. */
  fetch?: HttpServiceOptions['fetch'];
  /** Per-request timeout in ms (default 15 000). */
  timeoutMs?: number | undefined;
  /** Response-size cap in bytes (default 1 MiB). */
  maxResponseBytes?: number | undefined;
  /** Aborting rejects with `ABORTED`. */
  signal?: AbortSignal | undefined;
  /** The clock, ms since the epoch (default `Date.now`): turns a `Retry-After` date into a wait. */
  now?: (() => number) | undefined;
}

/**
 * Reads `issuer`'s metadata: first `/.well-known/oauth-authorization-server` inserted between
 * host and path (RFC 8414 §3.1), then, on 404, `/.well-known/openid-configuration` appended to the
 * issuer (OpenID Connect Discovery). Sends no credentials.
 *
 * ```ts
 * const metadata = await discoverAuthorizationServer('https://login.example.com/tenant');
 * const services = createRfc8628Services({ clientId, ...metadata });
 * ```
 * @throws DeviceAuthError `CONFIGURATION` for a bad issuer, when both addresses answer 404, or
 * when the server does not offer the device grant; `INVALID_RESPONSE` naming the field for a
 * broken document, another issuer (RFC 8414 §3.3) or a non-https endpoint; `HTTP_STATUS` for
 * another status; `REDIRECT`, `NETWORK`, `TIMEOUT`, `ABORTED`, `RESPONSE_TOO_LARGE` from the seam.
 */
export async function discoverAuthorizationServer(issuer: string, options: DiscoveryOptions = {}): Promise<AuthorizationServerMetadata> {
  const urls = wellKnownUrls(issuer, options);
  const send = createTransport({
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    maxResponseBytes: options.maxResponseBytes,
  });
  const get = (url: string): Promise<HttpResponse> =>
    send({ method: 'GET', url, headers: { Accept: 'application/json' } }, options.signal);

  let source = urls.oauth;
  let response = await get(source);
  if (response.status === 404) {
    source = urls.openid;
    response = await get(source);
  }
  if (response.status === 404) {
    throw new DeviceAuthError(
      'CONFIGURATION',
      `${issuer} publishes no authorization server metadata: ${urls.oauth} and ${urls.openid} both answered HTTP 404. ` +
        'Check the issuer, or pass the device authorization and token endpoints yourself.',
      { status: 404 },
    );
  }
  if (response.status !== 200) {
    throw codeRequestFailure(response, `authorization server metadata (${source})`, new URL(source).origin, (options.now ?? Date.now)());
  }
  return parseAuthorizationServerMetadata(response, issuer, source, options.dangerouslyAllowInsecureHttp === true);
}
