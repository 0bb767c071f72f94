/**
 * A lock holder counts as gone only when the system says so (ESRCH): a runtime that may not
 * signal processes (Deno without --allow-run throws NotCapable) must not break a live holder's lock.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isProcessAlive } from '../../src/services/stores/process-alive.js';

function killThrowing(code: string | undefined): void {
  vi.spyOn(process, 'kill').mockImplementation(() => {
    throw Object.assign(new Error('refused'), code === undefined ? {} : { code });
  });
}

describe('isProcessAlive', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('knows this process is alive and refuses ids that cannot be processes', () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    for (const pid of [0, -1, 1.5, Number.NaN]) expect(isProcessAlive(pid)).toBe(false);
  });

  it('takes only ESRCH as proof that the process is gone', () => {
    killThrowing('ESRCH');
    expect(isProcessAlive(4242)).toBe(false);
  });

  it('takes another user (EPERM) or a runtime that may not ask (NotCapable, no code) as alive', () => {
    for (const code of ['EPERM', 'NotCapable', undefined]) {
      killThrowing(code);
      expect(isProcessAlive(4242), String(code)).toBe(true);
      vi.restoreAllMocks();
    }
  });
});
