/**
 * Serves the replay of a recorded trace on 127.0.0.1: the viewer page with the trace embedded
 * (see `replay-page.ts`), under the same rules as the live viewer (loopback only, requests
 * addressed to it only, GET and HEAD). No machine runs and the page connects to nothing: its
 * policy has no `connect-src`.
 */
import { createServer } from 'node:http';
import type { DeviceAuthTrace } from '../record/trace.types.js';
import type { DiagramSource } from './diagram-svg.js';
import { admit, INSPECTOR_HOST, listen, notFound, safely, sendPage } from './loopback-http.js';
import { prepareReplay, replayPage, type ReplayOptions } from './replay-page.js';

/** Options of {@link serveReplay}. */
export interface ServeReplayOptions extends ReplayOptions {
  /** The trace to replay, e.g. from `parseTrace`. */
  readonly trace: DeviceAuthTrace;
  /** Port on 127.0.0.1. Default `0`: a free port. */
  readonly port?: number | undefined;
}

/** A running replay. */
export interface ReplayServer {
  /** The page, e.g. `http://127.0.0.1:41234/`. */
  readonly url: string;
  /** The port it listens on. */
  readonly port: number;
  /** The version warning the page shows, if the trace was recorded by another version. */
  readonly warning: string | undefined;
  /** Where the diagram came from: the `diagramSvg` option, the package's own, or none. */
  readonly diagram: DiagramSource | 'none';
  /** Stops serving and cuts open connections. Safe to call more than once. */
  close(): Promise<void>;
}

/**
 * Serves the replay of `options.trace` and resolves once it listens. Each page load gets its own
 * nonce; the trace is checked and redacted once, up front.
 *
 * @example
 * ```ts
 * const replay = await serveReplay({ trace: parseTrace(await readFile('trace.json', 'utf8')) });
 * console.log(`Replay: ${replay.url}`);
 * ```
 *
 * @param options - The trace, the port and the diagram.
 * @throws {@link DeviceAuthError} `INVALID_RESPONSE` when the trace is not valid; Error naming the
 *   address when the port cannot be used.
 */
export async function serveReplay(options: ServeReplayOptions): Promise<ReplayServer> {
  const prepared = await prepareReplay(options.trace, options);
  let port = options.port ?? 0;
  const server = createServer(
    safely((request, response) => {
      const path = admit(request, response, port);
      if (path === undefined) return;
      if (path !== '/') {
        notFound(response, path);
        return;
      }
      const page = replayPage(prepared);
      sendPage(request, response, page.html, page.policy);
    }),
  );
  port = await listen(server, port);
  let closing: Promise<void> | undefined;
  return {
    url: `http://${INSPECTOR_HOST}:${port}/`,
    port,
    warning: prepared.warning,
    diagram: prepared.diagram,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
