/**
 * The replay memory of a long flow: every poll registers one child actor (`pollToken`), so a
 * flow left waiting registers thousands. The root actor and its latest snapshot are never
 * forgotten (without them a late page stays at "waiting for the flow…"); finished children go
 * first, then the oldest children.
 */
import { describe, expect, it } from 'vitest';
import { createViewerHistory } from '../../src/inspect/viewer-history.js';
import type { ViewerActorMessage, ViewerMessage, ViewerSnapshotMessage } from '../../src/inspect/viewer-messages.js';

const ROOT = 'x:0';

function stream() {
  let seq = 0;
  const actor = (sessionId: string, parentId: string | null): ViewerActorMessage => ({
    type: '@xstate.actor',
    seq: (seq += 1),
    time: seq,
    sessionId,
    actorId: parentId === null ? sessionId : 'pollToken',
    parentId,
    rootId: ROOT,
    machineId: parentId === null ? 'deviceAuth' : null,
  });
  const snapshot = (sessionId: string, status: string, value: string | null = null): ViewerSnapshotMessage => ({
    type: '@xstate.snapshot',
    seq: (seq += 1),
    time: seq,
    sessionId,
    rootId: ROOT,
    eventType: 'x',
    snapshot: value === null ? { status } : { status, value, context: {} },
    stateIds: value === null ? null : [`deviceAuth.${value}`],
  });
  return { actor, snapshot };
}

const sessions = (replay: ViewerMessage[], type: ViewerMessage['type']): string[] =>
  replay.flatMap((message) => (message.type === type && 'sessionId' in message ? [message.sessionId] : []));

describe('createViewerHistory: which actors a late page is told about', () => {
  it('keeps the root actor and its latest snapshot however many children a long flow registers', () => {
    const history = createViewerHistory(10);
    const { actor, snapshot } = stream();
    history.add(actor(ROOT, null));
    history.add(snapshot(ROOT, 'active', 'awaitingUser'));
    for (let poll = 1; poll <= 2500; poll += 1) {
      const child = `x:${poll}`;
      history.add(actor(child, ROOT));
      history.add(snapshot(child, 'done'));
    }
    const replay = history.replay();
    expect(replay[0]).toMatchObject({ type: '@xstate.actor', sessionId: ROOT, parentId: null });
    const rootSnapshots = replay.filter((message) => message.type === '@xstate.snapshot' && message.sessionId === ROOT);
    expect(rootSnapshots).toEqual([expect.objectContaining({ stateIds: ['deviceAuth.awaitingUser'] })]);
    // Bounded: 1,000 actors remembered, the newest children.
    const actors = sessions(replay, '@xstate.actor');
    expect(actors).toHaveLength(1000);
    expect(actors.at(-1)).toBe('x:2500');
    expect(actors).not.toContain('x:1');
    expect(replay.map((message) => message.seq)).toEqual(replay.map((message) => message.seq).sort((a, b) => a - b));
  });

  it('forgets finished children before running ones, and the oldest first', () => {
    const history = createViewerHistory(10);
    const { actor, snapshot } = stream();
    history.add(actor(ROOT, null));
    history.add(snapshot(ROOT, 'active', 'awaitingUser'));
    // An early child that keeps running (a long-lived helper), then 1,200 polls that each finish.
    history.add(actor('x:helper', ROOT));
    history.add(snapshot('x:helper', 'active'));
    for (let poll = 1; poll <= 1200; poll += 1) {
      history.add(actor(`x:${poll}`, ROOT));
      history.add(snapshot(`x:${poll}`, poll === 1200 ? 'active' : 'done'));
    }
    const actors = sessions(history.replay(), '@xstate.actor');
    expect(actors).toHaveLength(1000);
    expect(actors.slice(0, 2)).toEqual([ROOT, 'x:helper']);
    expect(actors).toContain('x:1200');
    expect(actors).not.toContain('x:202');
    expect(actors).toContain('x:203');
    expect(sessions(history.replay(), '@xstate.snapshot')).toContain('x:helper');
  });

  it('with only running children left, forgets the oldest child, never a root', () => {
    const history = createViewerHistory(10);
    const { actor, snapshot } = stream();
    history.add(actor(ROOT, null));
    history.add(actor('y:0', null));
    for (let child = 1; child <= 1001; child += 1) history.add(actor(`x:${child}`, ROOT));
    const actors = sessions(history.replay(), '@xstate.actor');
    expect(actors).toHaveLength(1000);
    expect(actors.slice(0, 3)).toEqual([ROOT, 'y:0', 'x:4']);
    history.add(snapshot(ROOT, 'active', 'idle'));
    expect(sessions(history.replay(), '@xstate.snapshot')).toEqual([ROOT]);
  });
});
