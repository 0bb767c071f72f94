/**
 * The device-flow services `authorize` runs for Trakt (`createTraktServices`: the device-flow half
 * of the Trakt dialect only), reused for equal options (`./services-cache.ts`). Kept apart from
 * `./device-flow-services-for.ts` so that an app signing in to Trakt bundles no other provider's
 * code: `authorize` loads that module only when the options name another provider.
 */
import type { DeviceAuthServices } from '../dialect/create-services.js';
import { createTraktServices, type TraktServiceOptions } from '../trakt/trakt-services.js';
import { createServicesCache, settingsKey } from './services-cache.js';

const cache = /* @__PURE__ */ createServicesCache<DeviceAuthServices>();

/**
 * The device-flow services for Trakt `options`, from the cache or built now.
 * @throws DeviceAuthError `CONFIGURATION` for a missing or bad option, before any request.
 */
export function traktSignInServices(options: TraktServiceOptions): DeviceAuthServices {
  const key = settingsKey(options);
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const services = createTraktServices(options);
  cache.set(key, services);
  return services;
}
