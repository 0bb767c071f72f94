/** Benchmark 3, engine cost without the network: runs bench/engine/engine-process.ts in a fresh process. */
import type { EngineResult } from './engine/engine-process.js';
import { runNodeScript } from './lib/node-child.js';
import type { BenchOptions } from './lib/options.js';

/** Interval of the real-timer run: short, so 10 polls take a second, long enough for 500 actors' work between ticks. */
export const ENGINE_INTERVAL_MS = 100;

/** Runs benchmark 3. */
export function runEngineCost(options: BenchOptions): Promise<EngineResult> {
  return runNodeScript<EngineResult>('bench/engine/engine-process.ts', [String(options.engineActors), String(options.enginePolls), String(ENGINE_INTERVAL_MS)]);
}
