/**
 * One provided machine per services object. `machine.provide(services)` builds a whole new
 * machine (every state node copied): about 1.5 ms of CPU and 31 KB per call (issue 12). The
 * clients (`authorize`, `runDeviceAuth`, `createSession`, the resume helpers) used to call it for
 * every sign-in or session; they now ask here, and a services object is provided once and its
 * machine reused for as long as the services object lives (a `WeakMap`: nothing is kept alive).
 *
 * Sharing a provided machine is safe: a machine is immutable, and each actor created from it has
 * its own context, timers and children.
 */
import { deviceAuthMachine, type DeviceAuthMachine } from '../../machines/device-auth.machine.js';
import { sessionMachine, type SessionMachine } from '../../machines/session.machine.js';
import type { DeviceAuthServices } from '../dialect/create-services.js';

/** What `sessionMachine.provide` takes (the session services; named here without importing them, which import this file). */
type SessionImplementations = Parameters<SessionMachine['provide']>[0];

const deviceAuthMachines = new WeakMap<DeviceAuthServices, DeviceAuthMachine>();
const sessionMachines = new WeakMap<SessionImplementations, SessionMachine>();

/** `provide(services)`, remembered in `cache` so each services object gets one machine. */
function once<S extends object, M>(cache: WeakMap<S, M>, services: S, provide: (services: S) => M): M {
  let machine = cache.get(services);
  if (machine === undefined) {
    machine = provide(services);
    cache.set(services, machine);
  }
  return machine;
}

/** `deviceAuthMachine.provide(services)`, built once per services object. */
export function providedDeviceAuthMachine(services: DeviceAuthServices): DeviceAuthMachine {
  return once(deviceAuthMachines, services, (implementations) => deviceAuthMachine.provide(implementations));
}

/** `sessionMachine.provide(services)`, built once per services object. */
export function providedSessionMachine(services: SessionImplementations): SessionMachine {
  return once(sessionMachines, services, (implementations) => sessionMachine.provide(implementations));
}
