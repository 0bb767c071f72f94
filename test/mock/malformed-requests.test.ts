import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/mock/index.js';
import { rawRequest, startServer, USER_AGENT } from './support.js';

/** What came back on a raw socket: the status line's code and the body, or `closed` when nothing did. */
interface RawAnswer {
  readonly status: number | 'closed';
  readonly headers: string;
  readonly body: string;
}

/**
 * Writes `head` (request line and headers, no final blank line) to the server on a bare socket,
 * so request targets `fetch` and `node:http` would refuse to send get through as written.
 * Rejects after 2 s: a server that neither answers nor closes has lost the request.
 */
function rawSocket(server: MockServer, head: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer to ${JSON.stringify(head.split('\r\n')[0])}`));
    }, 2000);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
      const split = text.indexOf('\r\n\r\n');
      resolve({
        status: match?.[1] === undefined ? 'closed' : Number(match[1]),
        headers: split < 0 ? text : text.slice(0, split),
        body: split < 0 ? '' : text.slice(split + 4),
      });
    });
    socket.write(`${head}\r\nHost: 127.0.0.1:${server.port}\r\nUser-Agent: ${USER_AGENT}\r\nConnection: close\r\n\r\n`);
  });
}

describe('request targets that are not plain paths', () => {
  it('answers a target it cannot parse with 400 JSON, logs it, and keeps serving', async () => {
    const server = await startServer();
    const answer = await rawSocket(server, 'GET http://[ HTTP/1.1');
    expect(answer.status).toBe(400);
    expect(answer.headers).toMatch(/content-type: application\/json/i);
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'invalid_request' });
    expect(server.log.at(-1)).toMatchObject({ method: 'GET', status: 400 });
    expect((await rawRequest(server, '/activate', { headers: { 'User-Agent': USER_AGENT } })).status).toBe(200);
  });

  it('treats "//" as a path (a browser opening http://host:port//), not as a host', async () => {
    const server = await startServer();
    const slash = await rawSocket(server, 'GET // HTTP/1.1');
    expect(slash.status).toBe(302);
    expect(slash.headers).toMatch(/location: \/activate/i);
    const nested = await rawSocket(server, 'GET //oauth/device/code HTTP/1.1');
    expect(nested.status).toBe(404);
    expect(server.log.at(-1)).toMatchObject({ path: '//oauth/device/code', status: 404 });
  });

  it('answers "//" through node:http too', async () => {
    const server = await startServer();
    const response = await rawRequest(server, '//', { headers: { 'User-Agent': USER_AGENT } });
    expect(response.status).toBe(302);
  });

  it('accepts the absolute form and logs only its path', async () => {
    const server = await startServer();
    const answer = await rawSocket(server, `GET ${server.url}/activate?code=ABCD HTTP/1.1`);
    expect(answer.status).toBe(200);
    expect(server.log.at(-1)).toMatchObject({ path: '/activate', status: 200 });
  });

  it('answers other unparseable targets with 400', async () => {
    const server = await startServer();
    for (const target of ['activate', 'mailto:someone@example.com', 'http://']) {
      const answer = await rawSocket(server, `GET ${target} HTTP/1.1`);
      expect(answer.status, target).toBe(400);
    }
  });
});

describe('failures outside the routes', () => {
  it('answers 500 JSON when the injected clock throws, instead of an unhandled rejection', async () => {
    let broken = false;
    const server = await startServer({
      now: () => {
        if (broken) throw new Error('clock exploded');
        return Date.UTC(2025, 0, 1);
      },
    });
    broken = true;
    const response = await rawRequest(server, '/activate', { headers: { 'User-Agent': USER_AGENT } });
    expect(response.status).toBe(500);
    expect(JSON.parse(response.body)).toMatchObject({ error: 'server_error' });
    expect(server.log.at(-1)).toMatchObject({ method: 'GET', path: '/activate', status: 500 });
    broken = false;
    expect((await rawRequest(server, '/activate', { headers: { 'User-Agent': USER_AGENT } })).status).toBe(200);
  });
});
