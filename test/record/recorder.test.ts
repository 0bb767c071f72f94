/**
 * The recorder in simulated time: a whole device flow against the in-memory mock, recorded
 * through `inspect` and the wrapped `fetch`, gives a versioned trace with every event and state
 * change at its simulated time, the context after each step, and each HTTP exchange summarized;
 * and no secret the mock handed out is anywhere in it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import { LIBRARY_VERSION } from '../../src/core/version.js';
import { deviceAuthMachine } from '../../src/machines/device-auth.machine.js';
import { createMockFetch, type MockFetch } from '../../src/mock/fetch.js';
import { createTraceRecorder, type TraceRecorder } from '../../src/record/trace-recorder.js';
import type { DeviceAuthTrace, TraceHttpStep, TraceSnapshotStep } from '../../src/record/trace.types.js';
import { createTraktServices } from '../../src/services/trakt/trakt-services.js';
import { expectNoSecrets } from '../inspect/support/secrets.js';
import { handedOut } from './support/handed-out.js';

const T0 = Date.UTC(2025, 0, 1);

/** Runs a device flow against `mock` with `recorder` attached, until it rests or is done. */
async function recordFlow(mock: MockFetch, recorder: TraceRecorder, advanceMs: number) {
  const services = createTraktServices({
    clientId: mock.clientId,
    clientSecret: mock.clientSecret,
    baseUrl: mock.url,
    userAgent: 'record-tests/1.0',
    fetch: recorder.wrapFetch(mock.fetch),
  });
  const actor = createActor(deviceAuthMachine.provide(services), { inspect: recorder.inspect });
  actor.start();
  actor.send({ type: 'start' });
  await vi.advanceTimersByTimeAsync(advanceMs);
  const snapshot = actor.getSnapshot();
  actor.stop();
  return snapshot;
}

/** The root actor's session id: the first step is its creation. */
const rootOf = (trace: DeviceAuthTrace): string => (trace.steps[0] as { sessionId: string }).sessionId;
const rootSnapshots = (trace: DeviceAuthTrace) =>
  trace.steps.filter((step): step is TraceSnapshotStep => step.type === '@xstate.snapshot' && step.sessionId === rootOf(trace));
/** `rows` without the rows equal to the one before: the changes. */
const changes = <T extends unknown[]>(rows: T[]): T[] => rows.filter((row, index) => index === 0 || JSON.stringify(row) !== JSON.stringify(rows[index - 1]));
const httpSteps = (trace: DeviceAuthTrace) => trace.steps.filter((step): step is TraceHttpStep => step.type === 'http');

