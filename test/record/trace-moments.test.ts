/**
 * Replaying a trace without a page, by the rule the viewer's time travel follows: after an event
 * to the root, the snapshot it led to; after anything else, the root's last snapshot at or before
 * it. A flow recorded in simulated time
 * (three pending polls two seconds apart, then approval) is read back moment by moment.
 */
import { describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import { deviceAuthMachine } from '../../src/machines/device-auth.machine.js';
import { createMockFetch } from '../../src/mock/fetch.js';
import { createTraceRecorder } from '../../src/record/trace-recorder.js';
import { momentAfter, traceMoments } from '../../src/record/trace-moments.js';
import type { DeviceAuthTrace, TraceStep } from '../../src/record/trace.types.js';
import { createTraktServices } from '../../src/services/trakt/trakt-services.js';

const T0 = Date.UTC(2025, 0, 1);

async function recordApprovedAfterThreePolls(): Promise<DeviceAuthTrace> {
  vi.useFakeTimers({ now: T0 });
  try {
    const mock = createMockFetch({ interval: 2, autoApproveAfterPolls: 3 });
    const recorder = createTraceRecorder();
    const services = createTraktServices({ clientId: mock.clientId, clientSecret: mock.clientSecret, baseUrl: mock.url, userAgent: 't/1', fetch: recorder.wrapFetch(mock.fetch) });
    const actor = createActor(deviceAuthMachine.provide(services), { inspect: recorder.inspect });
    actor.start();
    actor.send({ type: 'start' });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(actor.getSnapshot().status).toBe('done');
    actor.stop();
    return recorder.trace();
  } finally {
    vi.useRealTimers();
  }
}

const nth = (trace: DeviceAuthTrace, n: number, match: (step: TraceStep) => boolean): TraceStep => trace.steps.filter(match)[n]!;

describe('traceMoments and momentAfter', () => {
  it('give the root state and context right after any step', async () => {
    const trace = await recordApprovedAfterThreePolls();
    const moments = traceMoments(trace);
    // State changes (a state recorded again in a row only changed its context, e.g. a poll went out).
    const rows = moments.map((moment) => [moment.stateIds.at(-1), moment.time - T0]);
    expect(rows.filter((row, index) => index === 0 || JSON.stringify(row) !== JSON.stringify(rows[index - 1]))).toEqual([
      ['deviceAuth.idle', 0],
      ['deviceAuth.requesting', 0],
      ['deviceAuth.awaitingUser.waiting', 0],
      ['deviceAuth.awaitingUser.polling', 2000],
      ['deviceAuth.awaitingUser.waiting', 2000],
      ['deviceAuth.awaitingUser.polling', 4000],
      ['deviceAuth.awaitingUser.waiting', 4000],
      ['deviceAuth.awaitingUser.polling', 6000],
      ['deviceAuth.awaitingUser.waiting', 6000],
      ['deviceAuth.awaitingUser.polling', 8000],
      ['deviceAuth.authorized', 8000],
    ]);

    // An event: the state it led to. The second poll's answer sends the flow back to waiting.
    const secondAnswer = nth(trace, 1, (step) => step.type === '@xstate.event' && step.event.type === 'xstate.done.actor.pollToken');
    expect(momentAfter(trace, secondAnswer.seq)).toMatchObject({ value: { awaitingUser: 'waiting' }, context: { attempt: 2, nextPollAt: T0 + 6000 } });

    // The timer that makes a poll due: polling, even though the poll's own report (pollStarted)
    // is inspected before the snapshot the timer led to.
    const due = nth(trace, 1, (step) => step.type === '@xstate.event' && step.event.type.startsWith('xstate.after.pollDelay'));
    expect(momentAfter(trace, due.seq)).toMatchObject({ value: { awaitingUser: 'polling' }, eventType: (due as { event: { type: string } }).event.type });

    // An event to a child actor: the flow right then (the poll's answer reaches the promise first).
    const resolved = nth(trace, 1, (step) => step.type === '@xstate.event' && step.event.type === 'xstate.promise.resolve');
    expect(momentAfter(trace, resolved.seq)?.value).toEqual({ awaitingUser: 'polling' });

    // An HTTP exchange: the flow while it was in flight.
    const thirdPoll = nth(trace, 3, (step) => step.type === 'http');
    expect(thirdPoll).toMatchObject({ path: '/oauth/device/token', time: T0 + 6000 });
    expect(momentAfter(trace, thirdPoll.seq)).toMatchObject({ value: { awaitingUser: 'polling' }, context: { attempt: 3 } });

    // A state change itself, and the last step: the end.
    const lastSeq = trace.steps.at(-1)!.seq;
    expect(momentAfter(trace, lastSeq)).toEqual(moments.at(-1));
    expect(momentAfter(trace, moments[3]!.seq)).toEqual(moments[3]);

    // Before the flow's first snapshot there is no moment yet.
    expect(momentAfter({ steps: trace.steps.slice(0, 1) }, 1)).toBeUndefined();
  });
});
