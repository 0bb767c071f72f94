/**
 * What a page that connects late is sent first: every actor it has not heard of, the latest
 * snapshot of each actor, and the most recent events, so it shows the current state at once.
 * Everything kept here is already redacted. Memory is bounded: at most {@link MAX_REPLAYED_ACTORS}
 * actors, and the replay limit of recent events and snapshots.
 */
import type { ViewerActorMessage, ViewerMessage, ViewerSnapshotMessage } from './viewer-messages.js';

/** Default number of recent events and snapshots replayed to a page that connects late. */
export const DEFAULT_REPLAY_LIMIT = 1000;

/**
 * Actors remembered for replay. Past this, children are forgotten (those that finished first, then
 * the oldest); root actors and their latest snapshots never are, or a late page could not show
 * the state at all. Each poll of a long flow registers a child (`pollToken`), so this is reached.
 */
export const MAX_REPLAYED_ACTORS = 1000;

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
  /** Actors whose latest snapshot is no longer active (done, error, stopped), in the order they finished. */
  const finished = new Set<string>();
  const recent: ViewerMessage[] = [];
  let end: ViewerMessage | undefined;
  const forget = (sessionId: string): void => {
    actors.delete(sessionId);
    latest.delete(sessionId);
    finished.delete(sessionId);
  };
  const isChild = (sessionId: string): boolean => {
    const actor = actors.get(sessionId);
    return actor !== undefined && actor.parentId !== null;
  };
  /** Forgets one child actor, finished ones first; `false` when only roots are left. */
  const forgetOneChild = (): boolean => {
    for (const sessionId of finished) {
      if (isChild(sessionId)) {
        forget(sessionId);
        return true;
      }
      finished.delete(sessionId);
    }
    for (const [sessionId, actor] of actors) {
      if (actor.parentId !== null) {
        forget(sessionId);
        return true;
      }
    }
    return false;
  };
  return {
    add(message) {
      switch (message.type) {
        case '@xstate.actor':
          actors.delete(message.sessionId);
          actors.set(message.sessionId, message);
          while (actors.size > MAX_REPLAYED_ACTORS && forgetOneChild());
          return;
        case '@xstate.snapshot':
          latest.set(message.sessionId, message);
          if (message.snapshot.status !== 'active') finished.add(message.sessionId);
          else finished.delete(message.sessionId);
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
