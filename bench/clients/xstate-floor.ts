/**
 * The XState floor: the bare loop's device flow (no validation, no pacing rules, no error
 * handling) written as the smallest XState v5 machine that does it: request the codes, wait one
 * interval, poll, repeat. Used the way the library's actor path is (`createActor` on one machine,
 * `on('codes')`, `toPromise`), it shows what the statechart engine costs by itself, so the gap
 * between it and this library is what the library adds. Run by bench/run.ts as its own process.
 */
import { assign, createActor, emit, fromPromise, setup, toPromise } from 'xstate';
import type { BenchClient, Target } from './client-types.js';
import { deviceCodeRequest, isPending, tokenRequest, type DeviceCodeAnswer } from './bare-requests.js';
import { runClient } from './harness.js';

/** The machine for `target`, built once, as an app provides its services once. */
function floorMachine(target: Target) {
  return setup({
    types: {
      context: {} as { codes: DeviceCodeAnswer | null },
      emitted: {} as { type: 'codes'; userCode: string },
    },
    actors: {
      requestCodes: fromPromise<DeviceCodeAnswer>(async () => {
        const response = await target.fetch(...deviceCodeRequest(target));
        if (!response.ok) throw new Error(`device code: ${response.status}`);
        return (await response.json()) as DeviceCodeAnswer;
      }),
      poll: fromPromise<boolean, string>(async ({ input: deviceCode }) => {
        const response = await target.fetch(...tokenRequest(target, deviceCode));
        if (response.ok) {
          await response.json();
          return true;
        }
        if (await isPending(response)) return false;
        throw new Error(`token poll: ${response.status}`);
      }),
    },
    delays: { interval: ({ context }) => context.codes!.interval * 1000 },
  }).createMachine({
    context: { codes: null },
    initial: 'requesting',
    states: {
      requesting: {
        invoke: {
          src: 'requestCodes',
          onDone: {
            target: 'waiting',
            actions: [assign({ codes: ({ event }) => event.output }), emit(({ event }) => ({ type: 'codes' as const, userCode: event.output.user_code }))],
          },
        },
      },
      waiting: { after: { interval: 'polling' } },
      polling: {
        invoke: {
          src: 'poll',
          input: ({ context }) => context.codes!.device_code,
          onDone: [{ guard: ({ event }) => event.output, target: 'authorized' }, { target: 'waiting' }],
        },
      },
      authorized: { type: 'final' },
    },
  });
}

const xstateFloor: BenchClient = {
  name: 'XState floor',
  modes: ['trakt', 'rfc8628'],
  setUp(target) {
    const machine = floorMachine(target);
    return async (onUserCode) => {
      const actor = createActor(machine);
      actor.on('codes', (event) => onUserCode(event.userCode));
      actor.start();
      await toPromise(actor);
    };
  },
};

await runClient(xstateFloor);
