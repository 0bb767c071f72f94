/** Runs the two device-flow actors of a service set once each, against whatever the loopback server answers. */
import { createActor, toPromise } from 'xstate';
import type { DeviceAuthServices } from '../../src/services/dialect/create-services.js';

export async function requestCodes(services: DeviceAuthServices) {
  return (await toPromise(createActor(services.actors.requestDeviceCode).start())).codes;
}

export async function pollOnce(services: DeviceAuthServices, deviceCode = 'dc') {
  return (await toPromise(createActor(services.actors.pollToken, { input: { deviceCode, expiresAt: Number.MAX_SAFE_INTEGER } }).start())).outcome;
}

/** The form fields of a recorded request body. */
export const formOf = (body: string) => Object.fromEntries(new URLSearchParams(body));
