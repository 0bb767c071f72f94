import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveFetch } from '../../src/services/http/default-fetch.js';
import { DeviceAuthError } from '../../src/core/errors.js';
import { sendRequest, type FetchLike } from '../../src/services/http/http.js';
import { startLoopbackServer } from '../support/loopback-server.js';

const request = { method: 'POST' as const, url: 'http://127.0.0.1:9/oauth/device/token', headers: {}, body: '{}' };

async function rejection(promise: Promise<unknown>): Promise<DeviceAuthError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DeviceAuthError);
  return error as DeviceAuthError;
}

/** A fetch that never answers until aborted. */
const hangingFetch: FetchLike = (_url, init) =>
  new Promise((_, reject) => init.signal.addEventListener('abort', () => reject(new Error('aborted'))));

describe('the HTTP seam', () => {
  afterEach(() => vi.useRealTimers());

  it('turns a hung request into TIMEOUT after timeoutMs (simulated time)', async () => {
    vi.useFakeTimers();
    const pending = rejection(sendRequest(request, { fetch: hangingFetch, timeoutMs: 15_000 }));
    await vi.advanceTimersByTimeAsync(14_999);
    let settled = false;
    void pending.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await pending;
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toBe(
      'http://127.0.0.1:9 did not answer within 15000 ms. Check the connection; on a slow network, raise the timeout (timeoutMs).',
    );
  });

  it('aborts with the caller signal → ABORTED', async () => {
    const controller = new AbortController();
    const pending = rejection(sendRequest(request, { fetch: hangingFetch, signal: controller.signal }));
    controller.abort();
    expect((await pending).code).toBe('ABORTED');
    const already = rejection(sendRequest(request, { fetch: hangingFetch, signal: controller.signal }));
    expect((await already).code).toBe('ABORTED');
  });

  it('a refused connection → NETWORK naming the host, not the path', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const error = await rejection(
      sendRequest({ ...request, url: `http://127.0.0.1:${port}/oauth/device/token?code=x` }, { fetch: await resolveFetch() }),
    );
    expect(error.code).toBe('NETWORK');
    expect(error.message).toContain(`http://127.0.0.1:${port}`);
    expect(error.message).not.toContain('code=x');
  });

  it('caps the body size, streaming or declared', async () => {
    const big = 'x'.repeat(2_000);
    const server = await startLoopbackServer((req) =>
      req.path === '/declared'
        ? { status: 200, body: big }
        : { status: 200, headers: { 'Transfer-Encoding': 'chunked' }, body: big },
    );
    try {
      const fetch = await resolveFetch();
      for (const path of ['/declared', '/streamed']) {
        const error = await rejection(sendRequest({ ...request, url: `${server.url}${path}` }, { fetch, maxResponseBytes: 1_000 }));
        expect(error.code).toBe('RESPONSE_TOO_LARGE');
      }
      const ok = await sendRequest({ ...request, url: `${server.url}/declared` }, { fetch, maxResponseBytes: 2_000 });
      expect(ok).toMatchObject({ status: 200, body: big });
    } finally {
      await server.close();
    }
  });

  it('caps a compressed body by the size it decodes to, not by its declared length', async () => {
    const decoded = JSON.stringify({ error: 'authorization_pending', padding: 'x'.repeat(50_000) });
    const compressed = gzipSync(decoded);
    const server = createHttpServer((_req, res) => {
      res.writeHead(400, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': compressed.length });
      res.end(compressed);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const url = `http://127.0.0.1:${port}/token`;
      const fetch = await resolveFetch();
      expect(compressed.length).toBeLessThan(1_000);
      expect((await rejection(sendRequest({ ...request, url }, { fetch, maxResponseBytes: 1_000 }))).code).toBe('RESPONSE_TOO_LARGE');
      expect(await sendRequest({ ...request, url }, { fetch, maxResponseBytes: 100_000 })).toMatchObject({ status: 400, body: decoded });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('reads bodies without a stream (cross-fetch style) and still caps them', async () => {
    const plain: FetchLike = async () => ({
      status: 200,
      headers: new Headers({ 'X-Thing': 'yes' }),
      text: async () => 'hello',
    });
    expect(await sendRequest(request, { fetch: plain })).toEqual({ status: 200, headers: { 'x-thing': 'yes' }, body: 'hello' });
    const error = await rejection(sendRequest(request, { fetch: plain, maxResponseBytes: 3 }));
    expect(error.code).toBe('RESPONSE_TOO_LARGE');
    const understated: FetchLike = async () => ({ status: 200, headers: new Headers({ 'Content-Length': '2' }), text: async () => 'hello' });
    expect((await rejection(sendRequest(request, { fetch: understated, maxResponseBytes: 4 }))).code).toBe('RESPONSE_TOO_LARGE');
  });

  it('uses the injected fetch, else globalThis.fetch, else cross-fetch', async () => {
    const injected: FetchLike = async () => ({ status: 204, headers: new Headers(), text: async () => '' });
    expect(await resolveFetch(injected)).toBe(injected);
    const original = globalThis.fetch;
    try {
      // @ts-expect-error: simulate a runtime without fetch
      delete globalThis.fetch;
      const fallback = await resolveFetch();
      const crossFetch = (await import('cross-fetch')).default;
      expect(fallback).toBe(crossFetch);
    } finally {
      globalThis.fetch = original;
    }
  });
});
