/**
 * Whether a process that left a lock or a temporary file behind is still running, so the file
 * store can tell a crashed holder (recover at once) from a busy one (wait). Only meaningful for
 * processes on this host: callers check the host first.
 */

/**
 * True when a process with id `pid` may exist on this host (signal 0 checks without sending
 * anything). Only `ESRCH` proves the process is gone: `EPERM` means it belongs to another user,
 * and a runtime that may not signal at all (Deno without `--allow-run` throws `NotCapable`) cannot
 * tell, so the holder is taken as alive and its lock ends only by age.
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: unknown } | null)?.code !== 'ESRCH';
  }
}
