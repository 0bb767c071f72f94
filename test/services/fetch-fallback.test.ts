/**
 * Where a runtime has no global `fetch`, the services load `cross-fetch` on demand; where it has
 * one, that is used and the fallback is never loaded (bundlers leave it out, see default-fetch.ts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveFetch } from '../../src/services/http/default-fetch.js';
import { sendRequest } from '../../src/services/http/http.js';
import { startLoopbackServer } from '../support/loopback-server.js';

describe('the fetch the services use', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('is the injected one, else the global one', async () => {
    const injected = vi.fn();
    expect(await resolveFetch(injected)).toBe(injected);
    const global = vi.fn();
    vi.stubGlobal('fetch', global);
    await (await resolveFetch())('http://127.0.0.1:9/', { method: 'GET', headers: {}, signal: new AbortController().signal, redirect: 'manual' });
    expect(global).toHaveBeenCalledTimes(1);
  });

  it('is cross-fetch where the runtime has none, and it really sends', async () => {
    vi.stubGlobal('fetch', undefined);
    const server = await startLoopbackServer(() => ({ status: 200, body: '{"ok":true}' }));
    try {
      const fetch = await resolveFetch();
      const response = await sendRequest({ method: 'POST', url: `${server.url}/x`, headers: {}, body: '{}' }, { fetch });
      expect(response).toMatchObject({ status: 200, body: '{"ok":true}' });
    } finally {
      await server.close();
    }
  });
});
