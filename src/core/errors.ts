/**
 * The one error class of the library. Every expected failure (a bad server answer, a blocked
 * request, a dropped connection, a wrong option) is a {@link DeviceAuthError} with a stable
 * {@link DeviceAuthErrorCode} that programs can switch on, a message a person can act on, and
 * the underlying `cause` when there is one. Messages never contain secrets.
 *
 * Modelled on oauth4webapi's `OperationProcessingError` / `ResponseBodyError` pair.
 */

/** Stable machine-readable error codes. New codes may be added; existing ones never change meaning. */
export type DeviceAuthErrorCode =
  /** A server answered 2xx but the body is not what the protocol promises (a field is named). */
  | 'INVALID_RESPONSE'
  /** A CDN or firewall refused the request (Trakt: 403 with an HTML page, usually a missing User-Agent). */
  | 'BLOCKED'
  /** The connection failed: DNS, refused, reset, dropped. Retryable while the device code is valid. */
  | 'NETWORK'
  /** The server did not answer within the per-request timeout. Retryable. */
  | 'TIMEOUT'
  /** The server answered with a status the protocol does not expect at this point. */
  | 'HTTP_STATUS'
  /** The response body was larger than the configured cap. */
  | 'RESPONSE_TOO_LARGE'
  /**
   * The server answered with a redirect (any 3xx, or a browser's opaque redirect). Requests carry
   * credentials, so redirects are never followed: configure the final address instead.
   */
  | 'REDIRECT'
  /** The caller passed missing or malformed options (client id, base URL, ...). */
  | 'CONFIGURATION'
  /** The request was aborted by the caller (cancel, AbortSignal). */
  | 'ABORTED'
  /** The refresh token (or device grant) was rejected: the person must sign in again. */
  | 'INVALID_GRANT'
  /** A token store could not read or write. */
  | 'STORE'
  /** The person declined the request (Trakt 418, RFC 8628 `access_denied`). */
  | 'DENIED'
  /** The device code expired before the person approved it (Trakt 410, RFC 8628 `expired_token`, or the client's own deadline). */
  | 'EXPIRED'
  /** The device code was already approved and its token handed out (Trakt 409). */
  | 'ALREADY_USED'
  /** The server does not know the device code (Trakt 404, RFC 8628 `invalid_grant`). */
  | 'INVALID_CODE'
  /** A supplied service threw something that is not a DeviceAuthError (a bug in that service). */
  | 'UNEXPECTED';

/** Options accepted by {@link DeviceAuthError}. */
export interface DeviceAuthErrorOptions {
  /** The underlying error or value, kept for debugging (never printed by the library). */
  cause?: unknown;
  /** HTTP status of the response that caused the error, when there was one. */
  status?: number;
}

/**
 * The error type thrown or reported by every part of device-auth-machine.
 *
 * @example
 * ```ts
 * try { await authorize(options); }
 * catch (error) {
 *   if (error instanceof DeviceAuthError && error.code === 'BLOCKED') console.error(error.message);
 * }
 * ```
 */
export class DeviceAuthError extends Error {
  /** Stable machine-readable code; see {@link DeviceAuthErrorCode}. */
  readonly code: DeviceAuthErrorCode;
  /** HTTP status of the response behind this error, if any. */
  readonly status: number | undefined;

  constructor(code: DeviceAuthErrorCode, message: string, options: DeviceAuthErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DeviceAuthError';
    this.code = code;
    this.status = options.status;
  }

  /** A plain, JSON-safe view of the error (no cause, no stack), for events and snapshots. */
  toJSON(): { name: string; code: DeviceAuthErrorCode; message: string; status?: number } {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      ...(this.status === undefined ? {} : { status: this.status }),
    };
  }
}

/** True when `error` is a {@link DeviceAuthError}, optionally with the given code. */
export function isDeviceAuthError(error: unknown, code?: DeviceAuthErrorCode): error is DeviceAuthError {
  return error instanceof DeviceAuthError && (code === undefined || error.code === code);
}

/** Wraps any thrown value into a {@link DeviceAuthError} (kept as is when it already is one). */
export function toDeviceAuthError(error: unknown, fallback: DeviceAuthErrorCode = 'NETWORK'): DeviceAuthError {
  if (error instanceof DeviceAuthError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new DeviceAuthError(fallback, message, { cause: error });
}
