/**
 * The offline viewer: a page on 127.0.0.1 that shows a running machine live, with no account,
 * no internet and nothing to install. Pass `inspect` to `createActor(machine, { inspect })`; open
 * `url` in a browser to see the state diagram with the current state highlighted, the context
 * and a log of every event and state change. The data arrives as server-sent events at `/events`;
 * a page that connects late is sent the current snapshot first. Every message is redacted (see
 * `viewer-messages.ts`), and the page loads nothing from anywhere else.
 *
 * Lifecycle: while the flow runs, pages follow it live. `end()` says the flow is over but keeps
 * serving its final state to pages opened later (a person who opens the URL a few seconds late
 * still sees how it ended); `close()` stops serving. `clients` and `waitForClient()` tell a caller
 * when someone is watching (a demo can wait for a viewer before it plays the person).
 *
 * Memory: what is kept for late pages is the bounded replay (`viewer-history.ts`); what waits for
 * a page that does not read is capped per page (`maxBufferedBytes`, see `event-stream.ts`), and a
 * page that falls further behind is dropped (its browser reconnects and is sent the replay).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AnyStateMachine, InspectionEvent, Observer } from 'xstate';
import { deviceAuthMachine } from '../machines/device-auth.machine.js';
import { DeviceAuthError } from '../core/errors.js';
import { machineDiagramSvg, type DiagramSource } from './diagram-svg.js';
import { createInspectionRedactor, type InspectionRedactor, type RedactionOptions } from '../redact/inspection-redactor.js';
import { DEFAULT_MAX_BUFFERED_BYTES, openEventStream, type EventStream } from './event-stream.js';
import { admit, COMMON_HEADERS, INSPECTOR_HOST, listen, notFound, safely, sendPage } from './loopback-http.js';
import { createViewerHistory, DEFAULT_REPLAY_LIMIT } from './viewer-history.js';
import { toViewerMessage, type ViewerMessage } from './viewer-messages.js';
import { viewerContentSecurityPolicy, viewerPage } from './viewer-page.js';

export { INSPECTOR_HOST, requestPath } from './loopback-http.js';

/** Options of {@link serveInspector}. */
export interface ServeInspectorOptions extends RedactionOptions {
  /** The machine whose diagram the page shows. Default: `deviceAuthMachine`. */
  readonly machine?: AnyStateMachine | undefined;
  /**
   * The machine's diagram as an SVG document. Default: the one this package ships for its own
   * machines (`visualizations/<id>.svg`); other machines are shown by state name without it.
   */
  readonly diagramSvg?: string | undefined;
  /** Port on 127.0.0.1. Default `0`: a free port. */
  readonly port?: number | undefined;
  /** Recent events and snapshots sent to a page that connects late. Default {@link DEFAULT_REPLAY_LIMIT}. */
  readonly replayLimit?: number | undefined;
  /**
   * How far, in bytes it has not read, a page may fall behind the live stream (beyond the replay
   * it was sent on connecting) before it is dropped. Default {@link DEFAULT_MAX_BUFFERED_BYTES}
   * (4 MiB). Keep it above the largest burst of messages one step of the flow produces (they are
   * written in one go), or a page that reads is dropped too.
   */
  readonly maxBufferedBytes?: number | undefined;
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
  /** Where the diagram came from: the `diagramSvg` option, the package's own, or none. */
  readonly diagram: DiagramSource | 'none';
  /**
   * Viewer pages connected to the live event stream right now (one per open tab). Pages that
   * close leave the count; after {@link InspectorServer.end} it drops to 0 as their streams finish.
   */
  readonly clients: number;
  /**
   * Bytes written to the connected pages' streams that they have not taken yet, all pages
   * together: what this process holds for them. A page's share stays within
   * {@link ServeInspectorOptions.maxBufferedBytes} beyond its replay.
   */
  readonly bufferedBytes: number;
  /**
   * Pages dropped so far for falling more than {@link ServeInspectorOptions.maxBufferedBytes}
   * behind. A dropped page leaves {@link InspectorServer.clients}; a browser reconnects and is sent
   * the replay.
   */
  readonly droppedClients: number;
  /** `true` once {@link InspectorServer.end} or {@link InspectorServer.close} has been called. */
  readonly ended: boolean;
  /**
   * The flow is over, the page stays up. Connected pages are sent the `end` message (they show
   * "flow ended" and stop listening) and their streams finish; later inspection events are
   * ignored. The server keeps answering: a page opened afterwards gets the final state (the
   * replay: actors, latest snapshots, recent events, then `end`) until {@link InspectorServer.close}.
   * Call it when the flow ends, print that the viewer stays open, then `close()` when the person
   * is done (Ctrl+C, a timeout). Safe to call more than once; `close()` implies it.
   */
  end(): void;
  /**
   * Resolves once a viewer page has connected to the event stream: at once when one is connected
   * now (`clients > 0`), else at the next connection, including one after {@link InspectorServer.end}
   * (that page is sent the final state). Use it to wait for a person to open the URL before going
   * on, e.g. before a demo approves the code.
   *
   * @param signal - Stops waiting.
   * @throws {@link DeviceAuthError} with code `ABORTED` (rejects) when `signal` aborts (the
   *   reason as `cause`) or the server is closed before a page connects.
   */
  waitForClient(signal?: AbortSignal): Promise<void>;
  /**
   * Ends the flow for connected pages (see {@link InspectorServer.end}) if that has not happened,
   * lets their streams flush (up to 2 s), stops the server and rejects pending
   * {@link InspectorServer.waitForClient} calls. Safe to call more than once.
   */
  close(): Promise<void>;
}

