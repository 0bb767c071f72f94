/**
 * `npm run bench`: what the statechart costs, in figures and ratios.
 *
 * 1. Machine cost per poll: complete flows in XState's SimulatedClock with instant services.
 * 2. One real poll over loopback HTTP against the embedded server, for scale.
 * 3. Memory per actor waiting for a person.
 * 4. redact() per inspection-sized message, against a bare JSON.stringify.
 *
 * Prints figures; asserts nothing (targets belong here, not in timed unit tests).
 */
import { performance } from 'node:perf_hooks';
import { createActor, fromPromise, SimulatedClock } from 'xstate';
import { deviceAuthMachine } from '../src/machines/device-auth.machine.js';
import type { DeviceCodeResult, PollResult, PollTokenInput } from '../src/machines/device-auth.types.js';
import { startMockServer } from '../src/mock/index.js';
import { redact } from '../src/redact/redact.js';
import { makeToken } from '../src/core/token.js';
import { createTraktServices } from '../src/services/trakt/trakt-services.js';

const token = makeToken({ accessToken: 'a'.repeat(64), refreshToken: 'r'.repeat(64), tokenType: 'bearer', scope: 'public', createdAt: 1, expiresIn: 604800 });

function instantServices(clock: SimulatedClock, pollsBeforeApproval: number) {
  let polls = 0;
  return deviceAuthMachine.provide({
    actors: {
      requestDeviceCode: fromPromise<DeviceCodeResult>(async () => ({
        codes: { deviceCode: 'dc', userCode: 'ABCD2345', verificationUrl: 'https://trakt.tv/activate', expiresIn: 600, interval: 5 },
        receivedAt: clock.now(),
      })),
      pollToken: fromPromise<PollResult, PollTokenInput>(async () => {
        polls += 1;
        const at = clock.now();
        return { outcome: polls > pollsBeforeApproval ? { type: 'authorized', token } : { type: 'pending' }, startedAt: at, receivedAt: at };
      }),
    },
  });
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

async function machineCostPerPoll(flows: number, pollsPerFlow: number): Promise<number> {
  const started = performance.now();
  for (let flow = 0; flow < flows; flow++) {
    const clock = new SimulatedClock();
    const actor = createActor(instantServices(clock, pollsPerFlow - 1), { clock }).start();
    actor.send({ type: 'start' });
    while (actor.getSnapshot().status !== 'done') {
      await tick();
      clock.increment(5_000);
    }
  }
  return ((performance.now() - started) * 1000) / (flows * pollsPerFlow);
}

async function httpCostPerPoll(polls: number): Promise<number> {
  const server = await startMockServer({ interval: 0.001 });
  try {
    const services = createTraktServices({ clientId: 'mock-client-id', clientSecret: 'mock-client-secret', baseUrl: server.url });
    const started = performance.now();
    for (let i = 0; i < polls; i++) {
      const actor = createActor(services.actors.pollToken, { input: { deviceCode: 'unknown-code', expiresAt: Number.MAX_SAFE_INTEGER } }).start();
      await new Promise<void>((resolve) => actor.subscribe({ complete: resolve }));
    }
    return ((performance.now() - started) * 1000) / polls;
  } finally {
    await server.close();
  }
}

async function bytesPerWaitingActor(count: number): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const clock = new SimulatedClock();
  const actors = Array.from({ length: count }, () => createActor(instantServices(clock, 1_000), { clock }).start());
  for (const actor of actors) actor.send({ type: 'start' });
  await tick();
  gc?.();
  const after = process.memoryUsage().heapUsed;
  const waiting = actors.filter((a) => a.getSnapshot().matches({ awaitingUser: 'waiting' })).length;
  for (const actor of actors) actor.stop();
  if (waiting !== count) throw new Error(`only ${waiting}/${count} actors were waiting`);
  return (after - before) / count;
}

function redactCost(iterations: number): { redactUs: number; stringifyUs: number } {
  const message = {
    type: '@xstate.snapshot',
    sessionId: 'x:1',
    event: { type: 'xstate.done.actor.pollToken', output: { outcome: { type: 'authorized', token }, startedAt: 1, receivedAt: 2 } },
    snapshot: { value: { awaitingUser: 'polling' }, context: { codes: { deviceCode: 'dc-secret', userCode: 'ABCD2345' }, token, attempt: 3 } },
  };
  let started = performance.now();
  for (let i = 0; i < iterations; i++) JSON.stringify(redact(message, { secrets: ['mock-client-secret'] }));
  const redactUs = ((performance.now() - started) * 1000) / iterations;
  started = performance.now();
  for (let i = 0; i < iterations; i++) JSON.stringify(message);
  const stringifyUs = ((performance.now() - started) * 1000) / iterations;
  return { redactUs, stringifyUs };
}

const fmt = (n: number, digits = 1) => n.toFixed(digits).padStart(10);

await machineCostPerPoll(20, 20); // warm up
const machineUs = await machineCostPerPoll(300, 20);
const httpUs = await httpCostPerPoll(300);
const bytes = await bytesPerWaitingActor(1_000);
const { redactUs, stringifyUs } = redactCost(20_000);

console.log('device-auth-machine benchmarks (Node', process.version, ')');
console.log(`machine cost per poll (simulated clock)   ${fmt(machineUs)} µs`);
console.log(`one poll over loopback HTTP (mock server) ${fmt(httpUs)} µs`);
console.log(`  ratio machine / HTTP round trip         ${fmt((machineUs / httpUs) * 100, 2)} %`);
console.log(`  ratio machine / 5 s Trakt interval      ${fmt((machineUs / 5_000_000) * 100, 6)} %`);
console.log(`heap per actor awaiting the person        ${fmt(bytes / 1024)} KiB${(globalThis as { gc?: unknown }).gc ? '' : ' (run with --expose-gc for a steadier figure)'}`);
console.log(`redact() per inspection message           ${fmt(redactUs, 2)} µs`);
console.log(`  ratio redact / bare JSON.stringify      ${fmt(redactUs / stringifyUs, 2)} ×`);
