import { describe, expect, it } from 'vitest';
import { formToken, pollToken, postForm, rawRequest, requestDeviceCode, startServer, USER_AGENT } from './support.js';

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': USER_AGENT };

describe('the activation form refuses posts that did not come from its own page', () => {
  it('answers a post without the form token with 403 and a clear page, and decides nothing', async () => {
    const server = await startServer();
    const code = await requestDeviceCode(server);
    const decisions: unknown[] = [];
    server.on('decision', (event) => decisions.push(event));
    const response = await postForm(server, { user_code: code.user_code, decision: 'approve' });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const markup = await response.text();
    expect(markup).toContain('Form not accepted');
    expect(markup).toContain('nothing was approved or denied');
    expect(decisions).toEqual([]);
    expect((await pollToken(server, code.device_code)).status).toBe(400);
    expect(server.approve(code.user_code)).toBe('approved');
  });

  it('refuses a wrong token and the token of another mock', async () => {
    const server = await startServer();
    const other = await startServer();
    const code = await requestDeviceCode(server);
    const token = await formToken(server);
    const wrong = `${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}`;
    for (const forged of [wrong, await formToken(other), '']) {
      const response = await postForm(server, { csrf_token: forged, user_code: code.user_code, decision: 'deny' });
      expect(response.status).toBe(403);
    }
    expect(server.log.filter((entry) => entry.method === 'POST').map((entry) => entry.status)).toEqual([200, 403, 403, 403]);
    expect((await postForm(server, { csrf_token: token, user_code: code.user_code, decision: 'deny' })).status).toBe(200);
  });

  it('keeps the token out of the request log', async () => {
    const server = await startServer();
    const token = await formToken(server);
    await postForm(server, { csrf_token: token, user_code: 'BCDFGHJK', decision: 'approve' });
    expect(JSON.stringify(server.log)).not.toContain(token);
  });
});

describe('pages and controls answer only to their own host name (DNS rebinding)', () => {
  it('answers 421 to a page request for another name, and to a form post even with the right token', async () => {
    const server = await startServer();
    const code = await requestDeviceCode(server);
    const token = await formToken(server);
    const page = await rawRequest(server, '/activate', { headers: { Host: `rebind.example:${server.port}`, 'User-Agent': USER_AGENT } });
    expect(page.status).toBe(421);
    expect(page.body).not.toContain(token);
    const post = await rawRequest(server, '/activate', {
      method: 'POST',
      headers: { ...FORM, Host: `rebind.example:${server.port}` },
      body: new URLSearchParams({ csrf_token: token, user_code: code.user_code, decision: 'approve' }).toString(),
    });
    expect(post.status).toBe(421);
    expect((await pollToken(server, code.device_code)).status).toBe(400);
  });

  it('accepts its loopback names with its port, and its publicUrl', async () => {
    const server = await startServer({ publicUrl: 'https://tunnel.example' });
    const statusFor = async (host: string) => (await rawRequest(server, '/activate', { headers: { Host: host, 'User-Agent': USER_AGENT } })).status;
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `LOCALHOST:${server.port}`, `[::1]:${server.port}`, 'tunnel.example']) {
      expect(await statusFor(host), host).toBe(200);
    }
    for (const host of ['127.0.0.1', `127.0.0.1:${server.port + 1}`, `evil.example@127.0.0.1:${server.port}`]) {
      expect(await statusFor(host), host).toBe(421);
    }
  });

  it('leaves the API open to any host name (clients may use another name for the mock)', async () => {
    const server = await startServer();
    const response = await rawRequest(server, '/oauth/device/code', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'trakt-api-key': server.clientId, 'trakt-api-version': '2', 'User-Agent': USER_AGENT, Host: 'mock.lan:80' },
      body: JSON.stringify({ client_id: server.clientId }),
    });
    expect(response.status).toBe(200);
  });

  it('refuses /mock/* controls from pages of other sites and for other names', async () => {
    const server = await startServer();
    const code = await requestDeviceCode(server);
    const control = (headers: Record<string, string>) =>
      rawRequest(server, '/mock/approve', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'User-Agent': USER_AGENT, Host: `127.0.0.1:${server.port}`, ...headers },
        body: JSON.stringify({ user_code: code.user_code }),
      });
    const crossSite = await control({ Origin: 'http://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(JSON.parse(crossSite.body)).toMatchObject({ error: 'cross_origin_request' });
    expect((await control({ Origin: 'null' })).status).toBe(403);
    expect((await control({ Host: `rebind.example:${server.port}` })).status).toBe(421);
    expect((await pollToken(server, code.device_code)).status).toBe(400);
    expect((await control({ Origin: server.url })).status).toBe(200);
  });
});

describe('pages and controls carry no CORS headers', () => {
  it('lets no other site read the form (and its token) or preflight a control; the API keeps CORS', async () => {
    const server = await startServer();
    const page = await fetch(`${server.url}/activate`, { headers: { 'User-Agent': USER_AGENT, Origin: 'http://evil.example' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = (path: string) =>
      fetch(`${server.url}${path}`, {
        method: 'OPTIONS',
        headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
      });
    for (const path of ['/activate', '/mock/approve']) {
      const answer = await preflight(path);
      expect(answer.status, path).toBe(204);
      expect(answer.headers.get('access-control-allow-origin'), path).toBeNull();
      expect(answer.headers.get('access-control-allow-methods'), path).toBeNull();
    }
    expect((await preflight('/oauth/device/token')).headers.get('access-control-allow-origin')).toBe('*');
  });
});
