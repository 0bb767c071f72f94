/**
 * A small hand-made trace of a device flow whose data tries to become markup and code (a
 * `</script>`, an `<img onerror>`, a line separator) and carries a secret-named value left in by
 * hand: what a replay must show as text, never run, and redact once more.
 */
import { LIBRARY_VERSION } from '../../../src/core/version.js';
import type { DeviceAuthTrace } from '../../../src/record/trace.types.js';

/** The trace, recorded (it says) by `packageVersion`. */
export function hostileTrace(packageVersion = LIBRARY_VERSION): DeviceAuthTrace {
  const hostile = '</script><script>window.pwned=1</script><!-- <img src=x onerror="window.pwned=2"> \u2028';
  return {
    format: 'device-auth-trace',
    version: 1,
    packageVersion,
    machineId: 'deviceAuth',
    startedAt: 1_700_000_000_000,
    endedAt: 1_700_000_001_000,
    droppedSteps: 0,
    steps: [
      { type: '@xstate.actor', seq: 1, time: 1_700_000_000_000, sessionId: 'x:0', actorId: 'x:0', parentId: null, rootId: 'x:0', machineId: 'deviceAuth' },
      { type: '@xstate.event', seq: 2, time: 1_700_000_000_000, sessionId: 'x:0', sourceId: null, rootId: 'x:0', event: { type: 'start', note: hostile } },
      {
        type: '@xstate.snapshot',
        seq: 3,
        time: 1_700_000_000_500,
        sessionId: 'x:0',
        rootId: 'x:0',
        eventType: 'start',
        snapshot: { status: 'active', value: 'requesting', context: { note: hostile, access_token: 'left-in-by-hand-0123456789' } },
        stateIds: ['deviceAuth.requesting'],
      },
    ],
  };
}

