/**
 * Helpers of the `rfc8628` mock tests: the same mock reached over HTTP (startMockServer on
 * 127.0.0.1:0) or in memory (createMockFetch), and request builders for its standard endpoints.
 */

import { onTestFinished } from 'vitest';
import { createMockFetch, type MockControls, type MockFetchOptions } from '../../src/mock/fetch.js';
import { startMockServer, type MockServerOptions } from '../../src/mock/index.js';
import { USER_AGENT } from './support.js';

/** How a test reaches the mock. */
export type Transport = 'http' | 'memory';

/** Both transports, for `describe.each`. */
export const TRANSPORTS: readonly Transport[] = ['http', 'memory'];

/** The device grant's `grant_type` (RFC 8628 §3.4). */
export const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/** A mock in the `rfc8628` dialect and the `fetch` that reaches it. */
export interface RfcMock {
  readonly mock: MockControls;
  readonly fetch: typeof globalThis.fetch;
  readonly url: string;
}

/** Starts an `rfc8628` mock (closed after the test) on the given transport. */
export async function startRfcMock(transport: Transport, options: MockServerOptions & MockFetchOptions = {}): Promise<RfcMock> {
  if (transport === 'http') {
    const { url: _ignored, ...serverOptions } = options;
    const server = await startMockServer({ dialect: 'rfc8628', ...serverOptions });
    onTestFinished(() => server.close());
    return { mock: server, fetch: globalThis.fetch, url: server.url };
  }
  const { port: _port, host: _host, publicUrl: _public, ...fetchOptions } = options;
  const memory = createMockFetch({ dialect: 'rfc8628', url: 'http://127.0.0.1:9', ...fetchOptions });
  onTestFinished(() => memory.close());
  return { mock: memory, fetch: memory.fetch as typeof globalThis.fetch, url: memory.url };
}

/** POSTs form fields (`application/x-www-form-urlencoded`) to a path; `headers` are added. */
export function postForm(target: RfcMock, path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return target.fetch(`${target.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', 'User-Agent': USER_AGENT, ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** POSTs a JSON body to a path, as GitHub's clients do. */
export function postJsonBody(target: RfcMock, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return target.fetch(`${target.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'User-Agent': USER_AGENT, ...headers },
    body: JSON.stringify(body),
  });
}

/** The 200 body of the device authorization endpoint. */
export interface DeviceAuthorization {
  device_code: string;
  user_code: string;
  verification_uri: string;
  verification_uri_complete: string;
  expires_in: number;
  interval: number;
}

/** Asks for a device code as a public client (`client_id` only), with `extra` fields. */
export async function authorizeDevice(target: RfcMock, extra: Record<string, string> = {}): Promise<DeviceAuthorization> {
  const response = await postForm(target, '/device_authorization', { client_id: target.mock.clientId, ...extra });
  if (response.status !== 200) throw new Error(`device authorization answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as DeviceAuthorization;
}

/** Polls the token endpoint once with the device grant as a public client. */
export function pollDevice(target: RfcMock, deviceCode: string, extra: Record<string, string> = {}): Promise<Response> {
  return postForm(target, '/token', { grant_type: DEVICE_GRANT, device_code: deviceCode, client_id: target.mock.clientId, ...extra });
}

/** Refreshes with the standard grant as a public client. */
export function refreshWith(target: RfcMock, refreshToken: string, extra: Record<string, string> = {}): Promise<Response> {
  return postForm(target, '/token', { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: target.mock.clientId, ...extra });
}

/** Reads an answer as `[status, body]`, the body parsed as JSON when there is one. */
export async function read(response: Response): Promise<[number, unknown]> {
  const text = await response.text();
  return [response.status, text === '' ? '' : (JSON.parse(text) as unknown)];
}

/** A `generate` that makes readable values: `dc-1`, `CODE1`, `access-1`, `refresh-1`... */
export function readableCodes(): MockServerOptions['generate'] {
  const counts = new Map<string, number>();
  return (kind) => {
    const n = (counts.get(kind) ?? 0) + 1;
    counts.set(kind, n);
    switch (kind) {
      case 'device_code':
        return `dc-${n}`;
      case 'user_code':
        return `CODE${n}`;
      case 'access_token':
        return `access-${n}`;
      default:
        return `refresh-${n}`;
    }
  };
}
