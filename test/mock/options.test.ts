import { describe, expect, it, vi } from 'vitest';
import { isDeviceAuthError } from '../../src/core/errors.js';
import { MOCK_DEFAULTS, MOCK_FAULT_KINDS, resolveMockOptions, startMockServer, type MockServerOptions } from '../../src/mock/index.js';

describe('mock server options', () => {
  it('applies the documented defaults, also for fields set to undefined (CLI flags not given)', () => {
    const resolved = resolveMockOptions({ port: undefined, interval: undefined, faultRate: undefined });
    expect(resolved).toMatchObject({
      ...MOCK_DEFAULTS,
      publicUrl: undefined,
      autoApproveAfterPolls: undefined,
      faults: MOCK_FAULT_KINDS,
    });
    expect(resolved.tokenLifetime).toBe(604_800);
    expect(resolved.random).toBe(Math.random);
  });

  it('reads Date.now() at each call by default, so fake timers installed later still drive it', () => {
    const resolved = resolveMockOptions();
    vi.useFakeTimers({ now: Date.UTC(2030, 0, 1) });
    try {
      expect(resolved.now()).toBe(Date.UTC(2030, 0, 1));
      vi.advanceTimersByTime(1234);
      expect(resolved.now()).toBe(Date.UTC(2030, 0, 1) + 1234);
    } finally {
      vi.useRealTimers();
    }
  });

  it.each<[string, MockServerOptions]>([
    ['interval', { interval: 0 }],
    ['interval', { interval: Number.NaN }],
    ['expiresIn', { expiresIn: -1 }],
    ['tokenLifetime', { tokenLifetime: 1.5 }],
    ['port', { port: 70_000 }],
    ['faultRate', { faultRate: 1.5 }],
    ['faults', { faults: [] }],
    ['faults', { faults: ['explode' as never] }],
    ['autoApproveAfterPolls', { autoApproveAfterPolls: -1 }],
    ['clientId', { clientId: '' }],
    ['publicUrl', { publicUrl: 'ftp://example.com' }],
    ['now', { now: 5 as never }],
    ['maxDeviceCodes', { maxDeviceCodes: 0 }],
    ['maxTokenPairs', { maxTokenPairs: 1.5 }],
    ['generate', { generate: 'counter' as never }],
  ])('rejects a bad %s with a CONFIGURATION error naming it', (name, options) => {
    let thrown: unknown;
    try {
      resolveMockOptions(options);
    } catch (error) {
      thrown = error;
    }
    expect(isDeviceAuthError(thrown, 'CONFIGURATION')).toBe(true);
    expect((thrown as Error).message).toContain(`"${name}"`);
  });

  it('accepts fractional intervals and expiries (a mock-only liberty)', () => {
    expect(resolveMockOptions({ interval: 0.05, expiresIn: 0.5 })).toMatchObject({ interval: 0.05, expiresIn: 0.5 });
  });

  it('rejects startMockServer with bad options before listening', async () => {
    await expect(startMockServer({ faultRate: 2 })).rejects.toMatchObject({ code: 'CONFIGURATION' });
  });
});
