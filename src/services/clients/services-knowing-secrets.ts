/**
 * Device-flow services that keep secrets they did not hand out themselves out of the errors they
 * report. A flow resumed from a snapshot holds a device code its new services never saw: if the
 * person restarts and the server quotes that old code in an error (`error_description`), the
 * services could not scrub it, and it would reach the `failed` event, the snapshot and the
 * inspector. `resumeDeviceAuth` wraps the services with the snapshot's device code, and
 * `resumeSession` the device flow of its session services with its child's.
 */
import { fromPromise } from 'xstate';
import { DeviceAuthError } from '../../core/errors.js';
import type { DeviceCodeResult, PollOutcome, PollResult, PollTokenInput } from '../../machines/device-auth.types.js';
import { createRedactor } from '../../redact/redact.js';
import type { DeviceAuthServices } from '../dialect/create-services.js';
import type { SessionServices } from './session-services.js';
import { creatorOf } from './promise-creator.js';

/**
 * `services` whose errors never quote `secrets`: a `DeviceAuthError` whose message holds one is
 * replaced by the same error (code and status) with the secret redacted. Returns `services`
 * itself when there is nothing to keep out, or when its actors carry no `fromPromise` creator.
 */
export function servicesKnowingSecrets(services: DeviceAuthServices, secrets: readonly (string | undefined)[]): DeviceAuthServices {
  const known = secrets.filter((secret): secret is string => typeof secret === 'string' && secret !== '');
  const requestDeviceCode = creatorOf<DeviceCodeResult, unknown>(services.actors.requestDeviceCode);
  const pollToken = creatorOf<PollResult, PollTokenInput>(services.actors.pollToken);
  if (known.length === 0 || requestDeviceCode === undefined || pollToken === undefined) return services;
  const redactor = createRedactor(known);
  const clean = <E>(error: E): E => {
    if (!(error instanceof DeviceAuthError)) return error;
    const message = redactor.scrub(error.message);
    return message === error.message ? error : (new DeviceAuthError(error.code, message, error.status === undefined ? {} : { status: error.status }) as E);
  };
  const cleanOutcome = (outcome: PollOutcome): PollOutcome =>
    outcome.type === 'transient' || outcome.type === 'fatal' ? { ...outcome, error: clean(outcome.error) } : outcome;
  return {
    actors: {
      requestDeviceCode: fromPromise<DeviceCodeResult>(async (args) => {
        try {
          return await requestDeviceCode(args as never);
        } catch (error) {
          throw clean(error);
        }
      }),
      pollToken: fromPromise<PollResult, PollTokenInput>(async (args) => {
        const result = await pollToken(args as never);
        return { ...result, outcome: cleanOutcome(result.outcome) };
      }),
    },
  };
}

/**
 * Session services whose sign-ins (the `deviceAuth` child, restored or started anew) never quote
 * `secrets` in their errors; see {@link servicesKnowingSecrets}. Returns `services` itself when
 * there is nothing to keep out.
 */
export function sessionServicesKnowingSecrets(services: SessionServices, secrets: readonly (string | undefined)[]): SessionServices {
  const { deviceAuth } = services.actors;
  const deviceFlow = { actors: deviceAuth.implementations.actors } as DeviceAuthServices;
  const known = servicesKnowingSecrets(deviceFlow, secrets);
  if (known === deviceFlow) return services;
  return { ...services, actors: { ...services.actors, deviceAuth: deviceAuth.provide({ actors: known.actors }) } };
}
