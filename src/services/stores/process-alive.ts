/**
 * Whether a process that left a lock or a temporary file behind is still running, so the file
 * store can tell a crashed holder (recover at once) from a busy one (wait). Only meaningful for
 * processes on this host: callers check the host first.
 */

/**
 * True when a process with id `pid` exists on this host (signal 0 checks without sending
 * anything; `EPERM` means it exists but belongs to another user).
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException | null)?.code === 'EPERM';
  }
}
