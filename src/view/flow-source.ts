/**
 * Where a view's readings come from: a device-auth actor, or a session actor whose device-auth
 * child runs while signing in. A source reads the actor, maps the view's commands to the
 * machine's events, and says when something may have changed (snapshots of the actor and of the
 * child, and `retry` events, whose reason the context does not keep).
 */
import type { ActorRefFrom, Subscription } from 'xstate';
import type { DeviceAuthMachine } from '../machines/device-auth.machine.js';
import { sessionMachine, type SessionMachine } from '../machines/session.machine.js';
import { DEVICE_AUTH_CHILD_ID } from '../machines/session.relay.js';
import { readDeviceAuth } from './device-auth-reading.js';
import type { FlowCommands, FlowReading, RetryNote } from './flow-reading.js';
import { readSession } from './session-reading.js';
import type { SignInViewActor } from './sign-in-view.types.js';

/** A view's access to its actor. */
export interface FlowSource {
  /** The reading of the actor as it is now. */
  read(): FlowReading;
  /** Sends the machine event behind a command (the caller checks that it applies). */
  send(command: keyof FlowCommands): void;
  /** Calls `onChange` whenever the reading may have changed, until the returned function is called. */
  watch(onChange: () => void): () => void;
}

type RetryListener = (event: { attempt: number; reason: RetryNote['reason'] }) => void;

function deviceAuthSource(actor: ActorRefFrom<DeviceAuthMachine>): FlowSource {
  let note: RetryNote | null = null;
  return {
    read: () => readDeviceAuth(actor.getSnapshot(), note),
    send: (command) => actor.send({ type: command }),
    watch(onChange) {
      const onRetry: RetryListener = ({ attempt, reason }) => {
        note = { attempt, reason };
        onChange();
      };
      const retries = actor.on('retry', onRetry);
      // An error handler: a crash shows as `failed` (and the view counts as handling it).
      const snapshots = actor.subscribe({ next: onChange, error: onChange, complete: onChange });
      return () => {
        retries.unsubscribe();
        snapshots.unsubscribe();
      };
    },
  };
}

function sessionSource(actor: ActorRefFrom<SessionMachine>): FlowSource {
  let note: RetryNote | null = null;
  const childOf = () => actor.getSnapshot().children[DEVICE_AUTH_CHILD_ID];
  return {
    read: () => readSession(actor.getSnapshot(), childOf()?.getSnapshot(), note),
    send: (command) => actor.send(command === 'cancel' ? { type: 'cancel' } : { type: 'signIn' }),
    watch(onChange) {
      // The child's snapshots are followed directly: the session need not change when its child does.
      let child: ReturnType<typeof childOf>;
      let childSnapshots: Subscription | undefined;
      const follow = (): void => {
        const current = childOf();
        if (current === child) return;
        childSnapshots?.unsubscribe();
        child = current;
        // The session handles its child's crash (onError); the no-op error handler keeps it that way.
        childSnapshots = current?.subscribe({ next: onChange, error: () => undefined });
      };
      const changed = (): void => {
        follow();
        onChange();
      };
      const onRetry: RetryListener = ({ attempt, reason }) => {
        note = { attempt, reason };
        onChange();
      };
      const retries = actor.on('retry', onRetry);
      const snapshots = actor.subscribe({ next: changed, error: changed, complete: changed });
      follow();
      return () => {
        retries.unsubscribe();
        snapshots.unsubscribe();
        childSnapshots?.unsubscribe();
      };
    },
  };
}

/** True when `actor` runs the session machine (or one made from it with `provide`). */
function isSessionActor(actor: SignInViewActor): actor is ActorRefFrom<SessionMachine> {
  return actor.getSnapshot().machine.id === sessionMachine.id;
}

/** The source for a device-auth or a session actor. */
export function sourceOf(actor: SignInViewActor): FlowSource {
  return isSessionActor(actor) ? sessionSource(actor) : deviceAuthSource(actor);
}
