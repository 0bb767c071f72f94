import { createActor, fromPromise, toPromise } from 'xstate';
import { describe, expect, it } from 'vitest';
import { DeviceAuthError } from '../../src/core/errors.js';
import type { DeviceCodeResult, PollResult, PollTokenInput } from '../../src/machines/device-auth.types.js';
import type { DeviceAuthServices } from '../../src/services/dialect/create-services.js';
import { servicesKnowingSecrets, sessionServicesKnowingSecrets } from '../../src/services/clients/services-knowing-secrets.js';
import type { SessionServices } from '../../src/services/clients/session-services.js';
import { deviceAuthMachine } from '../../src/machines/device-auth.machine.js';

const failing = (message: string): DeviceAuthServices => ({
  actors: {
    requestDeviceCode: fromPromise<DeviceCodeResult>(async () => {
      throw new DeviceAuthError('HTTP_STATUS', message, { status: 400 });
    }),
    pollToken: fromPromise<PollResult, PollTokenInput>(async () => ({
      outcome: { type: 'fatal' as const, error: new DeviceAuthError('INVALID_RESPONSE', message) },
      startedAt: 1,
      receivedAt: 2,
    })),
  },
});

describe('servicesKnowingSecrets', () => {
  it('redacts a known secret from code-request errors and poll outcomes, keeping code and status', async () => {
    const services = servicesKnowingSecrets(failing('the last code was old-device-code'), ['old-device-code']);
    const request = await toPromise(createActor(services.actors.requestDeviceCode).start()).catch((error: unknown) => error);
    expect(request).toBeInstanceOf(DeviceAuthError);
    expect(request).toMatchObject({ code: 'HTTP_STATUS', status: 400 });
    expect((request as Error).message).not.toContain('old-device-code');
    const poll = await toPromise(createActor(services.actors.pollToken, { input: { deviceCode: 'd', expiresAt: 10 } }).start());
    expect(poll.outcome).toMatchObject({ type: 'fatal', error: { code: 'INVALID_RESPONSE' } });
    expect(JSON.stringify(poll)).not.toContain('old-device-code');
  });

  it('leaves errors without the secret as they were, and services untouched when there is no secret to keep out', async () => {
    const original = failing('nothing secret here');
    const services = servicesKnowingSecrets(original, ['old-device-code']);
    const error = await toPromise(createActor(services.actors.requestDeviceCode).start()).catch((caught: unknown) => caught);
    expect((error as Error).message).toBe('nothing secret here');
    expect(servicesKnowingSecrets(original, [undefined, ''])).toBe(original);
  });

  it('for a session: the sign-in child, restored or started anew, fails without quoting the secret', async () => {
    const session = { actors: { deviceAuth: deviceAuthMachine.provide(failing('the last code was old-device-code')) } } as unknown as SessionServices;
    const known = sessionServicesKnowingSecrets(session, ['old-device-code']);
    expect(known).not.toBe(session);
    const child = createActor(known.actors.deviceAuth);
    const failed = new Promise<unknown>((resolve) => child.on('failed', resolve));
    child.start();
    child.send({ type: 'start' });
    const event = (await failed) as { error: DeviceAuthError };
    expect(event.error).toMatchObject({ code: 'HTTP_STATUS', status: 400 });
    expect(event.error.message).not.toContain('old-device-code');
    expect(sessionServicesKnowingSecrets(session, [undefined])).toBe(session);
  });
});
