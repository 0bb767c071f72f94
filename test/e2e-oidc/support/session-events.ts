/** Waits for a session's emitted events. */
import type { SessionActor, SessionOwnEmitted } from '../../../src/index.js';

/** Resolves with the next `type` event the session emits (listen before causing it). */
export function nextEmitted<T extends SessionOwnEmitted['type']>(actor: SessionActor, type: T): Promise<Extract<SessionOwnEmitted, { type: T }>> {
  return new Promise((resolve) => {
    const subscription = actor.on(type, (event) => {
      subscription.unsubscribe();
      resolve(event as Extract<SessionOwnEmitted, { type: T }>);
    });
  });
}
