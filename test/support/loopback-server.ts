/**
 * A tiny scripted HTTP server on 127.0.0.1 for dialect tests: records every request (method,
 * path, headers, body) and answers with whatever the test's handler returns.
 *
 * Not a Trakt: the embedded mock (`startMockServer`, `createMockFetch`) is a well-behaved Trakt
 * and logs no bodies, while these tests need exactly what it never does: the raw requests a
 * dialect sends (bodies included), other providers' dialects (RFC 8628), and malformed, hostile or
 * oversized answers, redirects and odd statuses.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedHttpRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export type Handler = (request: RecordedHttpRequest) => ScriptedAnswer;

export async function startLoopbackServer(handler: Handler) {
  const requests: RecordedHttpRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(request);
      const answer = handler(request);
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A JSON answer. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}): ScriptedAnswer => ({
  status,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
