/**
 * The two requests of a device flow, written out by hand for the bare loop (and for filling the
 * in-memory mock with codes): Trakt's JSON endpoints or RFC 8628's form-encoded ones (a public
 * client: `client_id` only).
 */
import type { Target } from './client-types.js';

const TRAKT_HEADERS = { 'content-type': 'application/json', 'trakt-api-version': '2', 'user-agent': 'bench-bare/1.0' };
const FORM_HEADERS = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'user-agent': 'bench-bare/1.0' };

/** A request as `fetch` takes it. */
export type FetchArguments = readonly [url: string, init: RequestInit];

/** `POST` for a device code. */
export function deviceCodeRequest(target: Omit<Target, 'fetch'>): FetchArguments {
  if (target.mode === 'trakt') {
    return [
      `${target.url}/oauth/device/code`,
      { method: 'POST', headers: { ...TRAKT_HEADERS, 'trakt-api-key': target.clientId }, body: JSON.stringify({ client_id: target.clientId }) },
    ];
  }
  return [`${target.url}/device_authorization`, { method: 'POST', headers: FORM_HEADERS, body: new URLSearchParams({ client_id: target.clientId }).toString() }];
}

/** One token poll for `deviceCode`. */
export function tokenRequest(target: Omit<Target, 'fetch'>, deviceCode: string): FetchArguments {
  if (target.mode === 'trakt') {
    return [
      `${target.url}/oauth/device/token`,
      {
        method: 'POST',
        headers: { ...TRAKT_HEADERS, 'trakt-api-key': target.clientId },
        body: JSON.stringify({ code: deviceCode, client_id: target.clientId, client_secret: target.clientSecret }),
      },
    ];
  }
  const form = new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: deviceCode, client_id: target.clientId });
  return [`${target.url}/token`, { method: 'POST', headers: FORM_HEADERS, body: form.toString() }];
}

/** True for a token answer that says "not yet": Trakt's empty 400, or RFC 8628's 400 `authorization_pending`. Reads the body. */
export async function isPending(response: Response): Promise<boolean> {
  const text = await response.text();
  return response.status === 400 && (text === '' || text.includes('authorization_pending'));
}

/** The fields of a device code answer both dialects share. */
export interface DeviceCodeAnswer {
  readonly device_code: string;
  readonly user_code: string;
  readonly interval: number;
}
