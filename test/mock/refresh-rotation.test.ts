import { describe, expect, it } from 'vitest';
import type { MockTokenBody } from '../../src/mock/index.js';
import { manualClock, refresh, settings, signIn, startServer } from './support.js';

describe('refresh with single-use rotating refresh tokens', () => {
  it('returns a new 6-key token; the old refresh token and old access token are dead, the new ones work', async () => {
    const clock = manualClock();
    const server = await startServer({ now: clock.now, tokenLifetime: 3600 });
    const original = await signIn(server);
    clock.advance(10_000);

    const response = await refresh(server, original.refresh_token);
    expect(response.status).toBe(200);
    const renewed = (await response.json()) as MockTokenBody;
    expect(Object.keys(renewed).sort()).toEqual(['access_token', 'created_at', 'expires_in', 'refresh_token', 'scope', 'token_type']);
    expect(renewed).toMatchObject({ token_type: 'bearer', scope: 'public', expires_in: 3600, created_at: Math.floor(clock.now() / 1000) });
    expect(renewed.access_token).not.toBe(original.access_token);
    expect(renewed.refresh_token).not.toBe(original.refresh_token);

    const reused = await refresh(server, original.refresh_token);
    expect(reused.status).toBe(400);
    const error = (await reused.json()) as Record<string, unknown>;
    expect(Object.keys(error).sort()).toEqual(['error', 'error_description']);
    expect(error.error).toBe('invalid_grant');
    expect(error.error_description).toMatch(/already used/);

    expect((await settings(server, original.access_token)).status).toBe(401);
    expect((await settings(server, renewed.access_token)).status).toBe(200);
    expect((await refresh(server, renewed.refresh_token)).status).toBe(200);
  });

  it('refreshes after the access token expired', async () => {
    const clock = manualClock();
    const server = await startServer({ now: clock.now, tokenLifetime: 60 });
    const token = await signIn(server);
    clock.advance(61_000);
    expect((await settings(server, token.access_token)).status).toBe(401);
    expect((await refresh(server, token.refresh_token)).status).toBe(200);
  });

  it('answers invalid_grant for an unknown refresh token', async () => {
    const server = await startServer();
    const response = await refresh(server, 'made-up');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a wrong client secret with 401 invalid_client, and leaves the refresh token usable', async () => {
    const server = await startServer();
    const token = await signIn(server);
    const response = await refresh(server, token.refresh_token, { client_secret: 'wrong' });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
    expect((await refresh(server, token.refresh_token)).status).toBe(200);
  });

  it('refuses another grant type and a wrong redirect_uri', async () => {
    const server = await startServer();
    const token = await signIn(server);
    const grant = await refresh(server, token.refresh_token, { grant_type: 'authorization_code' });
    expect(grant.status).toBe(400);
    expect(await grant.json()).toMatchObject({ error: 'unsupported_grant_type' });
    const redirect = await refresh(server, token.refresh_token, { redirect_uri: 'https://example.com/cb' });
    expect(redirect.status).toBe(400);
    expect(await redirect.json()).toMatchObject({ error: 'invalid_grant' });
    expect((await refresh(server, token.refresh_token)).status).toBe(200);
  });

  it('emits a token event for the rotation', async () => {
    const server = await startServer();
    const token = await signIn(server);
    const event = server.waitFor('token', (payload) => payload.kind === 'refreshed');
    await refresh(server, token.refresh_token);
    await expect(event).resolves.toMatchObject({ kind: 'refreshed' });
  });
});
