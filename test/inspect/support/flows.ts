/**
 * Runs one real device flow (Trakt services over loopback HTTP) with an inspector attached, and
 * returns the secrets it handled, read from the machine before any redaction.
 */
import { createActor, type InspectionEvent, type Observer, type SnapshotFrom } from 'xstate';
import { deviceAuthMachine } from '../../../src/machines/device-auth.machine.js';
import type { DeviceAuthInput } from '../../../src/machines/device-auth.types.js';
import { createTraktServices } from '../../../src/services/trakt/trakt-services.js';
import type { FlowSecrets } from './secrets.js';

export interface FlowOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  inspect: Observer<InspectionEvent>;
  input?: DeviceAuthInput;
}

export interface FlowResult {
  /** The final snapshot (done, or a resting state). */
  snapshot: SnapshotFrom<typeof deviceAuthMachine>;
  /** Client secret, device code and, when authorized, the tokens. */
  secrets: FlowSecrets;
}

/** Runs the flow until it is done or rests, then stops the actor. */
export async function runFlow(options: FlowOptions): Promise<FlowResult> {
  const services = createTraktServices({ clientId: options.clientId, clientSecret: options.clientSecret, baseUrl: options.baseUrl, userAgent: 'inspect-test/1.0' });
  const actor = createActor(deviceAuthMachine.provide(services), { inspect: options.inspect, input: options.input });
  let deviceCode: string | undefined;
  const snapshot = await new Promise<SnapshotFrom<typeof deviceAuthMachine>>((resolve) => {
    actor.subscribe((current) => {
      deviceCode ??= current.context.codes?.deviceCode;
      if (current.status === 'done' || current.hasTag('resting')) resolve(current);
    });
    actor.start();
    actor.send({ type: 'start' });
  });
  actor.stop();
  const secrets: FlowSecrets = { 'client secret': options.clientSecret };
  if (deviceCode !== undefined) secrets['device code'] = deviceCode;
  const token = snapshot.status === 'done' ? snapshot.output : undefined;
  if (token !== undefined) {
    secrets['access token'] = token.accessToken;
    if (token.refreshToken !== undefined) secrets['refresh token'] = token.refreshToken;
  }
  return { snapshot, secrets };
}

/** A client secret no test data contains by accident. */
export function distinctiveSecret(label: string): string {
  return `${label}-${crypto.randomUUID()}`;
}
