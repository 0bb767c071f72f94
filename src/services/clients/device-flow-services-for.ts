/**
 * The device-flow services `authorize` runs for a {@link ProviderChoice} other than Trakt's
 * options, reused for equal options (`./services-cache.ts`); an issuer is discovered before the
 * sign-in. `authorize` loads this module only when the options name another provider, so it
 * holds the device flow alone: sessions build theirs in `./provider-services-for.ts`.
 */
import { createDeviceFlowServices, type DeviceAuthServices } from '../dialect/create-services.js';
import { checkProviderChoice, dialectNow, dialectOf, httpOptionsOf, type ProviderChoice } from './provider-choice.js';
import { createServicesCache, settingsKey } from './services-cache.js';

const cache = /* @__PURE__ */ createServicesCache<DeviceAuthServices>();

/**
 * The device-flow services for `options` when they can be had without the network: from the
 * cache, or built now for every way but an undiscovered issuer (then `undefined`).
 * @throws DeviceAuthError `CONFIGURATION` for options that cannot work (see `checkProviderChoice`).
 */
export function deviceFlowServicesNow(options: ProviderChoice): DeviceAuthServices | undefined {
  const key = settingsKey(options);
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const choice = checkProviderChoice(options);
  const dialect = dialectNow(choice);
  if (dialect === undefined) return undefined;
  const services = createDeviceFlowServices(dialect, httpOptionsOf(choice));
  cache.set(key, services);
  return services;
}

/**
 * The device-flow services for `options`, discovering an issuer first (`signal` aborts the
 * discovery). Services built for equal options are reused.
 * @throws DeviceAuthError `CONFIGURATION` before any request for options that cannot work; what discovery throws.
 */
export async function deviceFlowServicesFor(options: ProviderChoice, signal?: AbortSignal): Promise<DeviceAuthServices> {
  const now = deviceFlowServicesNow(options);
  if (now !== undefined) return now;
  const choice = checkProviderChoice(options);
  const services = createDeviceFlowServices(await dialectOf(choice, signal), httpOptionsOf(choice));
  cache.set(settingsKey(options), services);
  return services;
}
