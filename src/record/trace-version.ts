/**
 * A trace names the package version that recorded it. Replayed by another version, the diagram
 * and the state names are this version's, so a state that was renamed or added since may not be
 * highlighted: the replay says so, naming both versions.
 */
import { LIBRARY_VERSION } from '../core/version.js';
import type { DeviceAuthTrace } from './trace.types.js';

/**
 * A warning naming both versions when `trace` was recorded by another version of
 * device-auth-machine than this one; `undefined` when the versions are the same.
 *
 * @param trace - A trace from `parseTrace`.
 * @param current - The version replaying it. Default: this package's `LIBRARY_VERSION`.
 */
export function traceVersionWarning(trace: Pick<DeviceAuthTrace, 'packageVersion'>, current: string = LIBRARY_VERSION): string | undefined {
  if (trace.packageVersion === current) return undefined;
  return (
    `This trace was recorded by device-auth-machine ${trace.packageVersion} and is replayed by ${current}: ` +
    'the diagram is this version\'s, so states that changed in between may not be highlighted.'
  );
}
