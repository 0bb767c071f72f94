/** The parent's side of the mock process: spawn it, start servers in it, read their counters. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '../lib/node-child.js';
import type { MockAnswer, MockRequest, ServerAddress, ServerSpec, ServerStats } from './protocol.js';

/** A running mock process. */
export interface MockHost {
  start(spec: ServerSpec): Promise<ServerAddress>;
  reset(id: number): Promise<void>;
  stats(id: number): Promise<ServerStats>;
  close(): void;
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type Distribute<T> = T extends unknown ? Omit<T, 'seq'> : never;

/** Forks `mock-process.ts` (through tsx) and talks to it over IPC. */
export function startMockHost(): MockHost {
  const script = fileURLToPath(new URL('./mock-process.ts', import.meta.url));
  const child: ChildProcess = fork(script, [], { cwd: REPO_ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, Pending>();
  let seq = 0;
  child.on('message', (message: MockAnswer) => {
    const waiting = pending.get(message.seq);
    pending.delete(message.seq);
    if (message.ok) waiting?.resolve(message.value);
    else waiting?.reject(new Error(`mock process: ${message.error}`));
  });
  child.on('exit', (code) => {
    for (const waiting of pending.values()) waiting.reject(new Error(`mock process exited ${code}`));
    pending.clear();
  });
  const ask = <T>(request: Distribute<MockRequest>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      seq += 1;
      pending.set(seq, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ ...request, seq });
    });
  return {
    start: (spec) => ask<ServerAddress>({ type: 'start', spec }),
    reset: (id) => ask<void>({ type: 'reset', id }),
    stats: (id) => ask<ServerStats>({ type: 'stats', id }),
    close: () => child.disconnect(),
  };
}
