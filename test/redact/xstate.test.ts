/**
 * XState objects: actor refs become `{ id, sessionId }` and are never walked into; snapshots and
 * inspection events become small JSON-safe records without secrets.
 */
import { describe, expect, it } from 'vitest';
import { assign, createActor, fromPromise, setup, type InspectionEvent } from 'xstate';
import { createRedactor, REDACTED, redact } from '../../src/redact/redact.js';

const flow = setup({
  types: {
    context: {} as { deviceCode: string | null; token: { accessToken: string; refreshToken: string; scope: string } | null; note: string },
    events: {} as { type: 'start' },
  },
  actors: {
    fetchToken: fromPromise(async () => ({ accessToken: 'AT-0001-secret', refreshToken: 'RT-0001-secret', scope: 'public' })),
  },
}).createMachine({
  id: 'flow',
  initial: 'idle',
  context: { deviceCode: null, token: null, note: '' },
  states: {
    idle: { on: { start: { target: 'polling', actions: assign({ deviceCode: 'DC-0001-secret', note: 'polling DC-0001-secret' }) } } },
    polling: {
      tags: ['busy'],
      invoke: { id: 'poller', src: 'fetchToken', onDone: { target: 'done', actions: assign({ token: ({ event }) => event.output }) } },
    },
    done: { type: 'final' },
  },
});

describe('XState values', () => {
  it('an actor-ref-like object becomes its id and sessionId; its internals are never read', () => {
    let touched = false;
    const ref = {
      id: 'poller',
      sessionId: 'x:1',
      send: () => undefined,
      getSnapshot: () => ({ context: { accessToken: 'leak' } }),
      get system(): unknown {
        touched = true;
        return { secret: 'leak' };
      },
      _parent: { clientSecret: 'leak' },
    };
    expect(redact({ actorRef: ref, list: [ref] })).toEqual({ actorRef: { id: 'poller', sessionId: 'x:1' }, list: [{ id: 'poller', sessionId: 'x:1' }] });
    expect(touched).toBe(false);
  });

  it('a real actor and its snapshot', async () => {
    const actor = createActor(flow).start();
    actor.send({ type: 'start' });
    const polling = actor.getSnapshot();
    expect(redact(polling, { secrets: ['DC-0001-secret'] })).toEqual({
      status: 'active',
      value: 'polling',
      context: { deviceCode: REDACTED, token: null, note: `polling ${REDACTED}` },
      tags: ['busy'],
      children: { poller: { id: 'poller', sessionId: expect.any(String) } },
    });
    await new Promise<void>((resolve) => actor.subscribe({ complete: resolve }));
    expect(redact(actor)).toEqual({ id: 'x:0', sessionId: 'x:0' });
    expect(redact(actor.getSnapshot())).toMatchObject({
      status: 'done',
      value: 'done',
      context: { token: { accessToken: REDACTED, refreshToken: REDACTED, scope: 'public' } },
    });
  });

  it('every inspection event of a run becomes JSON without secrets', async () => {
    const redactor = createRedactor();
    const lines: string[] = [];
    const inspect = (event: InspectionEvent) => {
      // Learn the device code from the snapshot it arrives in, before anything is written.
      const snapshot = 'snapshot' in event ? (event.snapshot as { context?: { deviceCode?: string | null } }) : undefined;
      redactor.addSecret(snapshot?.context?.deviceCode);
      lines.push(JSON.stringify(redactor.redact(event)));
    };
    const actor = createActor(flow, { inspect });
    actor.start();
    actor.send({ type: 'start' });
    await new Promise<void>((resolve) => actor.subscribe({ complete: resolve }));
    const all = lines.join('\n');
    expect(lines.length).toBeGreaterThan(5);
    for (const secret of ['DC-0001-secret', 'AT-0001-secret', 'RT-0001-secret']) expect(all).not.toContain(secret);
    expect(all).toContain('"type":"@xstate.snapshot"');
    expect(all).toContain('"actorRef":{"id":"x:');
    expect(all).toContain('"type":"@xstate.microstep"');
  });
});
