/**
 * Shared helpers of the mock-server tests: a hand-driven clock, a server that closes itself after
 * the test, and small request builders over real HTTP on 127.0.0.1.
 */

import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { onTestFinished } from 'vitest';
import { startMockServer, type MockServer, type MockServerOptions } from '../../src/mock/index.js';
import type { MockDeviceCodeBody, MockTokenBody } from '../../src/mock/index.js';

/** The User-Agent every well-behaved test request sends. */
export const USER_AGENT = 'device-auth-machine-tests/1.0';

/** A clock that only moves when told to. */
export interface ManualClock {
  readonly now: () => number;
  advance(ms: number): void;
}

/** A {@link ManualClock} starting at 2025-01-01T00:00:00Z. */
export function manualClock(start = Date.UTC(2025, 0, 1)): ManualClock {
  let time = start;
  return {
    now: () => time,
    advance(ms) {
      time += ms;
    },
  };
}

/** Starts a mock server that is closed when the current test finishes. */
export async function startServer(options: MockServerOptions = {}): Promise<MockServer> {
  const server = await startMockServer(options);
  onTestFinished(() => server.close());
  return server;
}

/** The headers Trakt wants on every API call. */
export function apiHeaders(server: MockServer): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    'trakt-api-key': server.clientId,
    'trakt-api-version': '2',
    'User-Agent': USER_AGENT,
  };
}

/** POSTs a JSON body to an API path with Trakt's headers (overridable). */
export function postJson(server: MockServer, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { ...apiHeaders(server), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Requests a device code and returns the parsed 200 body. */
export async function requestDeviceCode(server: MockServer): Promise<MockDeviceCodeBody> {
  const response = await postJson(server, '/oauth/device/code', { client_id: server.clientId });
  if (response.status !== 200) throw new Error(`device code request answered ${response.status}`);
  return (await response.json()) as MockDeviceCodeBody;
}

/** Polls the token endpoint once. */
export function pollToken(server: MockServer, deviceCode: string, clientSecret = server.clientSecret): Promise<Response> {
  return postJson(server, '/oauth/device/token', { code: deviceCode, client_id: server.clientId, client_secret: clientSecret });
}

/** Runs a whole device flow (code, programmatic approval, poll) and returns the token. */
export async function signIn(server: MockServer): Promise<MockTokenBody> {
  const code = await requestDeviceCode(server);
  server.approve(code.user_code);
  const response = await pollToken(server, code.device_code);
  if (response.status !== 200) throw new Error(`token poll answered ${response.status}`);
  return (await response.json()) as MockTokenBody;
}

/** Refreshes with Trakt's body (out-of-band redirect, `refresh_token` grant); `overrides` replaces fields of it. */
export function refresh(server: MockServer, refreshToken: string, overrides: Record<string, string> = {}): Promise<Response> {
  return postJson(server, '/oauth/token', {
    refresh_token: refreshToken,
    client_id: server.clientId,
    client_secret: server.clientSecret,
    redirect_uri: 'urn:ietf:wg:oauth:2.0:oob',
    grant_type: 'refresh_token',
    ...overrides,
  });
}

/** Revokes a token (RFC 7009 with Trakt's client credentials in the body). */
export function revoke(server: MockServer, token: string, clientSecret = server.clientSecret): Promise<Response> {
  return postJson(server, '/oauth/revoke', { token, client_id: server.clientId, client_secret: clientSecret });
}

/** GET /users/settings with a bearer access token: 200 while the token is live. */
export function settings(server: MockServer, accessToken: string): Promise<Response> {
  return fetch(`${server.url}/users/settings`, { headers: { ...apiHeaders(server), Authorization: `Bearer ${accessToken}` } });
}

/** POSTs a form to `/activate` exactly as given (no form token added). */
export function postForm(server: MockServer, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}/activate`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': USER_AGENT, ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** Opens the activation page and reads its form token, as a browser showing the form has it. */
export async function formToken(server: MockServer): Promise<string> {
  const markup = await (await fetch(`${server.url}/activate`, { headers: { 'User-Agent': USER_AGENT } })).text();
  const token = /<input type="hidden" name="csrf_token" value="([^"]+)">/.exec(markup)?.[1];
  if (token === undefined) throw new Error('the activation page has no form token');
  return token;
}

/** An answer read with `node:http`, which (unlike fetch) sends no User-Agent unless told to. */
export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** Sends a request with exactly the given headers through `node:http`. */
export function rawRequest(
  server: MockServer,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${server.url}${path}`, { method: init.method ?? 'GET', headers: init.headers ?? {} }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(init.body);
  });
}
