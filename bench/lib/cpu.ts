/** CPU time of this process, in microseconds (user + system). */
import { sleep } from './clock.js';

/** User + system CPU time this process has used so far, in µs. */
export function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/**
 * CPU this process burns while doing nothing (the runtime's own timers and threads), in µs per ms
 * of wall time: the idle baseline subtracted from a measured window. Waits `settleMs` first (a
 * collector's helper threads sweeping after a forced gc), then reads `windows` windows of
 * `windowMs` and keeps the quietest, so a burst of other work is not taken for idling.
 */
export async function idleCpuRate(settleMs = 300, windows = 5, windowMs = 100): Promise<number> {
  await sleep(settleMs);
  let quietest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < windows; i++) {
    const start = cpuMicros();
    const started = performance.now();
    await sleep(windowMs);
    quietest = Math.min(quietest, (cpuMicros() - start) / (performance.now() - started));
  }
  return quietest;
}
