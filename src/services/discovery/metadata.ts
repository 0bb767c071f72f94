/**
 * Validates an authorization server's metadata document (RFC 8414 §2, §3.2, §3.3) for the device
 * flow: the issuer it names, the endpoints it lists, and whether it offers the device grant.
 */
import { DeviceAuthError } from '../../core/errors.js';
import { isSecureUrl } from '../../core/url-security.js';
import { optionalString, parseJsonObject, requireString, type JsonObject } from '../../core/validate.js';
import type { HttpResponse } from '../http/http.js';

/** The device grant's identifier (RFC 8628 §3.4), as `grant_types_supported` lists it. */
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/** What the device flow needs from an authorization server's metadata. */
export interface AuthorizationServerMetadata {
  /** `issuer`, equal to the configured issuer (RFC 8414 §3.3). */
  issuer: string;
  /** `device_authorization_endpoint` (RFC 8628 §4). */
  deviceAuthorizationEndpoint: string;
  /** `token_endpoint` (RFC 8414 §2). */
  tokenEndpoint: string;
  /** `revocation_endpoint` (RFC 8414 §2, RFC 7009), when the server has one. */
  revocationEndpoint?: string;
  /** `grant_types_supported`, when listed. */
  grantTypesSupported?: string[];
  /** `token_endpoint_auth_methods_supported`, when listed. */
  tokenEndpointAuthMethodsSupported?: string[];
  /** The address the document was read from. */
  source: string;
}

function invalid(what: string, detail: string): DeviceAuthError {
  return new DeviceAuthError('INVALID_RESPONSE', `${what}: ${detail}`);
}

function optionalStringList(body: JsonObject, field: string, what: string): string[] | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw invalid(what, `"${field}" must be an array of strings when present`);
  }
  return value as string[];
}

function endpoint(value: string, field: string, what: string, allowInsecureHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(what, `"${field}" must be an absolute https: URL`);
  }
  if (!isSecureUrl(url, allowInsecureHttp)) {
    const shown = url.origin === 'null' ? url.protocol : url.origin;
    throw invalid(what, `"${field}" (${shown}) must be an https: URL (http: only on this computer: localhost, 127.0.0.0/8, ::1)`);
  }
  return url.href;
}

/**
 * Reads the metadata `response` fetched from `source` for `issuer`. Throws `INVALID_RESPONSE`
 * naming the field for a document that is not JSON, has a field of the wrong type, names another
 * issuer (RFC 8414 §3.3: such metadata must not be used) or lists a non-https endpoint; and
 * `CONFIGURATION` when the server does not offer the device grant.
 */
export function parseAuthorizationServerMetadata(
  response: HttpResponse,
  issuer: string,
  source: string,
  allowInsecureHttp: boolean,
): AuthorizationServerMetadata {
  const what = `authorization server metadata (${source})`;
  const body = parseJsonObject(response, what);
  const named = requireString(body, 'issuer', what);
  if (named !== issuer) {
    throw invalid(what, `"issuer" (${named}) must equal the configured issuer (${issuer}) exactly (RFC 8414 §3.3)`);
  }
  const grantTypes = optionalStringList(body, 'grant_types_supported', what);
  const authMethods = optionalStringList(body, 'token_endpoint_auth_methods_supported', what);
  const device = optionalString(body, 'device_authorization_endpoint', what);
  const token = requireString(body, 'token_endpoint', what);
  const revocation = optionalString(body, 'revocation_endpoint', what);
  if (device === undefined || device === '' || (grantTypes !== undefined && !grantTypes.includes(DEVICE_GRANT))) {
    const why = device === undefined || device === '' ? 'lists no "device_authorization_endpoint"' : `does not list ${DEVICE_GRANT} in "grant_types_supported"`;
    throw new DeviceAuthError(
      'CONFIGURATION',
      `${issuer} does not offer the device authorization grant (RFC 8628): its metadata ${why}. Enable the device flow for the client on the server, or use another provider.`,
    );
  }
  return {
    issuer,
    deviceAuthorizationEndpoint: endpoint(device, 'device_authorization_endpoint', what, allowInsecureHttp),
    tokenEndpoint: endpoint(token, 'token_endpoint', what, allowInsecureHttp),
    ...(revocation === undefined || revocation === '' ? {} : { revocationEndpoint: endpoint(revocation, 'revocation_endpoint', what, allowInsecureHttp) }),
    ...(grantTypes === undefined ? {} : { grantTypesSupported: grantTypes }),
    ...(authMethods === undefined ? {} : { tokenEndpointAuthMethodsSupported: authMethods }),
    source,
  };
}
