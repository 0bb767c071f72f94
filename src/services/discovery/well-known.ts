/**
 * Where an issuer's metadata lives: RFC 8414 §3.1 inserts `/.well-known/oauth-authorization-server`
 * between the host and the issuer's path; OpenID Connect Discovery 1.0 §4 appends
 * `/.well-known/openid-configuration` to the issuer.
 */
import { DeviceAuthError } from '../../core/errors.js';
import { checkConfiguredUrl, type InsecureHttpOption } from '../../core/url-security.js';

/** The two metadata addresses of an issuer, in the order they are tried. */
export interface WellKnownUrls {
  /** RFC 8414 §3.1: `https://host/.well-known/oauth-authorization-server/<issuer path>`. */
  oauth: string;
  /** OpenID Connect Discovery 1.0 §4: `<issuer>/.well-known/openid-configuration`. */
  openid: string;
}

/**
 * The metadata addresses of `issuer`. Throws `CONFIGURATION` unless the issuer is an `https:`
 * URL (http on loopback, or with `dangerouslyAllowInsecureHttp`) without query or fragment (RFC 8414 §2).
 */
export function wellKnownUrls(issuer: string, settings: InsecureHttpOption = {}): WellKnownUrls {
  checkConfiguredUrl(issuer, 'issuer', settings, 'https://login.example.com/tenant');
  const url = new URL(issuer);
  if (url.search !== '' || url.hash !== '' || issuer.includes('?') || issuer.includes('#')) {
    throw new DeviceAuthError('CONFIGURATION', 'issuer must have no query or fragment (RFC 8414 §2), e.g. https://login.example.com/tenant.');
  }
  // RFC 8414 §3.1: a terminating "/" of the issuer's path is removed before inserting.
  const path = url.pathname.replace(/\/+$/, '');
  return {
    oauth: `${url.origin}/.well-known/oauth-authorization-server${path}`,
    openid: `${url.origin}${path}/.well-known/openid-configuration`,
  };
}
