/**
 * The error for a trace that cannot be read: a {@link DeviceAuthError} whose message names what
 * is wrong (the JSON is cut short, a field is missing or has the wrong type, the format version is
 * newer). The code is `INVALID_RESPONSE`, the library's code for a document that is not what its
 * format promises; the message always starts with "Not a readable device-auth trace".
 */
import { DeviceAuthError } from '../core/errors.js';

/** How every {@link invalidTrace} message starts. */
export const INVALID_TRACE_PREFIX = 'Not a readable device-auth trace';

/**
 * A {@link DeviceAuthError} saying why a trace cannot be read.
 *
 * @param reason - What is wrong, naming the field (`"steps[3].time" must be a finite number`).
 * @param cause - The underlying error, if any (a `SyntaxError` from `JSON.parse`).
 */
export function invalidTrace(reason: string, cause?: unknown): DeviceAuthError {
  return new DeviceAuthError('INVALID_RESPONSE', `${INVALID_TRACE_PREFIX}: ${reason}`, cause === undefined ? {} : { cause });
}
