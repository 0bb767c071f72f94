/**
 * What the viewer's servers (live and replay) share: they listen on 127.0.0.1 only, answer only
 * requests addressed to themselves (a page elsewhere that resolves its own name to 127.0.0.1, DNS
 * rebinding, is refused with 421), only GET and HEAD, with headers that keep the page private.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The only interface the viewer listens on. */
export const INSPECTOR_HOST = '127.0.0.1';

/** Headers of every answer. */
export const COMMON_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
} as const;

/** Listens on {@link INSPECTOR_HOST}:`port` and resolves with the port (a free one for 0). */
export function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(new Error(`inspector: cannot listen on ${INSPECTOR_HOST}:${port}: ${error.code ?? error.message}`, { cause: error }));
    };
    server.once('error', onError);
    server.listen(port, INSPECTOR_HOST, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * The path of a request target (RFC 9112 §3.2), or `undefined` when it is not one. An origin-form
 * target is a path, never resolved as a URL reference: `//events` is the path `//events`, not a
 * URL whose host is `events`. An absolute-form target (`http://127.0.0.1:1234/events`) must parse.
 */
export function requestPath(target: string | undefined): string | undefined {
  const value = target ?? '/';
  const url = value.startsWith('/') ? `http://${INSPECTOR_HOST}${value}` : value;
  if (!URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  return parsed.protocol === 'http:' ? parsed.pathname : undefined;
}

function plain(response: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  response.writeHead(status, { ...COMMON_HEADERS, ...extra, 'Content-Type': 'text/plain; charset=utf-8' }).end(text);
}

/**
 * Answers what no viewer route serves: a request addressed to another host (421), a method other
 * than GET and HEAD (405), a target that is not a path (400). Returns the path when the request
 * is the route's to answer, else `undefined` (it has been answered).
 *
 * @param request - The request.
 * @param response - Its response.
 * @param port - The port the server listens on (the Host header must name it).
 */
export function admit(request: IncomingMessage, response: ServerResponse, port: number): string | undefined {
  const allowed = new Set([`${INSPECTOR_HOST}:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  if (!allowed.has(request.headers.host ?? '')) {
    plain(response, 421, 'Misdirected request\n');
    return undefined;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    plain(response, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
    return undefined;
  }
  const path = requestPath(request.url);
  if (path === undefined) plain(response, 400, 'Bad request\n');
  return path;
}

/** Answers `/favicon.ico` (nothing) and anything else (404 naming where the viewer is). */
export function notFound(response: ServerResponse, path: string): void {
  if (path === '/favicon.ico') response.writeHead(204, COMMON_HEADERS).end();
  else plain(response, 404, 'Not found: the viewer is at /\n');
}

/** Sends an HTML page under its Content-Security-Policy (the body left out for HEAD). */
export function sendPage(request: IncomingMessage, response: ServerResponse, html: string, policy: string): void {
  response.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': policy });
  response.end(request.method === 'HEAD' ? undefined : html);
}

/**
 * Calls `route` for each request; whatever a request holds, it gets an answer and the process (a
 * sign-in, perhaps) goes on.
 */
export function safely(route: (request: IncomingMessage, response: ServerResponse) => void) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    try {
      route(request, response);
    } catch {
      if (!response.headersSent) response.writeHead(500, { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      response.end();
    }
  };
}
