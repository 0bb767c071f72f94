/**
 * Counterexamples the properties found, shrunk and kept as plain tests: each replays one
 * sequence of server answers and app actions in simulated time and expects every invariant to
 * hold. Open defects (support/open-defects.ts) fail here until they are fixed; the others pin
 * behaviour another change fixed, so that it stays fixed.
 */
import { describe, expect, it } from 'vitest';
import { describeDeviceRun, runDeviceScenario } from './support/device-harness.js';
import type { DeviceScenario } from './support/device-scenario.js';
import { describeSessionRun, runSessionScenario } from './support/session-harness.js';
import type { SessionScenario } from './support/session-scenario.js';

const T0 = Date.UTC(2025, 0, 1);

async function deviceRun(scenario: DeviceScenario) {
  const run = await runDeviceScenario(scenario);
  return { run, detail: describeDeviceRun(run) };
}

async function sessionRun(scenario: SessionScenario) {
  const run = await runSessionScenario(scenario);
  return { run, detail: describeSessionRun(run) };
}

const noStoreTrouble: SessionScenario['store'] = { get: [], set: [], delete: [] };

describe('open defects (fail until fixed; see support/open-defects.ts)', () => {
  it('[resume-gap] a poll that started late (the device slept) and was lost in flight: the resumed flow still waits one interval after it', async () => {
    // Codes live 30 s, interval 5 s. Poll 1 at 5 s (pending). The device sleeps 2 s at 6 s, so
    // poll 2, due at 10 s, starts at 12 s and takes 3 s. The app persists at 13 s, while poll 2
    // is in flight, and resumes at once. prepareDeviceAuthSnapshot assumes the lost poll started
    // at nextPollAt (10 s) and schedules the next one for 15 s: 3 s after poll 2, not 5 s.
    const { run, detail } = await deviceRun({
      dialect: 'trakt',
      timeoutMs: 15_000,
      codes: [{ latencyMs: 0, reply: { kind: 'codes', expiresIn: 30, interval: 5 } }],
      polls: [
        { latencyMs: 0, reply: { kind: 'status', status: 400 }, meaning: 'pending' },
        { latencyMs: 3_000, reply: { kind: 'status', status: 400 }, meaning: 'pending' },
      ],
      controls: [
        { at: 6_000, type: 'sleep', ms: 2_000, resume: false },
        { at: 13_000, type: 'persist', downMs: 0 },
      ],
    });
    const polls = run.requests.filter((r) => r.kind === 'poll').map((r) => r.startedAt - T0);
    expect(polls.slice(0, 2), detail).toEqual([5_000, 12_000]);
    expect(polls[2]! - polls[1]!, detail).toBeGreaterThanOrEqual(5_000);
    expect(run.violations, detail).toEqual([]);
  });

  it('[resume-gap] as found by fast-check (RFC 8628): a 0 ms re-arm fires 1 ms late, the resumed poll comes 999 ms after the lost one', async () => {
    // Interval 1 s. Poll 2 answers exactly when poll 3 is due; the timer re-armed with 0 ms fires
    // 1 ms later (as Node's does), so poll 3 starts at 2001. Persisted while it is in flight,
    // the resumed flow polls at 3000.
    const pending = { kind: 'status', status: 400, body: { json: { error: 'authorization_pending' } } } as const;
    const { run, detail } = await deviceRun({
      dialect: 'rfc8628',
      timeoutMs: 15_000,
      codes: [{ latencyMs: 0, reply: { kind: 'codes', interval: 1, expiresIn: 12 } }],
      polls: [
        { latencyMs: 1_000, reply: pending, meaning: 'pending' },
        { latencyMs: 100, reply: pending, meaning: 'pending' },
      ],
      controls: [{ at: 2_050, type: 'persist', downMs: 0 }],
    });
    expect(run.violations, detail).toEqual([]);
  });

  it('[echo:client-secret] Trakt: a device-code error that echoes the client secret does not put it in the failed event', async () => {
    const { run, detail } = await deviceRun({
      dialect: 'trakt',
      timeoutMs: 15_000,
      codes: [
        {
          latencyMs: 0,
          reply: { kind: 'status', status: 400, body: { json: { error: 'invalid_client', error_description: 'you sent $REQUEST with $CLIENT_SECRET' } } },
        },
      ],
      polls: [],
      controls: [],
    });
    expect(run.events.find((e) => e.type === 'failed'), detail).toBeDefined();
    expect(run.violations, detail).toEqual([]);
  });

  for (const dialect of ['trakt', 'rfc8628'] as const) {
    it(`[echo:other-device-code] ${dialect}: after cancel and restart, a code-request error echoing the cancelled (still live) device code does not quote it`, async () => {
      const { run, detail } = await deviceRun({
        dialect,
        timeoutMs: 15_000,
        codes: [
          { latencyMs: 0, reply: { kind: 'codes', interval: 1, expiresIn: 60 } },
          {
            latencyMs: 0,
            reply: { kind: 'status', status: 400, body: { json: { error: 'invalid_request', error_description: 'the last code was $LAST_DEVICE_CODE' } } },
          },
        ],
        polls: [],
        controls: [
          { at: 1_500, type: 'cancel' },
          { at: 1_600, type: 'restart' },
        ],
      });
      expect(run.events.map((e) => e.type), detail).toEqual(['codes', 'poll', 'pending', 'cancelled', 'failed']);
      expect(run.violations, detail).toEqual([]);
    });
  }

  for (const dialect of ['trakt', 'rfc8628'] as const) {
    it(`[echo:other-device-code] as found by fast-check (${dialect}): persisted and resumed before any poll, then cancel and restart; the error echoing the first device code does not quote it`, async () => {
      // The resumed flow's services never handed out the first device code (no poll carried it):
      // resumeDeviceAuth tells them the snapshot's code, so the code-request error is scrubbed.
      const { run, detail } = await deviceRun({
        dialect,
        timeoutMs: 15_000,
        codes: [
          { latencyMs: 0, reply: { kind: 'codes', interval: 1, expiresIn: 1 } },
          {
            latencyMs: 0,
            reply: { kind: 'status', status: 400, body: { json: { error: 'invalid_request', error_description: 'the last code was $LAST_DEVICE_CODE' } } },
          },
          { latencyMs: 0, reply: { kind: 'codes', expiresIn: 5 } },
        ],
        polls: [],
        controls: [
          { at: 0, type: 'persist', downMs: 0 },
          { at: 0, type: 'cancel' },
          { at: 0, type: 'restart' },
        ],
      });
      expect(run.events.map((e) => e.type), detail).toContain('failed');
      expect(run.violations, detail).toEqual([]);
    });
  }

  it('[adopt-stale] as found by fast-check: a sign-out whose clear failed left the revoked pair 1 in the store; the next sign-in\'s pair 2 is replaced by it', async () => {
    // Sign out at 0 s: the revoke works, the clear fails (the store keeps pair 1, revoked). Sign
    // in at 3 s: pair 2, whose first save fails. A forced refresh at 4.5 s re-reads the store,
    // finds pair 1 ("a pair that differs") and adopts it instead of refreshing pair 2. At 300 s
    // the session refreshes pair 1: invalid_grant, the person is signed out, pair 2 is lost.
    const { run, detail } = await sessionRun({
      processes: 1,
      timeoutMs: 15_000,
      lifetimeS: 600,
      agePermille: 0,
      refreshes: [],
      store: { get: [], set: [{ latencyMs: 0, fails: true }], delete: [{ latencyMs: 2_000, fails: true }] },
      revokeFails: [],
      approveAfterPolls: 0,
      controls: [
        { at: 0, process: 0, type: 'signOut' },
        { at: 3_000, process: 0, type: 'signIn' },
        { at: 4_500, process: 0, type: 'refresh' },
      ],
    });
    expect(run.events.filter((e) => e.type === 'sessionEnded'), detail).toEqual([]);
    expect(run.violations, detail).toEqual([]);
  });

  it('[adopt-stale] the store was unreadable at start: the fresh sign-in\'s pair is silently swapped for the old stored one', async () => {
    // The first read fails (signedOut, storeUnreadable; pair 1 stays in the store, live). Sign in
    // at 1 s: pair 2, whose save fails. A refresh at 4.5 s reads the store (now readable), finds
    // pair 1 and adopts it: the session goes on with the earlier sign-in (another account,
    // maybe), and pair 2 stays live on the server, held by nobody.
    const { run, detail } = await sessionRun({
      processes: 1,
      timeoutMs: 15_000,
      lifetimeS: 600,
      agePermille: 0,
      refreshes: [],
      store: { get: [{ latencyMs: 0, fails: true }], set: [{ latencyMs: 0, fails: true }], delete: [] },
      revokeFails: [],
      approveAfterPolls: 0,
      controls: [
        { at: 1_000, process: 0, type: 'signIn' },
        { at: 4_500, process: 0, type: 'refresh' },
      ],
    });
    expect(run.violations, detail).toEqual([]);
  });

  it('[revocation] sign-out while the refresh writes the new pair revokes that pair, not only the rotated one', async () => {
    // Tokens live 600 s: the refresh is due at 300 s. It gets pair 2 at once; writing it takes
    // 1 s. The person signs out at 300.5 s. The session revokes pair 1 (already dead: rotated),
    // reports { revoked: true }, and pair 2 stays live on the server, held by nobody.
    const { run, detail } = await sessionRun({
      processes: 1,
      timeoutMs: 15_000,
      lifetimeS: 600,
      agePermille: 0,
      refreshes: [],
      store: { get: [], set: [{ latencyMs: 1_000, fails: false }], delete: [] },
      revokeFails: [],
      approveAfterPolls: 0,
      controls: [{ at: 300_500, process: 0, type: 'signOut' }],
    });
    expect(run.events.find((e) => e.type === 'signedOut')?.detail, detail).toBe('{"reason":"signOut","cleared":true}');
    expect(run.world.pairs.filter((pair) => pair.refreshLive).map((pair) => pair.serial), detail).toEqual([]);
    expect(run.violations, detail).toEqual([]);
  });


describe('known defects fixed by other changes (keep them fixed)', () => {
  it('refresh race across processes (fixed by TokenStore.withLock): two processes due together, the loser adopts the winner\'s pair instead of signing out', async () => {
    // Both hold pair 1, due at 300 s (the app also sends process 0 a `resume` then). One refresh
    // gets pair 2 and writes it (1 ms); the other gets invalid_grant, re-reads the store before
    // that write lands, and ends its session.
    const { run, detail } = await sessionRun({
      processes: 2,
      timeoutMs: 15_000,
      lifetimeS: 600,
      agePermille: 0,
      refreshes: [],
      store: { get: [], set: [{ latencyMs: 1, fails: false }], delete: [] },
      revokeFails: [],
      approveAfterPolls: 0,
      controls: [{ at: 300_000, process: 0, type: 'resume' }],
    });
    expect(run.events.filter((e) => e.type === 'sessionEnded'), detail).toEqual([]);
    expect(run.violations, detail).toEqual([]);
  });
});

  for (const status of [307, 308] as const) {
    it(`redirects are never followed: a ${status} on a poll sends nothing to the other origin and ends the flow`, async () => {
      const { run, detail } = await deviceRun({
        dialect: 'trakt',
        timeoutMs: 15_000,
        codes: [{ latencyMs: 0, reply: { kind: 'codes', interval: 1, expiresIn: 30 } }],
        polls: [{ latencyMs: 0, reply: { kind: 'redirect', status }, meaning: 'ends' }],
        controls: [],
      });
      expect(run.requests.filter((r) => r.kind === 'elsewhere'), detail).toEqual([]);
      expect(run.events.at(-1)?.error, detail).toMatch(/^REDIRECT:/);
      expect(run.violations, detail).toEqual([]);
    });
  }

  it('an interval below the floor (0) is raised to 1 s: no busy loop', async () => {
    const { run, detail } = await deviceRun({
      dialect: 'rfc8628',
      timeoutMs: 15_000,
      codes: [{ latencyMs: 0, reply: { kind: 'codes', interval: 0, expiresIn: 5 } }],
      polls: [],
      controls: [],
    });
    const starts = run.requests.filter((r) => r.kind === 'poll').map((r) => r.startedAt - T0);
    expect(starts, detail).toEqual([1_000, 2_000, 3_000, 4_000]);
    expect(run.violations, detail).toEqual([]);
  });

  it('an absurd Retry-After on a refresh (10^12 s) is clamped: the refresh is retried within the hour', async () => {
    const { run, detail } = await sessionRun({
      processes: 1,
      timeoutMs: 15_000,
      lifetimeS: 86_400,
      agePermille: 500,
      refreshes: [{ latencyMs: 0, reply: 'rateLimited', retryAfter: '999999999999' }],
      store: noStoreTrouble,
      revokeFails: [],
      approveAfterPolls: 0,
      controls: [],
    });
    const refreshes = run.world.refreshes.map((r) => r.startedAt - T0);
    expect(refreshes.slice(0, 2), detail).toEqual([0, 3_600_000]);
    expect(run.violations, detail).toEqual([]);
  });
});
