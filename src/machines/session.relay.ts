/**
 * Re-emits the device-auth child's events from the session. XState v5 delivers a child's
 * emitted events only to listeners of that child (`child.on(...)`), never to its parent, so a UI
 * that listens to the session would miss `codes`, `pending`, `slowDown`... This tiny callback
 * actor, invoked next to the child, listens to it and sends each event to the session as
 * `deviceAuth.emitted`; the session emits it unchanged. No I/O, no clock.
 */
import { fromCallback, type AnyActorRef, type EventObject } from 'xstate';
import type { DeviceAuthEmitted } from './device-auth.types.js';

/** The invoke id of the device-auth child in the session machine. */
export const DEVICE_AUTH_CHILD_ID = 'deviceAuth';

/**
 * Listens to the sibling device-auth child (found through the parent's snapshot once both are
 * started, also after a snapshot was restored) and relays what it emits. Stopping the relay (the
 * session leaving `signingIn`) removes the listener.
 */
export const relayDeviceAuthEvents = fromCallback<EventObject>(({ self, sendBack }) => {
  const parent: AnyActorRef | undefined = self._parent;
  const child = parent?.getSnapshot()?.children?.[DEVICE_AUTH_CHILD_ID] as AnyActorRef | undefined;
  if (child === undefined) return undefined;
  const subscription = child.on('*', (event: DeviceAuthEmitted) => sendBack({ type: 'deviceAuth.emitted', event }));
  return () => subscription.unsubscribe();
});
