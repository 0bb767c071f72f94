import { describe, expect, it } from 'vitest';
import { postJson, startServer } from './support.js';

describe('CORS for browser apps', () => {
  it('answers a preflight with 204 and the allowed methods and headers', async () => {
    const server = await startServer();
    const response = await fetch(`${server.url}/oauth/device/token`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:5173',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type, trakt-api-key, trakt-api-version',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
    const allowed = (response.headers.get('access-control-allow-headers') ?? '').split(', ');
    expect(allowed).toEqual(expect.arrayContaining(['content-type', 'trakt-api-key', 'trakt-api-version', 'authorization']));
    expect(await response.text()).toBe('');
  });

  it('allows any origin on answers and exposes Retry-After', async () => {
    const server = await startServer();
    const response = await postJson(server, '/oauth/device/code', { client_id: server.clientId }, { Origin: 'http://localhost:5173' });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toContain('Retry-After');
  });
});
