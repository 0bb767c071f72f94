/**
 * The offline viewer: a page on 127.0.0.1 that shows a running machine live, with no account,
 * no internet and nothing to install. Pass `inspect` to `createActor(machine, { inspect })`; open
 * `url` in a browser to see the state diagram with the current state highlighted, the context
 * and a log of every event and state change. The data arrives as server-sent events at `/events`;
 * a page that connects late is sent the current snapshot first. Every message is redacted (see
 * `viewer-messages.ts`), and the page loads nothing from anywhere else.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AnyStateMachine, InspectionEvent, Observer } from 'xstate';
import { deviceAuthMachine } from '../machines/device-auth.machine.js';
import { machineDiagramSvg, type DiagramSource } from './diagram-svg.js';
import { createInspectionRedactor, type InspectionRedactor, type RedactionOptions } from './inspection-redactor.js';
import { createViewerHistory, DEFAULT_REPLAY_LIMIT } from './viewer-history.js';
import { toViewerMessage, type ViewerMessage } from './viewer-messages.js';
import { viewerContentSecurityPolicy, viewerPage } from './viewer-page.js';

/** The only interface the viewer listens on. */
export const INSPECTOR_HOST = '127.0.0.1';

/** Options of {@link serveInspector}. */
export interface ServeInspectorOptions extends RedactionOptions {
  /** The machine whose diagram the page shows. Default: `deviceAuthMachine`. */
  readonly machine?: AnyStateMachine | undefined;
  /** Port on 127.0.0.1. Default `0`: a free port. */
  readonly port?: number | undefined;
  /** Recent events and snapshots sent to a page that connects late. Default {@link DEFAULT_REPLAY_LIMIT}. */
  readonly replayLimit?: number | undefined;
  /** Clock for message times, in milliseconds since the epoch. Default `Date.now`. */
  readonly now?: (() => number) | undefined;
}

/** A running viewer. */
export interface InspectorServer {
  /** The page, e.g. `http://127.0.0.1:41234/`. */
  readonly url: string;
  /** The port it listens on. */
  readonly port: number;
  /** The observer to pass to `createActor(machine, { inspect })`. Never throws into the actor. */
  readonly inspect: Observer<InspectionEvent>;
  /** The redactor every message goes through; share it, or `addSecret` a value it cannot know. */
  readonly redactor: InspectionRedactor;
  /** Where the diagram came from: generated from the machine, the committed file, or none. */
  readonly diagram: DiagramSource | 'none';
  /**
   * Tells connected pages the flow is over, ends their streams and stops the server. Later
   * inspection events are ignored. Safe to call more than once.
   */
  close(): Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
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

function sse(message: ViewerMessage): string {
  return `id: ${message.seq}\ndata: ${JSON.stringify(message)}\n\n`;
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

/** How long {@link InspectorServer.close} waits for streams to flush before cutting them. */
const CLOSE_GRACE_MS = 2000;

const COMMON_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
} as const;

/**
 * Starts the offline viewer on 127.0.0.1 and resolves once it listens.
 *
 * @example
 * ```ts
 * const viewer = await serveInspector({ secrets: [clientSecret] });
 * console.error(`Inspector: ${viewer.url}`);
 * const actor = createActor(deviceAuthMachine.provide(services), { inspect: viewer.inspect });
 * // ... when the flow has ended:
 * await viewer.close();
 * ```
 *
 * @param options - The machine to draw, the port, and the secrets known up front (the client
 *   secret; device codes and tokens are learned from the flow as they appear).
 * @throws Error naming the address when the port cannot be used.
 */
export async function serveInspector(options: ServeInspectorOptions = {}): Promise<InspectorServer> {
  const machine = options.machine ?? deviceAuthMachine;
  const now = options.now ?? Date.now;
  const redactor = createInspectionRedactor(options);
  const history = createViewerHistory(options.replayLimit ?? DEFAULT_REPLAY_LIMIT);
  const diagram = await machineDiagramSvg(machine);
  const svg = diagram === undefined ? undefined : redactor.scrub(diagram.svg);
  const clients = new Set<ServerResponse>();
  let seq = 0;
  let ended = false;
  let port = options.port ?? 0;

  const broadcast = (message: ViewerMessage): void => {
    history.add(message);
    const frame = sse(message);
    for (const client of clients) client.write(frame);
  };

  const inspect: Observer<InspectionEvent> = {
    next(event) {
      if (ended) return;
      try {
        const message = toViewerMessage(event, redactor, { seq: seq + 1, time: now() });
        if (message === undefined) return;
        seq = message.seq;
        broadcast(message);
      } catch {
        // The viewer must never break the flow it watches.
      }
    },
  };

  const allowedHosts = (): Set<string> => new Set([`${INSPECTOR_HOST}:${port}`, `localhost:${port}`, `[::1]:${port}`]);

  const events = (request: IncomingMessage, response: ServerResponse): void => {
    response.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
    response.write('retry: 1000\n\n');
    for (const message of history.replay()) response.write(sse(message));
    if (ended) {
      response.end();
      return;
    }
    clients.add(response);
    request.on('close', () => clients.delete(response));
  };

  const route = (request: IncomingMessage, response: ServerResponse): void => {
    // A page on another origin that resolves its own name to 127.0.0.1 (DNS rebinding) is refused.
    if (!allowedHosts().has(request.headers.host ?? '')) {
      response.writeHead(421, { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end('Misdirected request\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...COMMON_HEADERS, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('Method not allowed\n');
      return;
    }
    const path = requestPath(request.url);
    if (path === undefined) {
      response.writeHead(400, { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request\n');
      return;
    }
    if (path === '/') {
      const nonce = randomBytes(16).toString('base64');
      response.writeHead(200, {
        ...COMMON_HEADERS,
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': viewerContentSecurityPolicy(nonce),
      });
      response.end(request.method === 'HEAD' ? undefined : viewerPage({ machineId: machine.id, svg, nonce }));
    } else if (path === '/events') {
      events(request, response);
    } else if (path === '/favicon.ico') {
      response.writeHead(204, COMMON_HEADERS).end();
    } else {
      response.writeHead(404, { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found: the viewer is at /\n');
    }
  };

  // Whatever a request holds, it gets an answer and the process (a sign-in, perhaps) goes on.
  const server = createServer((request, response) => {
    try {
      route(request, response);
    } catch {
      if (!response.headersSent) response.writeHead(500, { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      response.end();
    }
  });
  port = await listen(server, port);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      if (!ended) broadcast(redactor.redact({ type: 'end', seq: (seq += 1), time: now() }) as unknown as ViewerMessage);
      ended = true;
      // Let each stream flush its last message, then cut whatever is left (idle keep-alive sockets,
      // a stream that never drains) so the process can exit.
      const flushed = [...clients].map((client) => new Promise<void>((done) => client.end(done)));
      clients.clear();
      const cutOff = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS).unref();
      void Promise.all(flushed).then(() => {
        clearTimeout(cutOff);
        server.closeAllConnections();
      });
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    return closing;
  };

  return {
    url: `http://${INSPECTOR_HOST}:${port}/`,
    port,
    inspect,
    redactor,
    diagram: diagram?.source ?? 'none',
    close,
  };
}
