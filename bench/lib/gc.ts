/** Forced garbage collection for heap readings (`node --expose-gc`). */

/**
 * Runs a full collection a few times so `heapUsed` settles.
 * @throws Error when the process was not started with `--expose-gc` (heap figures would be noise).
 */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('bench: run with node --expose-gc (npm run bench does)');
  for (let i = 0; i < 3; i++) gc();
}

/** `heapUsed` in bytes after a full collection. */
export function settledHeapUsed(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}
