/**
 * The session services `createSession` runs for a {@link ProviderChoice}. An issuer is discovered
 * on the first request (`createSession` must hand its services out at once); a failed discovery
 * fails that request and the next one tries again. The device flow inside is the one `authorize`
 * runs (`./device-flow-services-for.ts`).
 */
import { fromPromise } from 'xstate';
import type { DeviceCodeResult, PollResult, PollTokenInput } from '../../machines/device-auth.types.js';
import { createDeviceFlowServices, type DeviceAuthServices } from '../dialect/create-services.js';
import type { TokenStore } from '../stores/token-store.js';
import { checkProviderChoice, dialectNow, dialectOf, httpOptionsOf, type CheckedChoice, type ProviderChoice } from './provider-choice.js';
import { creatorOf } from './promise-creator.js';
import { deviceFlowServicesNow } from './device-flow-services-for.js';
import { sessionServicesOver, type SessionDialect, type SessionServices } from './session-services.js';

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
