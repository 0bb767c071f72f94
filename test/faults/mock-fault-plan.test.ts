/**
 * The mock's scripted faults (`faultPlan`, src/mock/fault-plan.ts) over raw HTTP: each kind answers
 * what it promises on the request it names, counts per endpoint, leaves the state alone (a faulted
 * poll is not a poll), and a bad plan is refused at start.
 */
import { describe, expect, it } from 'vitest';
import { startMockServer } from '../../src/mock/index.js';
import type { MockFaultPlanRequest } from '../../src/mock/fault-plan.js';
import { pollToken, postJson, refresh, requestDeviceCode, revoke, signIn, startServer } from '../mock/support.js';

describe('mock fault plan', () => {
  it('answers the n-th request of each endpoint with its fault and the others normally', async () => {
    const seen: MockFaultPlanRequest[] = [];
    const server = await startServer({
      faultPlan: (request) => {
        seen.push(request);
        if (request.endpoint === 'token' && request.n === 2) return { kind: 'answer', status: 503, body: 'busy', contentType: 'text/plain', headers: { 'Retry-After': '7' } };
        if (request.endpoint === 'refresh' && request.n === 1) return { kind: 'answer', status: 403, body: '<html>no</html>', contentType: 'text/html' };
        if (request.endpoint === 'revoke' && request.n === 1) return { kind: 'answer', status: 451 };
        return undefined;
      },
    });
    const code = await requestDeviceCode(server);
    expect((await pollToken(server, code.device_code)).status).toBe(400);
    const busy = await pollToken(server, code.device_code);
    expect([busy.status, busy.headers.get('retry-after'), busy.headers.get('content-type'), await busy.text()]).toEqual([503, '7', 'text/plain', 'busy']);
    const token = await signIn(server);
    const page = await refresh(server, token.refresh_token);
    expect([page.status, await page.text()]).toEqual([403, '<html>no</html>']);
    // The faulted refresh never reached the token store: the refresh token still works.
    expect((await refresh(server, token.refresh_token)).status).toBe(200);
    expect((await revoke(server, token.access_token)).status).toBe(451);
    expect(seen.map(({ endpoint, n }) => `${endpoint}#${n}`)).toEqual([
      'deviceCode#1', 'token#1', 'token#2', 'deviceCode#2', 'token#3', 'refresh#1', 'refresh#2', 'revoke#1',
    ]);
  });

  it('a list plan: undefined and null entries and requests past the end are answered normally', async () => {
    const server = await startServer({ interval: 0.001, faultPlan: { token: [undefined, null, { kind: 'answer', status: 500 }] } });
    const code = await requestDeviceCode(server);
    const statuses = [];
    for (let poll = 0; poll < 4; poll++) statuses.push((await pollToken(server, code.device_code)).status);
    expect(statuses).toEqual([400, 400, 500, 400]);
  });

  it('patch: the real answer (the code is issued) with fields replaced and removed', async () => {
    const server = await startServer({ faultPlan: { deviceCode: [{ kind: 'patch', set: { interval: '5', extra: [1] }, remove: ['verification_url'] }] } });
    const response = await postJson(server, '/oauth/device/code', { client_id: server.clientId });
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ interval: '5', extra: [1], expires_in: 600 });
    expect(body).not.toHaveProperty('verification_url');
    expect((await pollToken(server, body.device_code as string)).status).toBe(400);
  });

  it('oversize: a body of exactly the given size, declared or chunked', async () => {
    const server = await startServer({ faultPlan: { deviceCode: [{ kind: 'oversize', bytes: 5000 }, { kind: 'oversize', bytes: 5000, declareLength: false }] } });
    const declared = await postJson(server, '/oauth/device/code', { client_id: server.clientId });
    expect(declared.headers.get('content-length')).toBe('5000');
    expect((await declared.text()).length).toBe(5000);
    const chunked = await postJson(server, '/oauth/device/code', { client_id: server.clientId });
    expect(chunked.headers.get('content-length')).toBeNull();
    expect(chunked.headers.get('transfer-encoding')).toBe('chunked');
    expect((await chunked.text()).length).toBe(5000);
  });

  it('reset: the status and headers arrive, then the body breaks off; drop: no answer at all', async () => {
    const server = await startServer({ faultPlan: { deviceCode: [{ kind: 'reset' }, { kind: 'drop' }] } });
    const cut = await postJson(server, '/oauth/device/code', { client_id: server.clientId });
    expect(cut.status).toBe(200);
    expect(cut.headers.get('x-mock-internal-cut-after-bytes')).toBeNull();
    await expect(cut.text()).rejects.toThrow(TypeError);
    await expect(postJson(server, '/oauth/device/code', { client_id: server.clientId })).rejects.toThrow(TypeError);
    expect(server.log.map((entry) => entry.status)).toEqual([200, 0]);
  });

  it('hang: nothing is answered until the client gives up; then it is logged as dropped', async () => {
    const server = await startServer({ faultPlan: { revoke: [{ kind: 'hang' }] } });
    const logged = server.waitFor('request');
    const gaveUp = new AbortController();
    const answer = fetch(`${server.url}/oauth/revoke`, { method: 'POST', headers: { 'User-Agent': 'x' }, body: '{}', signal: gaveUp.signal });
    // The request is held: nothing is logged while the client waits.
    await new Promise((resolve) => setImmediate(resolve));
    expect(server.log).toEqual([]);
    gaveUp.abort();
    await expect(answer).rejects.toThrow();
    await expect(logged).resolves.toMatchObject({ path: '/oauth/revoke', status: 0 });
  });

  it('slow: the real answer, late through the injected delay', async () => {
    const waited: number[] = [];
    const server = await startServer({
      faultPlan: { deviceCode: [{ kind: 'slow', ms: 1234 }] },
      delay: async (ms) => {
        waited.push(ms);
      },
    });
    expect((await requestDeviceCode(server)).device_code).toMatch(/^[0-9a-f]{64}$/);
    expect(waited).toEqual([1234]);
  });

  it('redirect: 307 to the same path by default, or the given status and location', async () => {
    const server = await startServer({ faultPlan: { token: [{ kind: 'redirect' }, { kind: 'redirect', status: 308, location: 'https://elsewhere.example/x' }] } });
    const same = await fetch(`${server.url}/oauth/device/token`, { method: 'POST', headers: { 'User-Agent': 'x' }, body: '{}', redirect: 'manual' });
    expect([same.status, same.headers.get('location')]).toEqual([307, '/oauth/device/token']);
    const other = await fetch(`${server.url}/oauth/device/token`, { method: 'POST', headers: { 'User-Agent': 'x' }, body: '{}', redirect: 'manual' });
    expect([other.status, other.headers.get('location')]).toEqual([308, 'https://elsewhere.example/x']);
  });

  it('keeps the random faults working beside a plan: a planned request never gets a random fault', async () => {
    let draws = 0;
    const server = await startServer({
      faultRate: 1,
      faults: ['rate-limit'],
      random: () => {
        draws += 1;
        return 0;
      },
      faultPlan: { token: [{ kind: 'answer', status: 502 }] },
    });
    const code = await requestDeviceCode(server);
    expect((await pollToken(server, code.device_code)).status).toBe(502);
    expect(draws).toBe(0);
    expect((await pollToken(server, code.device_code)).status).toBe(429);
    expect(draws).toBe(2);
  });

  it.each([
    [{ tokens: [] }, /"faultPlan" must be an object whose keys are endpoints/],
    [{ token: { kind: 'drop' } }, /"faultPlan" must be an object whose "token" is a list of faults/],
    [{ token: [{ kind: 'explode' }] }, /a fault's "kind" must be one of "answer", "patch"/],
    [{ refresh: [{ kind: 'answer', status: 99 }] }, /"answer" fault's "status" must be a whole number from 100 to 599/],
    [{ revoke: [{ kind: 'oversize', bytes: -1 }] }, /"oversize" fault needs "bytes"/],
    ['drop', /"faultPlan" must be a function or an object/],
  ])('refuses a malformed plan at start: %j', async (plan, message) => {
    await expect(startMockServer({ faultPlan: plan as never })).rejects.toMatchObject({ code: 'CONFIGURATION', message: expect.stringMatching(message) });
  });

  it('a plan function returning a malformed fault gets a 500 naming the problem', async () => {
    const server = await startServer({ faultPlan: () => ({ kind: 'answer', status: 1000 }) });
    const response = await postJson(server, '/oauth/device/code', { client_id: server.clientId });
    expect(response.status).toBe(500);
    expect(await response.text()).toContain('\\"status\\" must be a whole number from 100 to 599');
  });
});
