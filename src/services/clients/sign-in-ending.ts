/**
 * How a device flow that ended without a token becomes an error: one mapping from the resting
 * state to a stable code and a message a person can act on, shared by `authorize` and the
 * session's `signIn()`.
 */
import type { SignInEnding } from '../../machines/session.types.js';
import { DeviceAuthError, type DeviceAuthErrorCode } from '../../core/errors.js';

const ENDINGS: Readonly<Record<SignInEnding, { code: DeviceAuthErrorCode; message: string }>> = {
  denied: { code: 'DENIED', message: 'The person declined the sign-in request.' },
  expired: { code: 'EXPIRED', message: 'The code expired before it was approved. Sign in again to get a new code.' },
  alreadyUsed: { code: 'ALREADY_USED', message: 'This code was already used. Sign in again to get a new code.' },
  invalidCode: { code: 'INVALID_CODE', message: 'The server does not know this device code. Sign in again.' },
  failed: { code: 'UNEXPECTED', message: 'The sign-in failed.' },
  cancelled: { code: 'ABORTED', message: 'The sign-in was cancelled.' },
};

/** True when `state` is a resting state of the device flow (a way a sign-in ends without a token). */
export function isSignInEnding(state: unknown): state is SignInEnding {
  return typeof state === 'string' && Object.hasOwn(ENDINGS, state);
}

/** The error for a sign-in that ended in `ending` (use the flow's own error for `failed` when it has one). */
export function signInEndingError(ending: SignInEnding): DeviceAuthError {
  const { code, message } = ENDINGS[ending];
  return new DeviceAuthError(code, message);
}
