import { describe, expect, it } from 'vitest';
import { DeviceStore } from '../../src/mock/device-store.js';
import { resolveMockOptions } from '../../src/mock/options.js';
import { TokenStore } from '../../src/mock/token-store.js';
import { manualClock, pollToken, refresh, requestDeviceCode, settings, signIn, startServer } from './support.js';

const codeStore = (maxCodes?: number) => new DeviceStore({ now: manualClock().now, intervalMs: 5000, expiresInMs: 600_000, maxCodes });
const tokenStore = (maxPairs?: number) => new TokenStore({ now: manualClock().now, lifetimeSeconds: 3600, username: 'someone', maxPairs });

describe('the number of remembered device codes is capped, oldest forgotten first', () => {
  it('forgets the oldest issued code, whatever its state, when one more is issued', () => {
    const store = codeStore(3);
    const [first, second] = [store.issue(), store.issue()];
    store.decide(first.userCode, 'approve', 'program');
    store.issue();
    expect(store.size).toBe(3);
    const fourth = store.issue();
    expect(store.size).toBe(3);
    expect(store.poll(first.deviceCode)).toEqual({ kind: 'unknown' });
    expect(store.findByUserCode(first.userCode)).toBeUndefined();
    expect(store.poll(second.deviceCode).kind).toBe('pending');
    expect(store.poll(fourth.deviceCode).kind).toBe('pending');
  });

  it('answers a forgotten code 404 over HTTP (maxDeviceCodes), like one never issued', async () => {
    const server = await startServer({ maxDeviceCodes: 2 });
    const [first, second, third] = [await requestDeviceCode(server), await requestDeviceCode(server), await requestDeviceCode(server)];
    expect((await pollToken(server, first.device_code)).status).toBe(404);
    expect(server.approve(first.user_code)).toBe('unknown');
    expect((await pollToken(server, second.device_code)).status).toBe(400);
    expect((await pollToken(server, third.device_code)).status).toBe(400);
  });

  it('defaults to 10 000 codes and 10 000 token pairs', () => {
    expect(resolveMockOptions()).toMatchObject({ maxDeviceCodes: 10_000, maxTokenPairs: 10_000 });
  });
});

describe('the number of remembered token pairs is capped, dead pairs forgotten first', () => {
  it('forgets the oldest dead pair first, then the oldest issued pair', () => {
    const store = tokenStore(2);
    const a = store.issue();
    const outcome = store.refresh(a.refresh_token);
    if (outcome.kind !== 'refreshed') throw new Error('refresh failed');
    const b = outcome.token;
    expect([store.state(a.access_token), store.state(b.access_token), store.size]).toEqual(['rotated', 'active', 2]);
    const c = store.issue();
    expect([store.state(a.refresh_token), store.state(b.refresh_token), store.state(c.refresh_token)]).toEqual(['unknown', 'active', 'active']);
    const d = store.issue();
    expect([store.state(b.access_token), store.state(c.access_token), store.state(d.access_token), store.size]).toEqual(['unknown', 'active', 'active', 2]);
  });

  it('answers a forgotten pair over HTTP (maxTokenPairs): 401 for its access token, invalid_grant for its refresh token', async () => {
    const server = await startServer({ maxTokenPairs: 1 });
    const first = await signIn(server);
    const second = await signIn(server);
    expect((await settings(server, first.access_token)).status).toBe(401);
    const reused = await refresh(server, first.refresh_token);
    expect(reused.status).toBe(400);
    expect(await reused.json()).toMatchObject({ error: 'invalid_grant', error_description: expect.stringMatching(/does not know it/) });
    expect((await settings(server, second.access_token)).status).toBe(200);
  });
});

describe('issuing does not scan the stored records', () => {
  // Each issue used to sweep every stored record: 70 000 issues cost 2.45 billion visits, about 20 s on
  // one core. Sweeping only the front of the issue-ordered queues keeps each issue O(1); with
  // counter codes (no cryptography) 70 000 issues take a second or two even on a busy machine.
  const ISSUES = 70_000;
  const counter = () => {
    let next = 0;
    return (kind: string) => `${kind === 'user_code' ? 'U' : 'x'}${(next += 1)}`.toUpperCase();
  };

  it('issues 70 000 device codes quickly', () => {
    const store = new DeviceStore({ now: manualClock().now, intervalMs: 5000, expiresInMs: 600_000, generate: counter() });
    const started = performance.now();
    for (let i = 0; i < ISSUES; i += 1) store.issue();
    expect(store.size).toBe(ISSUES);
    expect(performance.now() - started).toBeLessThan(8_000);
  });

  it('issues 70 000 token pairs quickly', () => {
    const store = new TokenStore({ now: manualClock().now, lifetimeSeconds: 3600, username: 'someone', generate: counter() });
    const started = performance.now();
    for (let i = 0; i < ISSUES; i += 1) store.issue();
    expect(store.size).toBe(ISSUES);
    expect(performance.now() - started).toBeLessThan(8_000);
  });
});
