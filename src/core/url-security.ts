/**
 * Which URLs may carry credentials and which may be shown to a person: `https:`, or `http:` on
 * this machine's loopback (127.0.0.0/8, ::1, localhost), where nothing crosses a network.
 * Plain HTTP to any other host needs {@link InsecureHttpOption.dangerouslyAllowInsecureHttp}.
 */
import { DeviceAuthError } from './errors.js';

/** The one option that allows plain HTTP to a host that is not loopback. */
export interface InsecureHttpOption {
  /**
   * Allow `http:` URLs to hosts other than loopback, for a test server on a trusted network.
   * Everything sent (client secret, device code, tokens) and every answer then crosses the
   * network unencrypted and can be read or changed on the way. Default `false`.
   */
  dangerouslyAllowInsecureHttp?: boolean | undefined;
}

/** True for a loopback host name as `URL` reports it: 127.0.0.0/8, `[::1]`, `localhost`. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** True when `url` is an absolute URL whose host is loopback. */
export function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * True when credentials may be sent to, or a person sent to, `url`: `https:`, or `http:` on
 * loopback (or anywhere when `allowInsecureHttp`).
 */
export function isSecureUrl(url: URL, allowInsecureHttp: boolean): boolean {
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && (allowInsecureHttp || isLoopbackHost(url.hostname));
}

/**
 * Checks a configured endpoint or base URL. Throws `CONFIGURATION` naming `option` when it is
 * not an absolute http(s) URL, or is plain HTTP to a host that is not loopback without
 * `dangerouslyAllowInsecureHttp`.
 */
export function checkConfiguredUrl(value: unknown, option: string, settings: InsecureHttpOption, example: string): void {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new DeviceAuthError('CONFIGURATION', `${option} must be an http(s) URL such as ${example}.`);
  }
  if (!isSecureUrl(url, settings.dangerouslyAllowInsecureHttp === true)) {
    throw new DeviceAuthError(
      'CONFIGURATION',
      `${option} must use https (got http for ${url.host}, which is not this machine): plain HTTP would send the client ` +
        'secret and tokens readable by anyone on the way. Use https, or pass dangerouslyAllowInsecureHttp: true for a test server you trust.',
    );
  }
}
