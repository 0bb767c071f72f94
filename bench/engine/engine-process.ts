/**
 * Benchmark 3's process: the statechart's own CPU per poll cycle without a network.
 * - real timers: N actors of one provided machine at once, memory services answering after a
 *   macrotask, every flow `pendingPolls + 1` polls long; CPU (process.cpuUsage, idle baseline
 *   subtracted) ÷ polls.
 * - simulated clock (the figure the old single-file bench printed): one actor at a time on
 *   XState's SimulatedClock, answers after a microtask; CPU ÷ polls.
 * Prints one JSON line.
 */
import { createActor, SimulatedClock, toPromise } from 'xstate';
import { cpuMicros, idleCpuRate } from '../lib/cpu.js';
import { collectGarbage } from '../lib/gc.js';
import { memoryMachine } from './memory-services.js';

/** The one JSON line. */
export interface EngineResult {
  readonly actors: number;
  readonly pollsPerFlow: number;
  readonly intervalMs: number;
  readonly realTimers: { readonly cpuPerPollMicros: number; readonly wallMs: number; readonly latePollMs: number };
  readonly simulatedClock: { readonly cpuPerPollMicros: number; readonly wallPerPollMicros: number; readonly flows: number };
}

const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

async function realTimers(actors: number, pollsPerFlow: number, intervalMs: number) {
  const machine = memoryMachine({ intervalSeconds: intervalMs / 1000, pendingPolls: pollsPerFlow - 1, now: Date.now, defer: macrotask });
  const run = async () => Promise.all(Array.from({ length: actors }, () => {
    const actor = createActor(machine).start();
    actor.send({ type: 'start' });
    return toPromise(actor);
  }));
  await run(); // warm-up
  collectGarbage();
  const idleRate = await idleCpuRate();
  const cpuStart = cpuMicros();
  const started = performance.now();
  await run();
  const wallMs = performance.now() - started;
  const cpu = cpuMicros() - cpuStart - idleRate * wallMs;
  // The flows could take pollsPerFlow intervals at best; how much later they ended, per poll.
  return { cpuPerPollMicros: cpu / (actors * pollsPerFlow), wallMs, latePollMs: (wallMs - pollsPerFlow * intervalMs) / pollsPerFlow };
}

async function simulatedClock(flows: number, pollsPerFlow: number) {
  let clock = new SimulatedClock();
  // Provided once, like the real-timer run; each flow gets a fresh clock.
  const machine = memoryMachine({ intervalSeconds: 5, pendingPolls: pollsPerFlow - 1, now: () => clock.now(), defer: () => Promise.resolve() });
  const flow = async () => {
    clock = new SimulatedClock();
    const actor = createActor(machine, { clock }).start();
    actor.send({ type: 'start' });
    while (actor.getSnapshot().status !== 'done') {
      await macrotask();
      clock.increment(5_000);
    }
  };
  for (let i = 0; i < 20; i++) await flow(); // warm-up
  collectGarbage();
  const cpuStart = cpuMicros();
  const started = performance.now();
  for (let i = 0; i < flows; i++) await flow();
  const wallMs = performance.now() - started;
  const polls = flows * pollsPerFlow;
  return { cpuPerPollMicros: (cpuMicros() - cpuStart) / polls, wallPerPollMicros: (wallMs * 1000) / polls, flows };
}

const [actors = 500, pollsPerFlow = 10, intervalMs = 100] = process.argv.slice(2).map(Number);
const result: EngineResult = {
  actors,
  pollsPerFlow,
  intervalMs,
  realTimers: await realTimers(actors, pollsPerFlow, intervalMs),
  simulatedClock: await simulatedClock(100, pollsPerFlow),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
