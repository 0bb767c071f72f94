/**
 * The property harnesses can fail: each invariant, fed a deliberately broken machine or
 * service, reports a violation. A property that passes because its checks never fire would
 * prove nothing.
 */
import { describe, expect, it } from 'vitest';
import { fromPromise } from 'xstate';
import { DeviceAuthError } from '../../src/core/errors.js';
import { deviceAuthMachine } from '../../src/machines/device-auth.machine.js';
import type { PollResult, PollTokenInput } from '../../src/machines/device-auth.types.js';
import type { StoreResult, TokenInput } from '../../src/machines/session.types.js';
import type { DeviceAuthServices } from '../../src/services/dialect/create-services.js';
import { runDeviceScenario } from './support/device-harness.js';
import type { DeviceScenario } from './support/device-scenario.js';
import { runSessionScenario } from './support/session-harness.js';

const scenario: DeviceScenario = {
  dialect: 'trakt',
  timeoutMs: 15_000,
  codes: [{ latencyMs: 100, reply: { kind: 'codes', expiresIn: 30, interval: 5 } }],
  polls: [
    { latencyMs: 200, reply: { kind: 'status', status: 400 }, meaning: 'pending' },
    { latencyMs: 200, reply: { kind: 'status', status: 429 }, meaning: 'slowDown' },
  ],
  controls: [],
};

type PollArgs = Parameters<Parameters<typeof fromPromise<PollResult, PollTokenInput>>[0]>[0];
/** The real pollToken's promise creator, to call from a broken wrapper. */
const realPoll = (services: DeviceAuthServices) =>
  (services.actors.pollToken as unknown as { config: (args: PollArgs) => Promise<PollResult> }).config;
const withPoll = (poll: (real: (args: PollArgs) => Promise<PollResult>, args: PollArgs) => Promise<PollResult>) => (services: DeviceAuthServices) => ({
  actors: { ...services.actors, pollToken: fromPromise<PollResult, PollTokenInput>((args) => poll(realPoll(services), args)) },
});

const violations = async (options: Parameters<typeof runDeviceScenario>[1]) => (await runDeviceScenario(scenario, options)).violations;

describe('the device-auth harness notices a broken machine or service', () => {
  it('a clean run has no violation', async () => {
    expect(await violations({})).toEqual([]);
  });

  it('polls faster than the interval', async () => {
    const found = await violations({ machine: deviceAuthMachine.provide({ delays: { pollDelay: 1_000 } }) });
    expect(found.join('\n')).toMatch(/gap \d+ ms < interval in force|ms early/);
  });

  it('two requests in flight', async () => {
    const found = await violations({ wrapServices: withPoll(async (real, args) => (await Promise.all([real(args), real(args)]))[0]!) });
    expect(found.join('\n')).toMatch(/started while 1 other\(s\) in flight/);
  });

  it('a timer left behind', async () => {
    const found = await violations({
      wrapServices: withPoll((real, args) => {
        setTimeout(() => undefined, 10 ** 9);
        return real(args);
      }),
    });
    expect(found.join('\n')).toMatch(/timer\(s\) left after the actor stopped/);
  });

  it('a secret in an emitted event, the redacted snapshot and inspection', async () => {
    const found = await violations({
      wrapServices: withPoll(async (_real, { input }) => ({
        outcome: { type: 'fatal', error: new DeviceAuthError('HTTP_STATUS', `no such code ${input.deviceCode}`) },
        startedAt: Date.now(),
        receivedAt: Date.now(),
      })),
    });
    const text = found.join('\n');
    expect(text).toMatch(/emitted failed holds devicecode/);
    expect(text).toMatch(/redacted persisted snapshot .* holds devicecode/);
    expect(text).toMatch(/redacted inspection event .* holds devicecode/);
  });

  it('polling past the deadline and resting late', async () => {
    const found = await violations({
      // Paced right, but blind to the deadline: it never stops by itself.
      machine: deviceAuthMachine.provide({
        guards: { isPastDeadline: () => false },
        delays: { pollDelay: ({ context }) => Math.max(0, (context.nextPollAt ?? 0) - (context.now ?? 0)) },
      }),
      wrapServices: withPoll((real, args) => real({ ...args, input: { ...args.input, expiresAt: Number.MAX_SAFE_INTEGER } })),
    });
    const text = found.join('\n');
    expect(text).toMatch(/at or after the deadline/);
    expect(text).toMatch(/after the deadline plus one timeout|did not settle/);
  });

  it('an answer the machine takes for something else', async () => {
    const found = await violations({
      wrapServices: withPoll(async (real, args) => ({ ...(await real(args)), outcome: { type: 'pending' } })),
    });
    expect(found.join('\n')).toMatch(/should mean slowDown, the machine answered pending/);
  });
});

describe('the session harness notices a broken service', () => {
  it('a save that reports success without writing: "saved" but the store holds an older pair', async () => {
    const run = await runSessionScenario(
      {
        processes: 1,
        timeoutMs: 15_000,
        lifetimeS: 600,
        agePermille: 0,
        refreshes: [],
        store: { get: [], set: [{ latencyMs: 0, fails: true }], delete: [] },
        revokeFails: [],
        approveAfterPolls: 0,
        controls: [],
      },
      {
        wrapServices: (services) => ({
          actors: { ...services.actors, saveToken: fromPromise<StoreResult, TokenInput>(async () => ({ ok: true, at: Date.now() })) },
        }),
      },
    );
    expect(run.violations.join('\n')).toMatch(/signedIn\.saved with pair 2 but the store holds (nothing|pair 1)/);
  });
});
