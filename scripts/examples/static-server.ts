/**
 * A small static file server on 127.0.0.1 for the built examples (`npm run examples` and the
 * browser tests): GET and HEAD only, files under its root only, `/<name>/` answered with
 * `<name>/index.html`, nothing cached.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

/** A running static server. */
export interface StaticServer {
  /** Its origin, e.g. `http://127.0.0.1:41233`. */
  readonly url: string;
  /** Stops listening and cuts open connections. */
  close(): Promise<void>;
}

/** The file a request path stands for under `root`, or `undefined` when it leaves the root or is malformed. */
function fileFor(root: string, target: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(new URL(target, 'http://127.0.0.1').pathname);
  } catch {
    return undefined;
  }
  if (path.includes('\0')) return undefined;
  const file = resolve(root, `.${path.endsWith('/') ? `${path}index.html` : path}`);
  return file === root || file.startsWith(root + sep) ? file : undefined;
}

/** Serves the files under `root` on 127.0.0.1 (`port` 0, the default, picks a free one). */
export async function serveStatic(root: string, port = 0): Promise<StaticServer> {
  const base = resolve(root);
  const server = createServer((request, response) => {
    const send = (status: number, text: string): void => {
      response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end(text);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'GET and HEAD only\n');
    const file = fileFor(base, request.url ?? '/');
    if (file === undefined) return send(404, 'not found\n');
    void stat(file).then(
      (info) => {
        if (info.isDirectory()) {
          // `/vanilla` → `/vanilla/`, so the page's relative `main.js` resolves inside its folder.
          response.writeHead(301, { Location: `${(request.url ?? '/').split('?')[0]}/`, 'Cache-Control': 'no-store' }).end();
          return;
        }
        response.writeHead(200, {
          'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
          'Content-Length': info.size,
          'Cache-Control': 'no-store',
          'X-Content-Type-Options': 'nosniff',
        });
        if (request.method === 'HEAD') response.end();
        else createReadStream(file).pipe(response);
      },
      () => send(404, 'not found\n'),
    );
  });
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    close: () =>
      new Promise<void>((resolvePromise) => {
        server.closeAllConnections();
        server.close(() => resolvePromise());
      }),
  };
}

/** The page URL of example `name` on a server at `origin`, with `query` (e.g. `{ server: mock.url }`). */
export function exampleUrl(origin: string, name: string, query: Readonly<Record<string, string>> = {}): string {
  const url = new URL(`/${encodeURIComponent(name)}/`, origin);
  return `${url.href}${queryString(query)}`;
}

/**
 * `?key=value&…`, readable: `:` and `/` stay as they are (both are allowed in a query), so a
 * printed `?server=http://127.0.0.1:8080` can be read and edited by a person.
 */
function queryString(query: Readonly<Record<string, string>>): string {
  const encode = (text: string): string => encodeURIComponent(text).replace(/%3A/gi, ':').replace(/%2F/gi, '/');
  const pairs = Object.entries(query).map(([key, value]) => `${encode(key)}=${encode(value)}`);
  return pairs.length === 0 ? '' : `?${pairs.join('&')}`;
}

/** The `file://` URL of a built page, with `query`. */
export function fileUrl(page: string, query: Readonly<Record<string, string>> = {}): string {
  return `${pathToFileURL(page).href}${queryString(query)}`;
}
