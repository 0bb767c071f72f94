/**
 * The ready-made Trakt service set: what `deviceAuthMachine.provide(...)` takes.
 */
import { createDeviceFlowServices, type DeviceAuthServices, type HttpServiceOptions } from '../dialect/create-services.js';
import { createTraktDeviceFlowDialect } from './trakt-device-flow.js';
import type { TraktDialectOptions } from './trakt-settings.js';

/** Options of {@link createTraktServices}. */
export type TraktServiceOptions = TraktDialectOptions & HttpServiceOptions;

/**
 * The Trakt device-flow services.
 *
 * ```ts
 * const machine = deviceAuthMachine.provide(createTraktServices({ clientId, clientSecret, userAgent: 'my-app/1.0' }));
 * ```
 * @throws DeviceAuthError `CONFIGURATION` when the client id, secret, base URL or User-Agent is missing or malformed.
 */
export function createTraktServices(options: TraktServiceOptions): DeviceAuthServices {
  return createDeviceFlowServices(createTraktDeviceFlowDialect(options), options);
}
