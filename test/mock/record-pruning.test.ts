import { describe, expect, it } from 'vitest';
import { DeviceStore, EXPIRED_CODE_RETENTION_MS } from '../../src/mock/device-store.js';
import { DEAD_TOKEN_RETENTION_MS, TokenStore } from '../../src/mock/token-store.js';
import { manualClock, pollToken, refresh, requestDeviceCode, signIn, startServer } from './support.js';

describe('device codes are forgotten a while after they expire', () => {
  it('keeps the store bounded: issuing sweeps codes expired for longer than the retention', () => {
    const clock = manualClock();
    const store = new DeviceStore({ now: clock.now, intervalMs: 5000, expiresInMs: 600_000 });
    for (let i = 0; i < 50; i += 1) store.issue();
    expect(store.size).toBe(50);
    clock.advance(600_000 + EXPIRED_CODE_RETENTION_MS - 1);
    store.issue();
    expect(store.size).toBe(51);
    clock.advance(1);
    const fresh = store.issue();
    expect(store.size).toBe(2);
    expect(store.poll(fresh.deviceCode).kind).toBe('pending');
  });

  it('answers 410 for a recently expired code and 404 once it is forgotten; its user code is unknown then', async () => {
    const clock = manualClock();
    const server = await startServer({ now: clock.now, interval: 5, expiresIn: 600 });
    const old = await requestDeviceCode(server);
    clock.advance(600_000 + EXPIRED_CODE_RETENTION_MS - 1);
    await requestDeviceCode(server);
    expect((await pollToken(server, old.device_code)).status).toBe(410);
    expect(server.approve(old.user_code)).toBe('expired');
    clock.advance(1);
    await requestDeviceCode(server);
    expect((await pollToken(server, old.device_code)).status).toBe(404);
    expect(server.approve(old.user_code)).toBe('unknown');
  });

  it('forgets used and denied codes the same way (a used one answers 409 until then)', async () => {
    const clock = manualClock();
    const server = await startServer({ now: clock.now, interval: 5, expiresIn: 60 });
    const used = await requestDeviceCode(server);
    const denied = await requestDeviceCode(server);
    server.approve(used.user_code);
    server.deny(denied.user_code);
    expect((await pollToken(server, used.device_code)).status).toBe(200);
    clock.advance(60_000 + EXPIRED_CODE_RETENTION_MS);
    expect((await pollToken(server, used.device_code)).status).toBe(409);
    await requestDeviceCode(server);
    expect((await pollToken(server, used.device_code)).status).toBe(404);
    expect((await pollToken(server, denied.device_code)).status).toBe(404);
  });
});

describe('dead token pairs are forgotten after a grace period', () => {
  it('keeps the store bounded: rotated and revoked pairs go after the retention', () => {
    const clock = manualClock();
    const store = new TokenStore({ now: clock.now, lifetimeSeconds: 7 * 24 * 3600, username: 'someone' });
    let current = store.issue();
    for (let i = 0; i < 20; i += 1) {
      const outcome = store.refresh(current.refresh_token);
      if (outcome.kind !== 'refreshed') throw new Error('refresh failed');
      current = outcome.token;
    }
    const revoked = store.issue();
    store.revoke(revoked.access_token);
    expect(store.size).toBe(22);
    clock.advance(DEAD_TOKEN_RETENTION_MS);
    store.issue();
    expect(store.size).toBe(2);
    expect(store.check(current.access_token).kind).toBe('valid');
  });

  it('still says "already used" during the grace period, then invalid_grant for the forgotten token', async () => {
    const clock = manualClock();
    const server = await startServer({ now: clock.now, tokenLifetime: 7 * 24 * 3600 });
    const original = await signIn(server);
    const renewed = (await (await refresh(server, original.refresh_token)).json()) as { refresh_token: string };
    clock.advance(DEAD_TOKEN_RETENTION_MS - 1);
    await signIn(server);
    const reused = (await (await refresh(server, original.refresh_token)).json()) as { error: string; error_description: string };
    expect(reused).toMatchObject({ error: 'invalid_grant' });
    expect(reused.error_description).toMatch(/already used/);
    clock.advance(1);
    await signIn(server);
    const forgotten = await refresh(server, original.refresh_token);
    expect(forgotten.status).toBe(400);
    const body = (await forgotten.json()) as { error: string; error_description: string };
    expect(body.error).toBe('invalid_grant');
    expect(body.error_description).toMatch(/does not know it/);
    expect((await refresh(server, renewed.refresh_token)).status).toBe(200);
  });

  it('keeps an expired pair refreshable for one more lifetime (at least the retention), then forgets it', () => {
    const clock = manualClock();
    const store = new TokenStore({ now: clock.now, lifetimeSeconds: 60, username: 'someone' });
    const short = store.issue();
    const other = store.issue();
    clock.advance(60_000 + DEAD_TOKEN_RETENTION_MS - 1);
    store.issue();
    expect(store.refresh(short.refresh_token).kind).toBe('refreshed');
    clock.advance(1);
    store.issue();
    expect(store.refresh(other.refresh_token)).toEqual({ kind: 'invalid', reason: 'unknown' });
  });
});