/** One message as a server-sent event: a buffer, so every page's stream shares the same bytes. */
function sse(message: ViewerMessage): Buffer {
  return Buffer.from(`id: ${message.seq}\ndata: ${JSON.stringify(message)}\n\n`);
}

/** How long {@link InspectorServer.close} waits for streams to flush before cutting them. */
const CLOSE_GRACE_MS = 2000;

/**
 * Starts the offline viewer on 127.0.0.1 and resolves once it listens.
 *
 * @example
 * ```ts
 * const viewer = await serveInspector({ secrets: [clientSecret] });
 * console.error(`Inspector: ${viewer.url}`);
 * const actor = createActor(deviceAuthMachine.provide(services), { inspect: viewer.inspect });
 * // ... when the flow has ended: keep showing how it ended until the person is done.
 * viewer.end();
 * console.error(`The viewer stays open at ${viewer.url}; press Ctrl+C to exit.`);
 * await untilInterrupted();
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
  const diagram = await machineDiagramSvg(machine, options.diagramSvg);
  const svg = diagram === undefined ? undefined : redactor.scrub(diagram.svg);
  const maxBufferedBytes = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
  const clients = new Set<EventStream>();
  let droppedClients = 0;
  /** Pending {@link InspectorServer.waitForClient} calls: resolve on a connection, reject on close. */
  const waiters = new Set<{ connected(): void; closed(): void }>();
  let seq = 0;
  let ended = false;
  let closed = false;
  /** Streams told to finish, still flushing; `close()` gives them a moment before cutting them. */
  let flushing: Promise<unknown> = Promise.resolve();
  const finish = (stream: EventStream): void => {
    flushing = Promise.all([flushing, stream.finish()]);
  };
  let port = options.port ?? 0;

  const broadcast = (message: ViewerMessage): void => {
    history.add(message);
    const frame = sse(message);
    // A page too far behind drops out of `clients` here (see event-stream.ts).
    for (const client of [...clients]) client.send(frame);
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

  const events = (request: IncomingMessage, response: ServerResponse): void => {
    response.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
    const stream = openEventStream(response, {
      maxBufferedBytes,
      replay: ['retry: 1000\n\n', ...history.replay().map(sse)],
      onDrop: () => {
        clients.delete(stream);
        droppedClients += 1;
      },
    });
    if (ended) finish(stream);
    else {
      clients.add(stream);
      request.on('close', () => clients.delete(stream));
    }
    for (const waiter of [...waiters]) waiter.connected();
  };

  const route = (request: IncomingMessage, response: ServerResponse): void => {
    const path = admit(request, response, port);
    if (path === undefined) return;
    if (path === '/') {
      const nonce = randomBytes(16).toString('base64');
      sendPage(request, response, viewerPage({ machineId: machine.id, svg, nonce }), viewerContentSecurityPolicy(nonce));
    } else if (path === '/events') {
      events(request, response);
    } else {
      notFound(response, path);
    }
  };

  const server = createServer(safely(route));
  port = await listen(server, port);

  /** Sends `end` to connected pages and finishes their streams. */
  const end = (): void => {
    if (!ended) broadcast(redactor.redact({ type: 'end', seq: (seq += 1), time: now() }) as unknown as ViewerMessage);
    ended = true;
    for (const client of clients) finish(client);
    clients.clear();
  };

  const waitForClient = (signal?: AbortSignal): Promise<void> => {
    if (clients.size > 0) return Promise.resolve();
    const aborted = (): DeviceAuthError =>
      new DeviceAuthError('ABORTED', 'inspector: stopped waiting for a viewer page', { cause: signal?.reason });
    if (closed) return Promise.reject(new DeviceAuthError('ABORTED', 'inspector: closed before a viewer page connected'));
    if (signal?.aborted) return Promise.reject(aborted());
    return new Promise<void>((resolve, reject) => {
      const settle = (error?: DeviceAuthError): void => {
        waiters.delete(waiter);
        signal?.removeEventListener('abort', onAbort);
        if (error === undefined) resolve();
        else reject(error);
      };
      const onAbort = (): void => settle(aborted());
      const waiter = {
        connected: () => settle(),
        closed: () => settle(new DeviceAuthError('ABORTED', 'inspector: closed before a viewer page connected')),
      };
      waiters.add(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  };

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      closed = true;
      for (const waiter of [...waiters]) waiter.closed();
      // Let each stream flush its last message, then cut whatever is left (idle keep-alive sockets,
      // a stream that never drains) so the process can exit.
      end();
      const cutOff = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS).unref();
      void flushing.then(() => {
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
    get clients() {
      return clients.size;
    },
    get bufferedBytes() {
      let total = 0;
      for (const client of clients) total += client.buffered;
      return total;
    },
    get droppedClients() {
      return droppedClients;
    },
    get ended() {
      return ended;
    },
    end,
    waitForClient,
    close,
  };
}
