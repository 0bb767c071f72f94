import { describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/mock/index.js';
import { formToken, manualClock, pollToken, postForm, requestDeviceCode, startServer, USER_AGENT } from './support.js';

function openPage(server: MockServer, path: string): Promise<Response> {
  return fetch(`${server.url}${path}`, { headers: { 'User-Agent': USER_AGENT } });
}

/** Submits the form as a browser would after opening the page: with the page's form token. */
async function submit(server: MockServer, fields: Record<string, string>): Promise<Response> {
  return postForm(server, { csrf_token: await formToken(server), ...fields });
}

function inputValue(markup: string): string | undefined {
  return /<input id="user_code" name="user_code" value="([^"]*)"/.exec(markup)?.[1];
}

describe('the activation page', () => {
  it('shows a real form posting user_code and an approve/deny decision to /activate', async () => {
    const server = await startServer();
    const response = await openPage(server, '/activate');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const markup = await response.text();
    expect(markup).toContain('<form method="post" action="/activate">');
    expect(markup).toMatch(/<input type="hidden" name="csrf_token" value="[0-9a-f]{64}">/);
    expect(markup).toContain('<button type="submit" name="decision" value="approve"');
    expect(markup).toContain('<button type="submit" name="decision" value="deny"');
    expect(markup).toContain('<label for="user_code">');
    expect(inputValue(markup)).toBe('');
    expect(markup).not.toMatch(/<script|<link|src="http|href="http/);
  });

  it('pre-fills the code from /activate/<code> and ?code=', async () => {
    const server = await startServer();
    const code = await requestDeviceCode(server);
    expect(inputValue(await (await openPage(server, `/activate/${code.user_code}`)).text())).toBe(code.user_code);
    expect(inputValue(await (await openPage(server, `/activate?code=${code.user_code.toLowerCase()}`)).text())).toBe(code.user_code);
  });

  it('escapes whatever is in the URL', async () => {
    const server = await startServer();
    const markup = await (await openPage(server, `/activate/${encodeURIComponent('"><script>alert(1)</script>')}`)).text();
    expect(markup).not.toContain('<script>');
    expect(inputValue(markup)).toBe('SCRIPTALERT1SCRIPT');
  });

  it('approves through the form; the next poll answers 200', async () => {
    const clock = manualClock();
    const server = await startServer({ now: clock.now, interval: 5 });
    const code = await requestDeviceCode(server);
    expect((await pollToken(server, code.device_code)).status).toBe(400);

    const decision = server.waitFor('decision');
    const typed = `${code.user_code.slice(0, 4).toLowerCase()}-${code.user_code.slice(4)}`;
    const response = await submit(server, { user_code: typed, decision: 'approve' });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Device approved');
    await expect(decision).resolves.toMatchObject({ userCode: code.user_code, decision: 'approved', source: 'form' });

    clock.advance(5000);
    expect((await pollToken(server, code.device_code)).status).toBe(200);
  });

  it('denies through the form; the next poll answers 418', async () => {
    const server = await startServer();
    const code = await requestDeviceCode(server);
    const response = await submit(server, { user_code: code.user_code, decision: 'deny' });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Access denied');
    expect((await pollToken(server, code.device_code)).status).toBe(418);
  });

  it('answers an unknown code with 404 and the form again, keeping what was typed', async () => {
    const server = await startServer();
    const response = await submit(server, { user_code: 'BCDFGHJK', decision: 'approve' });
    expect(response.status).toBe(404);
    const markup = await response.text();
    expect(markup).toContain('No device is waiting for the code');
    expect(inputValue(markup)).toBe('BCDFGHJK');
  });

  it('answers an expired code with 410', async () => {
    const clock = manualClock();
    const server = await startServer({ now: clock.now, expiresIn: 60 });
    const code = await requestDeviceCode(server);
    clock.advance(60_000);
    const response = await submit(server, { user_code: code.user_code, decision: 'approve' });
    expect(response.status).toBe(410);
    expect(await response.text()).toContain('Code expired');
  });

  it('answers an already decided code with 409 and keeps the first decision', async () => {
    const server = await startServer();
    const code = await requestDeviceCode(server);
    await submit(server, { user_code: code.user_code, decision: 'deny' });
    const response = await submit(server, { user_code: code.user_code, decision: 'approve' });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain('was already denied');
    expect((await pollToken(server, code.device_code)).status).toBe(418);
  });

  it('answers 400 with the form when the code or the decision is missing', async () => {
    const server = await startServer();
    const noCode = await submit(server, { user_code: ' ', decision: 'approve' });
    expect(noCode.status).toBe(400);
    expect(await noCode.text()).toContain('Enter the code');
    const noDecision = await submit(server, { user_code: 'BCDFGHJK' });
    expect(noDecision.status).toBe(400);
    expect(await noDecision.text()).toContain('Choose Approve or Deny');
  });

  it('redirects / to the page', async () => {
    const server = await startServer();
    const response = await fetch(`${server.url}/`, { headers: { 'User-Agent': USER_AGENT }, redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/activate');
  });
});
