/**
 * The embedded Trakt-compatible OAuth server over `node:http`: a thin wrapper around the shared
 * rules of `handler.ts`. It reads each request (body capped), hands it to the handler, and writes
 * the answer, or cuts the connection for a `drop` fault (after the first bytes for a `reset`).
 * The same rules answer in memory through
 * `createMockFetch` (`fetch.ts`).
 *
 * @example
 * ```ts
 * const server = await startMockServer({ interval: 0.05, autoApproveAfterPolls: 2 });
 * // point a client at server.url with clientId server.clientId / clientSecret server.clientSecret
 * await server.waitFor('token', (event) => event.kind === 'issued');
 * await server.close();
 * ```
 */

import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeviceAuthError } from '../core/errors.js';
import { createControls, type MockControls } from './controls.js';
import { takeCut } from './fault-cut.js';
import { createMockHandler } from './handler.js';
import { createHostCheck } from './host-check.js';
import { resolveMockOptions, type MockServerOptions } from './options.js';
import { readBody } from './read-body.js';
import type { MockHeaders, MockReply } from './reply.js';

/** A running mock server: the {@link MockControls} of its rules, its port, and `close`. */
export interface MockServer extends MockControls {
  /** The port it listens on. */
  readonly port: number;
  /** Stops listening, cuts open connections and cancels slow answers. Safe to call twice. */
  close(): Promise<void>;
}

function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      reject(new DeviceAuthError('CONFIGURATION', `mock server: cannot listen on ${host}:${port}: ${error.message}`, { cause: error }));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** Node's headers as the handler takes them: a header sent twice (only `set-cookie` comes as a list) is joined with `", "`. */
function toMockHeaders(headers: IncomingHttpHeaders): MockHeaders {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) result[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return result;
}

function write(request: IncomingMessage, response: ServerResponse, reply: MockReply): void {
  if (reply.kind === 'drop') {
    request.socket.destroy();
    return;
  }
  if (response.headersSent || response.destroyed) return;
  const body = Buffer.from(reply.body, 'utf8');
  const { cutAfter, headers } = takeCut(reply);
  const chunked = headers['Transfer-Encoding'] !== undefined;
  if (reply.status !== 204 && reply.status !== 304 && !chunked) headers['Content-Length'] = String(body.length);
  response.writeHead(reply.status, headers);
  if (cutAfter !== undefined) {
    // A `reset` fault: the answer starts, then the connection goes.
    response.write(body.subarray(0, cutAfter));
    request.socket.end();
    return;
  }
  response.end(request.method === 'HEAD' || body.length === 0 ? undefined : body);
}

/**
 * Starts the mock on `options.host` (default 127.0.0.1) and `options.port` (default: a free port).
 *
 * @throws {DeviceAuthError} `CONFIGURATION` when an option is invalid or the port cannot be used.
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const resolved = resolveMockOptions(options);
  const server = createServer();
  const address = await listen(server, resolved.port, resolved.host);
  const url = `http://${urlHost(resolved.host)}:${address.port}`;
  const anyInterface = resolved.host === '0.0.0.0' || resolved.host === '::';
  const handler = createMockHandler({
    options: resolved,
    url,
    allowsHost: createHostCheck({ url, publicUrl: resolved.publicUrl, anyInterface }),
  });

  async function serve(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    // The client is gone when the response closes before it was finished.
    const gone = new AbortController();
    response.once('close', () => {
      if (!response.writableFinished) gone.abort(new Error('the client closed the connection'));
    });
    const reply = await handler.handle({
      method: incoming.method ?? 'GET',
      target: incoming.url,
      headers: toMockHeaders(incoming.headers),
      readBody: () =>
        readBody(incoming).catch((error: unknown) => {
          gone.abort(error);
          throw error;
        }),
      signal: gone.signal,
    });
    try {
      write(incoming, response, reply);
    } catch {
      // A failure while writing (the answer was logged before it): cut the connection.
      response.destroy();
    }
  }

  server.on('request', (incoming, response) => {
    serve(incoming, response).catch(() => response.destroy());
  });

  let closed: Promise<void> | undefined;
  return createControls<Omit<MockServer, keyof MockControls>>(handler, url, {
    port: address.port,
    close(): Promise<void> {
      closed ??= new Promise<void>((resolve, reject) => {
        handler.close();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      });
      return closed;
    },
  });
}
