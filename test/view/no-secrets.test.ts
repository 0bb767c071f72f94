import { describe, expect, it, vi } from 'vitest';
import { DeviceAuthError } from '../../src/core/errors.js';
import { authorized, networkError, pending, sampleToken, slowDown } from '../support/scripted-services.js';
import { deviceCode, deviceView, ending, sessionView, useFakeClock } from './support.js';

const TOKEN_SECRETS = [sampleToken.accessToken, sampleToken.refreshToken!];

/** Every path under `value` (own keys, enumerable or not, of objects and functions) whose string holds a secret. */
function findSecrets(value: unknown, secrets: readonly string[], path = '$', seen = new Set<unknown>()): string[] {
  if (typeof value === 'string') return secrets.some((secret) => value.includes(secret)) ? [path] : [];
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) return [];
  seen.add(value);
  return Reflect.ownKeys(value).flatMap((key) => {
    const descriptor = Object.getOwnPropertyDescriptor(value, key)!;
    const child = 'value' in descriptor ? descriptor.value : undefined;
    return [
      ...(typeof key === 'string' ? findSecrets(key, secrets, `${path}[key]`, seen) : []),
      ...findSecrets(child, secrets, `${path}.${String(key)}`, seen),
    ];
  });
}

describe('a view never exposes the device code or a token', () => {
  useFakeClock();

  it('the scan finds a secret where there is one (the actor’s context holds both)', async () => {
    const { actor, view } = deviceView({ polls: [authorized] });
    view.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(findSecrets(actor.getSnapshot().context, [deviceCode(1), ...TOKEN_SECRETS])).toEqual([
      '$.codes.deviceCode',
      '$.token.accessToken',
      '$.token.refreshToken',
    ]);
  });

  it('no snapshot of a whole device flow, nor the store, holds one', async () => {
    const { view, seen } = deviceView({
      codes: { verificationUrlComplete: 'https://trakt.tv/activate/CODE' },
      polls: [{ type: 'denied' }, slowDown(), networkError(), pending, authorized],
    });
    view.start();
    await vi.advanceTimersByTimeAsync(5_000);
    view.restart();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(new Set(seen.map((s) => s.phase))).toEqual(
      new Set(['idle', 'requesting', 'showingCode', 'denied', 'slowedDown', 'retrying', 'signedIn']),
    );
    const secrets = [deviceCode(1), deviceCode(2), ...TOKEN_SECRETS];
    expect(findSecrets(seen, secrets)).toEqual([]);
    expect(findSecrets(view, secrets)).toEqual([]);
  });

  it('no snapshot of a session signing in, then signing out, holds one', async () => {
    const { actor, view, seen } = sessionView({ polls: [networkError(), pending, authorized] });
    await vi.advanceTimersByTimeAsync(0);
    view.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(actor.getSnapshot().context.token).toEqual(sampleToken);
    actor.send({ type: 'signOut' });
    await vi.advanceTimersByTimeAsync(0);
    expect(seen.map((s) => s.phase)).toContain('signedIn');
    expect(view.getSnapshot().message).toBe('Signed out. Sign in again to get a code.');
    const secrets = [deviceCode(1), ...TOKEN_SECRETS];
    expect(findSecrets(seen, secrets)).toEqual([]);
    expect(findSecrets(view, secrets)).toEqual([]);
  });

  it('a secret inside an error message is scrubbed from the message', async () => {
    const leaky = new DeviceAuthError('INVALID_RESPONSE', `The server echoed ${deviceCode(1)} back.`);
    const { view } = deviceView({ polls: [{ type: 'fatal', error: leaky }] });
    view.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(view.getSnapshot()).toEqual(ending('failed', 'The server echoed [redacted] back.', 'INVALID_RESPONSE'));
  });

  it('a session scrubs a device code it saw earlier from the ending’s message, after the child is gone', async () => {
    const leaky = new DeviceAuthError('INVALID_RESPONSE', `Unknown device_code ${deviceCode(1)}.`);
    const { actor, view } = sessionView({ polls: [{ type: 'fatal', error: leaky }] });
    await vi.advanceTimersByTimeAsync(0);
    view.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(actor.getSnapshot().children).not.toHaveProperty('deviceAuth');
    expect(view.getSnapshot().message).toBe('Unknown device_code [redacted].');
  });
});
