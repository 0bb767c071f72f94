/**
 * Services that answer from memory instead of the network, for the engine benchmark: codes at
 * once, each poll "pending" until the n-th, then a token. They behave like the HTTP services of
 * src/services/dialect/create-services.ts towards the machine (the poll reports `pollStarted`).
 */
import { fromPromise } from 'xstate';
import type { DeviceCodeResult, PollResult, PollTokenInput } from '../../src/index.js';
import { makeToken } from '../../src/core/token.js';
import { library } from '../clients/library.js';

const TOKEN = makeToken({ accessToken: 'a'.repeat(64), refreshToken: 'r'.repeat(64), tokenType: 'bearer', scope: 'public', createdAt: 1, expiresIn: 604_800 });

/** How the memory services answer. */
export interface MemoryServiceOptions {
  /** Seconds between polls, as the "server" hands out. */
  readonly intervalSeconds: number;
  /** Polls answered "pending" before the token. */
  readonly pendingPolls: number;
  /** The clock (ms since the epoch). */
  readonly now: () => number;
  /** How an answer is deferred: a macrotask on real timers, a resolved promise on a simulated clock. */
  readonly defer: () => Promise<void>;
}

/** The device-auth machine provided once with memory services; each flow gets its own device code, its polls counted by it. */
export function memoryMachine(options: MemoryServiceOptions) {
  let issued = 0;
  const polls = new Map<string, number>();
  return library.deviceAuthMachine.provide({
    actors: {
      requestDeviceCode: fromPromise<DeviceCodeResult>(async () => {
        const startedAt = options.now();
        await options.defer();
        issued += 1;
        return {
          codes: { deviceCode: `dc-${issued}`, userCode: 'ABCD2345', verificationUrl: 'http://127.0.0.1/activate', expiresIn: 1800, interval: options.intervalSeconds },
          startedAt,
          receivedAt: options.now(),
        };
      }),
      pollToken: fromPromise<PollResult, PollTokenInput>(async ({ input, self }) => {
        const startedAt = options.now();
        self._parent?.send({ type: 'pollStarted', at: startedAt });
        await options.defer();
        const attempt = (polls.get(input.deviceCode) ?? 0) + 1;
        polls.set(input.deviceCode, attempt);
        const outcome = attempt > options.pendingPolls ? ({ type: 'authorized', token: TOKEN } as const) : ({ type: 'pending' } as const);
        return { outcome, startedAt, receivedAt: options.now() };
      }),
    },
  });
}
