/**
 * A promise-shaped front door for apps that do not want XState: run the whole device flow and
 * get the token, with an `onCodes` callback to show the code and an `AbortSignal` to cancel.
 */
import { createActor } from 'xstate';
import { providedDeviceAuthMachine } from './provided-machines.js';
import type { DeviceAuthEmitted, DeviceAuthInput } from '../../machines/device-auth.types.js';
import type { DeviceAuthServices } from '../dialect/create-services.js';
import { DeviceAuthError } from '../../core/errors.js';
import { isSignInEnding, signInEndingError } from './sign-in-ending.js';
import type { DeviceToken } from '../../core/token.js';
import type { ProviderChoice } from './provider-choice.js';
import { isTraktWay } from './provider-way.js';
import { traktSignInServices } from './trakt-sign-in-services.js';
import type { TraktServiceOptions } from '../trakt/trakt-services.js';

/** What to show the person: the payload of the machine's `codes` event. */
export type CodesEvent = Extract<DeviceAuthEmitted, { type: 'codes' }>;

/** Callbacks and cancellation for {@link runDeviceAuth} and {@link authorize}. */
export interface DeviceAuthCallbacks {
  /** Called once the codes arrive: show `userCode` and `verificationUrl` to the person. */
  onCodes?: (codes: CodesEvent) => void;
  /** Called with every event the machine emits (progress, retries, ...). */
  onEvent?: (event: DeviceAuthEmitted) => void;
  /** Aborting cancels the flow, aborts the request in flight and rejects with code `ABORTED`. */
  signal?: AbortSignal;
  /** Pacing options of the machine. */
  input?: DeviceAuthInput;
}

/**
 * Runs one device flow with the given services and resolves with the token. Rejects with a
 * {@link DeviceAuthError}: `DENIED`, `EXPIRED`, `ALREADY_USED`, `INVALID_CODE`, `ABORTED`, or
 * the error that made the flow fail.
 *
 * It follows the machine's emitted events, which announce every way a flow ends (`authorized`,
 * `failed`, `denied`, ...), rather than every snapshot, and keeps only the callbacks it calls: a
 * sign-in waiting for the person holds little more than its actor.
 */
export function runDeviceAuth(services: DeviceAuthServices, callbacks: DeviceAuthCallbacks = {}): Promise<DeviceToken> {
  // Only what is used is kept, not `callbacks`: authorize() passes its whole options object here,
  // and holding it for the length of a sign-in costs half a KiB per waiting sign-in.
  const { onCodes, onEvent, signal, input } = callbacks;
  if (signal?.aborted) return Promise.reject(new DeviceAuthError('ABORTED', 'The sign-in was cancelled.'));
  // No options object without input: XState keeps it per actor, and an `input: undefined` in it costs
  // each waiting sign-in a quarter of a KiB.
  const actor = createActor(providedDeviceAuthMachine(services), input === undefined ? undefined : { input });
  return new Promise<DeviceToken>((resolve, reject) => {
    const cancel = () => actor.send({ type: 'cancel' });
    signal?.addEventListener('abort', cancel, { once: true });
    let callbackError: DeviceAuthError | undefined;
    actor.on('*', (event) => {
      try {
        if (event.type === 'codes') onCodes?.(event);
        onEvent?.(event);
      } catch (error) {
        // A throwing callback must not crash the process from inside XState: stop the flow and reject.
        callbackError ??= new DeviceAuthError('UNEXPECTED', `An onCodes/onEvent callback threw: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
        });
        queueMicrotask(() => {
          if (actor.getSnapshot().status === 'active') cancel();
        });
      }
      if (event.type !== 'authorized' && !isSignInEnding(event.type)) return;
      signal?.removeEventListener('abort', cancel);
      // Queued behind the transition being processed: the flow has already come to rest.
      actor.stop();
      if (event.type === 'authorized') resolve(event.token);
      else reject(event.type === 'failed' ? event.error : (callbackError ?? signInEndingError(event.type)));
    });
    // Only an engine bug ends an actor in an error (services' failures become the `failed` state):
    // reject rather than leave the promise pending.
    actor.subscribe({ error: reject });
    actor.start();
    actor.send({ type: 'start' });
  });
}

/**
 * Options of {@link authorize}: which provider and the app's registration with it (one of the
 * four ways of {@link ProviderChoice}), plus callbacks.
 */
export type AuthorizeOptions = ProviderChoice & DeviceAuthCallbacks;

/**
 * Signs a person in with the device flow and resolves with the token: Trakt options as always,
 * a preset, an issuer to discover (RFC 8414), or explicit RFC 8628 endpoints.
 *
 * ```ts
 * const onCodes = ({ userCode, verificationUrl }: CodesEvent) => console.log(`Open ${verificationUrl} and enter ${userCode}`);
 * await authorize({ clientId, clientSecret, userAgent: 'my-app/1.0', onCodes }); // Trakt
 * await authorize({ provider: providers.github(), clientId: 'Iv1.abc', onCodes });
 * await authorize({ issuer: 'https://login.example.com/realms/tv', clientId: 'tv', onCodes });
 * await authorize({ deviceAuthorizationEndpoint, tokenEndpoint, clientId: 'tv', onCodes });
 * ```
 *
 * Options that cannot work (two ways at once, no client id, a preset's required secret or scope
 * missing) reject with `CONFIGURATION` before any request. Equal options reuse one service set and
 * one provided machine, so repeated sign-ins cost no more than actors on one machine.
 */
export function authorize(options: AuthorizeOptions): Promise<DeviceToken> {
  if (isTraktWay(options)) return signInOn(() => traktSignInServices(options as TraktServiceOptions), options);
  // Any other provider: its code (presets, discovery, the RFC 8628 dialect) loads only now, so an
  // app that signs in to Trakt does not bundle it. Once loaded, later sign-ins start at once.
  if (otherProviders !== undefined) return signInToOtherProvider(otherProviders, options);
  return import('./device-flow-services-for.js').then((loaded) => signInToOtherProvider((otherProviders ??= loaded), options));
}

/** The module for providers other than Trakt, once {@link authorize} has loaded it. */
let otherProviders: typeof import('./device-flow-services-for.js') | undefined;

/** A sign-in to a provider other than Trakt: on its services at once, or after the issuer's discovery. */
function signInToOtherProvider(loaded: typeof import('./device-flow-services-for.js'), options: AuthorizeOptions): Promise<DeviceToken> {
  return signInOn(() => {
    const now = loaded.deviceFlowServicesNow(options);
    if (now !== undefined) return now;
    if (options.signal?.aborted) throw new DeviceAuthError('ABORTED', 'The sign-in was cancelled.');
    return loaded.deviceFlowServicesFor(options, options.signal);
  }, options);
}

/** Runs the sign-in on the services `servicesFor()` gives, now or once discovered; its option errors become the rejection. */
function signInOn(servicesFor: () => DeviceAuthServices | Promise<DeviceAuthServices>, callbacks: DeviceAuthCallbacks): Promise<DeviceToken> {
  let services: DeviceAuthServices | Promise<DeviceAuthServices>;
  try {
    services = servicesFor();
  } catch (error) {
    return Promise.reject(error);
  }
  return services instanceof Promise ? services.then((found) => runDeviceAuth(found, callbacks)) : runDeviceAuth(services, callbacks);
}
