/**
 * The services for a {@link ProviderChoice}: the device-flow services `authorize` runs (reused
 * for equal options, see `./services-cache.ts`), and the session services `createSession` runs.
 * An issuer is discovered once its services are first needed: before the sign-in for
 * `authorize`, and on the first request for a session (which `createSession` must hand out at
 * once); a failed discovery fails that request and the next one tries again.
 */
import { fromPromise } from 'xstate';
import type { DeviceCodeResult, PollResult, PollTokenInput } from '../../machines/device-auth.types.js';
import { createDeviceFlowServices, type DeviceAuthServices } from '../dialect/create-services.js';
import type { TokenStore } from '../stores/token-store.js';
import { checkProviderChoice, dialectNow, dialectOf, httpOptionsOf, type CheckedChoice, type ProviderChoice } from './provider-choice.js';
import { creatorOf } from './promise-creator.js';
import { createServicesCache, settingsKey } from './services-cache.js';
import { sessionServicesOver, type SessionDialect, type SessionServices } from './session-services.js';

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

/**
 * Device-flow services whose first request waits for `resolve` (an issuer's discovery); the
 * discovered services then do the work, with the same input, signal and parent.
 */
function deferredDeviceFlowServices(resolve: () => Promise<DeviceAuthServices>): DeviceAuthServices {
  return {
    actors: {
      requestDeviceCode: fromPromise<DeviceCodeResult>(async (args) => {
        const services = await resolve();
        return creatorOf<DeviceCodeResult, unknown>(services.actors.requestDeviceCode)!(args as never);
      }),
      pollToken: fromPromise<PollResult, PollTokenInput>(async (args) => {
        const services = await resolve();
        return creatorOf<PollResult, PollTokenInput>(services.actors.pollToken)!(args as never);
      }),
    },
  };
}

/** The issuer's dialect and device-flow services, discovered once; a failure is forgotten so the next call tries again. */
function discoverOnce(choice: CheckedChoice): () => Promise<{ dialect: SessionDialect; deviceFlow: DeviceAuthServices }> {
  let found: Promise<{ dialect: SessionDialect; deviceFlow: DeviceAuthServices }> | undefined;
  return () => {
    found ??= dialectOf(choice).then(
      (dialect) => ({ dialect, deviceFlow: createDeviceFlowServices(dialect, httpOptionsOf(choice)) }),
      (error: unknown) => {
        found = undefined;
        throw error;
      },
    );
    return found;
  };
}

/** A stand-in dialect for an issuer not discovered yet: its methods are never called before discovery settled. */
function undiscoveredDialect(current: () => SessionDialect | undefined): SessionDialect {
  const dialect = (): SessionDialect => {
    const known = current();
    if (known === undefined) throw new Error('The provider is not discovered yet.');
    return known;
  };
  return {
    get name() {
      return current()?.name ?? 'RFC 8628';
    },
    deviceCodeRequest: () => dialect().deviceCodeRequest(),
    parseDeviceCodes: (response, receivedAt) => dialect().parseDeviceCodes(response, receivedAt),
    tokenRequest: (deviceCode) => dialect().tokenRequest(deviceCode),
    classifyTokenResponse: (response, receivedAt) => dialect().classifyTokenResponse(response, receivedAt),
    refreshRequest: (refreshToken) => dialect().refreshRequest(refreshToken),
    parseRefreshResponse: (response, receivedAt) => dialect().parseRefreshResponse(response, receivedAt),
    revokeRequest: (accessToken) => dialect().revokeRequest(accessToken),
    checkRevokeResponse: (response) => dialect().checkRevokeResponse(response),
  };
}

/**
 * The session services for `options` with the token kept in `store`. A session keeps state of
 * its own (the pair it holds), so these are built per call; the device flow inside is shared
 * with other calls of equal options.
 * @throws DeviceAuthError `CONFIGURATION` for options that cannot work, before any request.
 */
export function sessionServicesFor(options: ProviderChoice, store: TokenStore): SessionServices {
  const choice = checkProviderChoice(options);
  const http = httpOptionsOf(choice);
  const dialect = dialectNow(choice);
  if (dialect !== undefined) return sessionServicesOver({ dialect, deviceFlow: deviceFlowServicesNow(options)! }, store, http);
  const discover = discoverOnce(choice);
  let discovered: SessionDialect | undefined;
  const resolve = async () => {
    const found = await discover();
    discovered = found.dialect;
    return found;
  };
  return sessionServicesOver(
    {
      dialect: undiscoveredDialect(() => discovered),
      resolve: async () => (await resolve()).dialect,
      deviceFlow: deferredDeviceFlowServices(async () => (await resolve()).deviceFlow),
    },
    store,
    http,
  );
}
