/** CPU time of this process, in microseconds (user + system). */
import { sleep } from './clock.js';

/** User + system CPU time this process has used so far, in µs. */
export function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/**
 * CPU this process burns while doing nothing for `ms` (timers of the runtime, a collector
 * finishing), in µs per ms of wall time: the idle baseline subtracted from a measured window.
 */
export async function idleCpuRate(ms = 300): Promise<number> {
  const start = cpuMicros();
  const started = performance.now();
  await sleep(ms);
  return (cpuMicros() - start) / (performance.now() - started);
}
