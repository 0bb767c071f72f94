/**
 * Form POSTs to an OAuth server with client authentication (RFC 6749 §2.3.1, §3.2): the body is
 * `application/x-www-form-urlencoded`, the answer JSON; the client authenticates with nothing
 * but its `client_id` (`none`, a public client), its secret in the body (`client_secret_post`) or
 * HTTP Basic (`client_secret_basic`).
 */
import { DEFAULT_USER_AGENT } from '../../core/version.js';
import { DeviceAuthError } from '../../core/errors.js';
import type { HttpRequest } from '../http/http.js';

/** How the client authenticates at the token and revocation endpoints (RFC 6749 §2.3.1, RFC 8414 §2 names). */
export type ClientAuthentication = 'none' | 'client_secret_post' | 'client_secret_basic';

/** The client's credentials and how to present them. */
export interface FormClientOptions {
  clientId: string;
  clientSecret?: string | undefined;
  /** Default: `client_secret_post` with a secret, `none` without. */
  clientAuthentication?: ClientAuthentication | undefined;
  /** Sent as `User-Agent`. */
  userAgent?: string | undefined;
}

/** Builds a form POST to `url`; `secrets` are the request's secret values (the client secret is added). */
export type FormPost = (url: string, fields: Record<string, string | undefined>, secrets?: readonly string[]) => HttpRequest;

/**
 * One value of a Basic credential: `application/x-www-form-urlencoded` as RFC 6749 §2.3.1 asks
 * (space as `+`, every reserved character percent-encoded), which `URLSearchParams` produces.
 */
function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

/** Checks the client options and returns the form-POST builder. Throws `CONFIGURATION` naming the option. */
export function createFormPost(options: FormClientOptions): FormPost {
  const secret = options.clientSecret;
  const method = options.clientAuthentication ?? (secret ? 'client_secret_post' : 'none');
  if (!['none', 'client_secret_post', 'client_secret_basic'].includes(method)) {
    throw new DeviceAuthError('CONFIGURATION', `clientAuthentication must be none, client_secret_post or client_secret_basic (got ${String(method)}).`);
  }
  if (method !== 'none' && !secret) {
    throw new DeviceAuthError('CONFIGURATION', `${method} needs a clientSecret.`);
  }
  if (method === 'none' && secret) {
    throw new DeviceAuthError(
      'CONFIGURATION',
      'clientAuthentication "none" sends no clientSecret: drop clientSecret, or choose client_secret_post or client_secret_basic.',
    );
  }
  const basic = method === 'client_secret_basic' ? btoa(`${formEncode(options.clientId)}:${formEncode(secret ?? '')}`) : undefined;

  return (url, fields, secrets = []) => {
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) form.set(key, value);
    const headers: Record<string, string> = {
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
      'User-Agent': options.userAgent ?? DEFAULT_USER_AGENT,
    };
    const carried = [...secrets];
    if (basic !== undefined) {
      headers.Authorization = `Basic ${basic}`;
      carried.push(basic, secret ?? '');
    } else if (method === 'client_secret_post' && secret) {
      form.set('client_secret', secret);
      carried.push(secret);
    }
    form.set('client_id', options.clientId);
    const request: HttpRequest = { method: 'POST', url, headers, body: form.toString() };
    const nonEmpty = carried.filter((value) => value !== '');
    return nonEmpty.length === 0 ? request : { ...request, secrets: nonEmpty };
  };
}
