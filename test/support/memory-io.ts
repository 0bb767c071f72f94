/** An in-process CliIo: captured output, a given environment, and a Ctrl-C that tests can press. */
import type { CliIo } from '../../src/cli/io.js';

export function memoryIo(env: Record<string, string | undefined>, extra: Partial<CliIo> = {}) {
  let stdout = '';
  let stderr = '';
  const interrupts = new Set<() => void>();
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env,
    onInterrupt(handler) {
      interrupts.add(handler);
      return () => interrupts.delete(handler);
    },
    ...extra,
  };
  return { io, stdout: () => stdout, stderr: () => stderr, interrupt: () => interrupts.forEach((h) => h()) };
}
