/**
 * No request can crash the viewer: request targets that are not URLs (`http://[`) are answered
 * 400, paths that merely look like URLs (`//`, what a browser sends for `http://127.0.0.1:PORT//`)
 * 404, sent as raw bytes the way a browser or a port scanner might, and the server keeps serving. The viewer runs inside `device-auth login --inspect`, so a crash here ends a sign-in.
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { serveInspector, type InspectorServer } from '../../src/inspect/serve-inspector.js';

/** Sends one raw HTTP/1.1 request line and returns the status line of the answer. */
function rawStatusLine(port: number, target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    });
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
  });
}

/** The same through node:http, which sends the path as given. */
function httpStatus(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Connection: 'close' } }, (res) => {
      res.resume().on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject).end();
  });
}

describe('serveInspector: malformed request targets', () => {
  let viewer: InspectorServer | undefined;
  afterEach(async () => {
    await viewer?.close();
  });

  it.each([
    ['http://[', 400, 'Bad Request'],
    ['http://[::1', 400, 'Bad Request'],
    ['*', 400, 'Bad Request'],
    ['ftp://127.0.0.1/', 400, 'Bad Request'],
    // Origin-form targets are paths (RFC 9112 §3.2.1), never URLs with a host: well formed, not found.
    ['//', 404, 'Not Found'],
    ['//events', 404, 'Not Found'],
    ['///x', 404, 'Not Found'],
  ] as const)('GET %s is a %i, and the viewer keeps serving', async (target, status, reason) => {
    viewer = await serveInspector();
    expect(await rawStatusLine(viewer.port, target)).toBe(`HTTP/1.1 ${status} ${reason}`);
    expect(await httpStatus(viewer.port, target)).toBe(status);
    expect((await fetch(viewer.url)).status).toBe(200);
  });

  it('a browser opening http://127.0.0.1:PORT// gets an answer, not a dead server', async () => {
    viewer = await serveInspector();
    expect(await httpStatus(viewer.port, '//')).toBe(404);
    expect(await httpStatus(viewer.port, '/')).toBe(200);
  });

  it('an absolute-form target is routed by its path', async () => {
    viewer = await serveInspector();
    expect(await rawStatusLine(viewer.port, `http://127.0.0.1:${viewer.port}/favicon.ico`)).toBe('HTTP/1.1 204 No Content');
    expect(await rawStatusLine(viewer.port, `http://127.0.0.1:${viewer.port}/?x=1`)).toBe('HTTP/1.1 200 OK');
  });
});
