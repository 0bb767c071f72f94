/**
 * Re-emits the device-auth child's events from the session. XState v5 delivers a child's
 * emitted events only to listeners of that child (`child.on(...)`), never to its parent, so a UI
 * that listens to the session would miss `codes`, `pending`, `slowDown`... This tiny callback
 * actor, invoked next to the child, listens to it and sends each event to the session as
 * `deviceAuth.emitted`; the session emits it unchanged. No I/O, no clock.
 *
 * It reads nothing private: the session hands itself over as the invoke's `input`, and the relay
 * looks the child up in the session's snapshot when it starts. A restored relay has no input (an
 * actor ref does not survive persistence, so it is left out of the persisted snapshot); the
 * session hands itself over again with a {@link RelayAttachEvent} when it is resumed.
 */
import { fromCallback, type AnyActorRef, type CallbackActorLogic } from 'xstate';
import type { DeviceAuthEmitted } from './device-auth.types.js';

/** The invoke id of the device-auth child in the session machine. */
export const DEVICE_AUTH_CHILD_ID = 'deviceAuth';

/** The invoke id of the relay in the session machine. */
export const RELAY_CHILD_ID = 'relayDeviceAuthEvents';

/** The part of the session actor the relay uses: its snapshot's children. */
export interface RelaySession {
  getSnapshot(): { children: { [DEVICE_AUTH_CHILD_ID]?: AnyActorRef | undefined } };
}

/** Input of {@link relayDeviceAuthEvents}: the session whose device-auth child to listen to. */
export interface RelayInput {
  session: RelaySession;
}

/** Sent by the session to a relay restored from a persisted snapshot, which has no input. */
export interface RelayAttachEvent {
  type: 'relay.attach';
  session: RelaySession;
}

const relayLogic = /* @__PURE__ */ fromCallback<RelayAttachEvent, RelayInput | undefined>(({ input, receive, sendBack }) => {
  let listening: AnyActorRef | undefined;
  let subscription: { unsubscribe(): void } | undefined;
  const attach = (session: RelaySession): void => {
    const child = session.getSnapshot().children[DEVICE_AUTH_CHILD_ID];
    if (child === undefined || child === listening) return;
    subscription?.unsubscribe();
    listening = child;
    subscription = child.on('*', (event: DeviceAuthEmitted) => sendBack({ type: 'deviceAuth.emitted', event }));
  };
  if (input !== undefined) attach(input.session);
  receive((event) => attach(event.session));
  return () => subscription?.unsubscribe();
});

/**
 * Listens to the device-auth child of the session given as input (found in the session's
 * snapshot once both are started) and relays what it emits. Stopping the relay (the session
 * leaving `signingIn`) removes the listener. Its persisted snapshot leaves the input out.
 */
export const relayDeviceAuthEvents: CallbackActorLogic<RelayAttachEvent, RelayInput | undefined> = {
  ...relayLogic,
  getPersistedSnapshot: (snapshot) => ({ ...snapshot, input: undefined }),
};
