import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeviceAuthError } from '../../src/core/errors.js';
import { runUntilSettled } from '../support/run-machine.js';
import { authorized, networkError, pending, pollGaps, scriptedServices } from '../support/scripted-services.js';

describe('transient failures back off exponentially (RFC 8628 §3.5)', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('doubles after each failure and resets after a good answer', async () => {
    const services = scriptedServices({
      polls: [networkError(), networkError(), networkError(), pending, networkError(), pending, authorized],
    });
    const { events, snapshot } = await runUntilSettled(services);
    expect(snapshot.status).toBe('done');
    expect(pollGaps(services.requests)).toEqual([10_000, 20_000, 40_000, 5_000, 10_000, 5_000]);
    expect(events.filter((e) => e.type === 'retry').map((e) => [e.attempt, e.delayMs, e.reason])).toEqual([
      [1, 10_000, 'NETWORK'],
      [2, 20_000, 'NETWORK'],
      [3, 40_000, 'NETWORK'],
      [1, 10_000, 'NETWORK'],
    ]);
  });

  it('caps the backoff and honours a Retry-After on 5xx', async () => {
    const serverError = new DeviceAuthError('HTTP_STATUS', 'HTTP 503', { status: 503 });
    const services = scriptedServices({
      polls: [
        networkError(),
        networkError(),
        networkError(),
        networkError(),
        { type: 'transient', error: serverError, retryAfterMs: 90_000 },
        authorized,
      ],
    });
    await runUntilSettled(services, { maxBackoffMs: 30_000 });
    expect(pollGaps(services.requests)).toEqual([10_000, 20_000, 30_000, 30_000, 90_000]);
  });

  it('a timeout counts as a transient failure, measured from the answer', async () => {
    const timeout = new DeviceAuthError('TIMEOUT', 'no answer within 15000 ms');
    const services = scriptedServices({
      polls: [{ outcome: { type: 'transient', error: timeout }, latencyMs: 15_000 }, authorized],
    });
    const { events } = await runUntilSettled(services);
    expect(pollGaps(services.requests)).toEqual([25_000]);
    expect(events.find((e) => e.type === 'retry')).toMatchObject({ reason: 'TIMEOUT', delayMs: 10_000 });
  });
});
