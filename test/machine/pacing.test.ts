import { describe, expect, it } from 'vitest';
import {
  backoffDelayMs,
  isPastDeadline,
  nextPollAfterPending,
  nextPollAfterSlowDown,
  pollDelayMs,
  withIntervalIncreased,
} from '../../src/machines/device-auth.pacing.js';

const pacing = { intervalMs: 5_000, maxBackoffMs: 60_000, slowDownStepMs: 5_000 };

describe('pacing arithmetic', () => {
  it('waits until the next poll, never past the deadline, never negative', () => {
    expect(pollDelayMs({ now: 1_000, nextPollAt: 6_000, expiresAt: 10_000 })).toBe(5_000);
    expect(pollDelayMs({ now: 1_000, nextPollAt: 16_000, expiresAt: 10_000 })).toBe(9_000);
    expect(pollDelayMs({ now: 7_000, nextPollAt: 6_000, expiresAt: 10_000 })).toBe(0);
    expect(pollDelayMs({ now: null, nextPollAt: 6_000, expiresAt: 10_000 })).toBe(0);
  });

  it('is past the deadline when the poll is due at or after it, or the clock passed it', () => {
    expect(isPastDeadline({ now: 1_000, nextPollAt: 9_999, expiresAt: 10_000 })).toBe(false);
    expect(isPastDeadline({ now: 1_000, nextPollAt: 10_000, expiresAt: 10_000 })).toBe(true);
    expect(isPastDeadline({ now: 10_000, nextPollAt: 9_000, expiresAt: 10_000 })).toBe(true);
    expect(isPastDeadline({ now: null, nextPollAt: 9_000, expiresAt: 10_000 })).toBe(false);
    expect(isPastDeadline({ now: 0, nextPollAt: null, expiresAt: 10_000 })).toBe(true);
  });

  it('schedules from the answer, adds the slow-down step, honours Retry-After and server intervals', () => {
    expect(nextPollAfterPending(pacing, 1_000)).toBe(6_000);
    expect(withIntervalIncreased(pacing, undefined).intervalMs).toBe(10_000);
    expect(withIntervalIncreased(pacing, 30).intervalMs).toBe(30_000);
    expect(nextPollAfterSlowDown({ ...pacing, intervalMs: 10_000 }, 2_000, undefined)).toBe(12_000);
    expect(nextPollAfterSlowDown({ ...pacing, intervalMs: 10_000 }, 2_000, 20_000)).toBe(22_000);
    expect(nextPollAfterSlowDown({ ...pacing, intervalMs: 10_000 }, 2_000, 5_000)).toBe(12_000);
  });

  it('backs off exponentially between the interval and the cap', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelayMs(pacing, n))).toEqual([10_000, 20_000, 40_000, 60_000, 60_000]);
    expect(backoffDelayMs({ ...pacing, intervalMs: 90_000 }, 1)).toBe(90_000);
  });
});
