/**
 * Ready-made service sets: `createTraktServices` for Trakt and `createRfc8628Services` for any
 * RFC 8628 provider. Both return what `deviceAuthMachine.provide(...)` takes.
 */
import { createDeviceFlowServices, type DeviceAuthServices, type HttpServiceOptions } from './create-services.js';
import { createRfc8628Dialect, type Rfc8628DialectOptions } from './rfc8628-dialect.js';
import { createTraktDialect, type TraktDialectOptions } from './trakt-dialect.js';

/** Options of {@link createTraktServices}. */
export type TraktServiceOptions = TraktDialectOptions & HttpServiceOptions;

/** Options of {@link createRfc8628Services}. */
export type Rfc8628ServiceOptions = Rfc8628DialectOptions & HttpServiceOptions;

/**
 * The Trakt device-flow services.
 *
 * ```ts
 * const machine = deviceAuthMachine.provide(createTraktServices({ clientId, clientSecret, userAgent: 'my-app/1.0' }));
 * ```
 * @throws DeviceAuthError `CONFIGURATION` when the client id, secret, base URL or User-Agent is missing or malformed.
 */
export function createTraktServices(options: TraktServiceOptions): DeviceAuthServices {
  return createDeviceFlowServices(createTraktDialect(options), options);
}

/** The services for any RFC 8628 provider (form-encoded, OAuth JSON errors). */
export function createRfc8628Services(options: Rfc8628ServiceOptions): DeviceAuthServices {
  return createDeviceFlowServices(createRfc8628Dialect(options), options);
}