describe('createTraceRecorder, in simulated time', () => {
  beforeEach(() => vi.useFakeTimers({ now: T0 }));
  afterEach(() => vi.useRealTimers());

  it('records every event and state change with its time, the context after each step, and each HTTP exchange', async () => {
    const mock = createMockFetch({ interval: 5, autoApproveAfterPolls: 2 });
    const recorder = createTraceRecorder({ secrets: [mock.clientSecret] });
    const snapshot = await recordFlow(mock, recorder, 20_000);
    expect(snapshot.status).toBe('done');
    const trace = recorder.trace();

    expect(trace).toMatchObject({ format: 'device-auth-trace', version: 1, packageVersion: LIBRARY_VERSION, machineId: 'deviceAuth', startedAt: T0, droppedSteps: 0 });
    expect(trace.endedAt).toBe(T0 + 20_000);
    expect(trace.steps.map((step) => step.seq)).toEqual(trace.steps.map((_, index) => index + 1));
    expect(trace.steps[0]).toMatchObject({ type: '@xstate.actor', parentId: null, machineId: 'deviceAuth' });

    // The root's states, each at its simulated time: codes at once, polls every 5 s, approved on the third.
    // (A state can be recorded more than once in a row: the context changed, e.g. when a poll went out.)
    const states = changes(rootSnapshots(trace).map((step) => [step.stateIds?.at(-1), step.time - T0]));
    expect(states).toEqual([
      ['deviceAuth.idle', 0],
      ['deviceAuth.requesting', 0],
      ['deviceAuth.awaitingUser.waiting', 0],
      ['deviceAuth.awaitingUser.polling', 5000],
      ['deviceAuth.awaitingUser.waiting', 5000],
      ['deviceAuth.awaitingUser.polling', 10_000],
      ['deviceAuth.awaitingUser.waiting', 10_000],
      ['deviceAuth.awaitingUser.polling', 15_000],
      ['deviceAuth.authorized', 15_000],
    ]);
    // The context after each step: the poll counter as it went.
    expect(changes(rootSnapshots(trace).map((step) => [(step.snapshot.context as { attempt: number }).attempt]))).toEqual([[0], [1], [2], [3]]);
    const codes = (rootSnapshots(trace)[2]!.snapshot.context as { codes: Record<string, unknown> }).codes;
    expect(codes).toMatchObject({ deviceCode: '[redacted]', interval: 5, expiresIn: 600 });
    expect(codes.userCode).toMatch(/^[A-Z0-9]{8}$/);

    // Events the machine was sent, from outside and from its actors.
    const events = trace.steps.flatMap((step) => (step.type === '@xstate.event' && step.sessionId === rootOf(trace) ? [step.event.type] : []));
    expect(events.filter((type) => type === 'start')).toHaveLength(1);
    expect(events.filter((type) => type === 'xstate.done.actor.pollToken')).toHaveLength(3);

    // Each exchange: method, path, status, duration, bodies redacted.
    expect(httpSteps(trace).map((step) => [step.method, step.origin, step.path, step.status, step.time - T0, step.durationMs])).toEqual([
      ['POST', mock.url, '/oauth/device/code', 200, 0, 0],
      ['POST', mock.url, '/oauth/device/token', 400, 5000, 0],
      ['POST', mock.url, '/oauth/device/token', 400, 10_000, 0],
      ['POST', mock.url, '/oauth/device/token', 200, 15_000, 0],
    ]);
    const [codeRequest, firstPoll, , lastPoll] = httpSteps(trace);
    expect(codeRequest!.requestBody).toEqual({ client_id: mock.clientId });
    expect(codeRequest!.responseBody).toMatchObject({ device_code: '[redacted]', interval: 5 });
    expect(firstPoll!.requestBody).toEqual({ code: '[redacted]', client_id: mock.clientId, client_secret: '[redacted]' });
    expect(lastPoll!.responseBody).toMatchObject({ access_token: '[redacted]', refresh_token: '[redacted]', token_type: 'bearer' });
    expect(httpSteps(trace).every((step) => step.error === null)).toBe(true);

    // The trace is plain JSON: what a file holds is what was recorded.
    expect(JSON.parse(JSON.stringify(trace))).toEqual(trace);
  });

  it('holds no secret the server handed out, nor the client secret', async () => {
    const secrets = handedOut();
    const mock = createMockFetch({ interval: 5, autoApproveAfterPolls: 1, generate: secrets.generate, clientSecret: 'client-secret-for-the-record-test' });
    const recorder = createTraceRecorder({ secrets: [mock.clientSecret] });
    expect((await recordFlow(mock, recorder, 15_000)).status).toBe('done');
    expect(secrets.count('device_code')).toBe(1);
    expect(secrets.count('access_token')).toBe(1);
    expectNoSecrets('the trace', JSON.stringify(recorder.trace()), { ...secrets.secrets(), 'client secret': mock.clientSecret });
  });

  it('removes a secret learned late from the steps recorded before it', async () => {
    const recorder = createTraceRecorder();
    const fetch = recorder.wrapFetch(async (_url: string, _init?: { method: string }) => new Response('{"note":"the server echoed late-secret-1234 here"}', { status: 500 }));
    await (await fetch('https://api.example/oauth/thing', { method: 'POST' })).text();
    await vi.advanceTimersByTimeAsync(0);
    expect(JSON.stringify(recorder.trace())).toContain('late-secret-1234');
    recorder.redactor.addSecret('late-secret-1234');
    expect(JSON.stringify(recorder.trace())).not.toContain('late-secret-1234');
    expect(httpSteps(recorder.trace())[0]!.responseBody).toEqual({ note: 'the server echoed [redacted] here' });
  });

  it('keeps memory bounded: past maxSteps the oldest steps go, the root actor stays, and the trace says how many', async () => {
    const mock = createMockFetch({ interval: 5, autoApproveAfterPolls: 20 });
    const recorder = createTraceRecorder({ maxSteps: 40 });
    await recordFlow(mock, recorder, 60_000);
    const trace = recorder.trace();
    expect(trace.steps.length).toBeLessThanOrEqual(40);
    expect(trace.droppedSteps).toBeGreaterThan(0);
    expect(trace.steps[0]).toMatchObject({ type: '@xstate.actor', parentId: null, machineId: 'deviceAuth' });
    expect(trace.machineId).toBe('deviceAuth');
  });

  it('never throws into the actor it records', () => {
    const recorder = createTraceRecorder();
    const hostile = { type: '@xstate.snapshot', get actorRef(): never { throw new Error('boom'); } };
    expect(() => recorder.inspect.next?.(hostile as never)).not.toThrow();
    expect(recorder.stepCount).toBe(0);
  });
});
