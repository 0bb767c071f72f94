/**
 * The ready-made service set for any RFC 8628 provider: what `deviceAuthMachine.provide(...)` takes.
 */
import { createDeviceFlowServices, type DeviceAuthServices, type HttpServiceOptions } from '../dialect/create-services.js';
import { createRfc8628Dialect, type Rfc8628DialectOptions } from './rfc8628-dialect.js';

/** Options of {@link createRfc8628Services}. */
export type Rfc8628ServiceOptions = Rfc8628DialectOptions & HttpServiceOptions;

/**
 * The services for any RFC 8628 provider (form-encoded requests, OAuth JSON errors, RFC 8628 §3.1–§3.5).
 *
 * ```ts
 * const machine = deviceAuthMachine.provide(createRfc8628Services({ clientId, deviceAuthorizationEndpoint, tokenEndpoint }));
 * ```
 * @throws DeviceAuthError `CONFIGURATION` when the client id or an endpoint is missing or malformed.
 */
export function createRfc8628Services(options: Rfc8628ServiceOptions): DeviceAuthServices {
  return createDeviceFlowServices(createRfc8628Dialect(options), options);
}
