import { describe, expect, it } from 'vitest';
import { apiHeaders, postJson, rawRequest, startServer, USER_AGENT } from './support.js';

describe("Trakt's header rules", () => {
  it('blocks a request without User-Agent with a 403 HTML page, like the CDN', async () => {
    const server = await startServer();
    const { 'User-Agent': _dropped, ...withoutAgent } = apiHeaders(server);
    const response = await rawRequest(server, '/oauth/device/code', {
      method: 'POST',
      headers: withoutAgent,
      body: JSON.stringify({ client_id: server.clientId }),
    });
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toMatch(/^<!doctype html>/);
    expect(response.body).toContain('you have been blocked');
    expect(server.log.at(-1)).toMatchObject({ path: '/oauth/device/code', status: 403 });
  });

  it('blocks an empty User-Agent too', async () => {
    const server = await startServer();
    const response = await rawRequest(server, '/users/settings', { headers: { 'User-Agent': ' ' } });
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
  });

  it('answers 412 JSON when trakt-api-version is missing or not 2', async () => {
    const server = await startServer();
    for (const version of [undefined, '1']) {
      const headers: Record<string, string> = { ...apiHeaders(server) };
      if (version === undefined) delete headers['trakt-api-version'];
      else headers['trakt-api-version'] = version;
      const response = await fetch(`${server.url}/oauth/device/code`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ client_id: server.clientId }),
      });
      expect(response.status).toBe(412);
      expect(await response.json()).toMatchObject({ error: 'invalid_api_version' });
    }
  });

  it('answers 403 JSON when trakt-api-key is missing or not the client id', async () => {
    const server = await startServer();
    const missing = await rawRequest(server, '/oauth/device/code', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'trakt-api-version': '2', 'User-Agent': USER_AGENT },
      body: JSON.stringify({ client_id: server.clientId }),
    });
    expect(missing.status).toBe(403);
    expect(missing.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(missing.body)).toMatchObject({ error: 'invalid_api_key' });

    const wrong = await postJson(server, '/oauth/device/code', { client_id: server.clientId }, { 'trakt-api-key': 'nope' });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_api_key' });
  });

  it('does not ask browsers for API headers on the activation page', async () => {
    const server = await startServer();
    const response = await fetch(`${server.url}/activate`, { headers: { 'User-Agent': USER_AGENT } });
    expect(response.status).toBe(200);
  });
});
