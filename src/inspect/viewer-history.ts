/**
 * What a page that connects late is sent first: every actor it has not heard of, the latest
 * snapshot of each actor, and the most recent events, so it shows the current state at once.
 * Everything kept here is already redacted.
 */
import type { ViewerActorMessage, ViewerMessage, ViewerSnapshotMessage } from './viewer-messages.js';

/** Default number of recent events and snapshots replayed to a page that connects late. */
export const DEFAULT_REPLAY_LIMIT = 1000;

/** Actors remembered for replay; the oldest registrations are forgotten first. */
const MAX_ACTORS = 1000;

/** The replay memory of one viewer. */
export interface ViewerHistory {
  /** Remembers a message that was just broadcast. */
  add(message: ViewerMessage): void;
  /** What a new page needs, in stream order: actors, latest snapshots and the recent log. */
  replay(): ViewerMessage[];
}

/**
 * Creates a {@link ViewerHistory}.
 *
 * @param limit - How many recent events and snapshots to replay ({@link DEFAULT_REPLAY_LIMIT}).
 *   The latest snapshot of each actor is replayed even when it is older than that.
 */
export function createViewerHistory(limit = DEFAULT_REPLAY_LIMIT): ViewerHistory {
  const actors = new Map<string, ViewerActorMessage>();
  const latest = new Map<string, ViewerSnapshotMessage>();
  const recent: ViewerMessage[] = [];
  let end: ViewerMessage | undefined;
  return {
    add(message) {
      switch (message.type) {
        case '@xstate.actor':
          actors.delete(message.sessionId);
          actors.set(message.sessionId, message);
          if (actors.size > MAX_ACTORS) {
            const oldest = actors.keys().next().value;
            if (oldest !== undefined) {
              actors.delete(oldest);
              latest.delete(oldest);
            }
          }
          return;
        case '@xstate.snapshot':
          latest.set(message.sessionId, message);
          break;
        case 'end':
          end = message;
          return;
        default:
          break;
      }
      recent.push(message);
      if (recent.length > limit) recent.splice(0, recent.length - limit);
    },
    replay() {
      const bySeq = new Map<number, ViewerMessage>();
      for (const message of [...actors.values(), ...latest.values(), ...recent]) bySeq.set(message.seq, message);
      if (end !== undefined) bySeq.set(end.seq, end);
      return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
    },
  };
}
