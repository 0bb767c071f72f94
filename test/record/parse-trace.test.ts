/**
 * Reading a trace back: a recorded trace survives the round trip through a file; anything else is
 * refused with a `DeviceAuthError` whose message names what is wrong (cut short, not a trace, a
 * newer format, the first field of the wrong type), and what is accepted is a fresh copy of the
 * checked fields only.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import { DeviceAuthError } from '../../src/core/errors.js';
import { LIBRARY_VERSION } from '../../src/core/version.js';
import { deviceAuthMachine } from '../../src/machines/device-auth.machine.js';
import { createMockFetch } from '../../src/mock/fetch.js';
import { MAX_TRACE_STEPS, parseTrace, validateTrace } from '../../src/record/parse-trace.js';
import { createTraceRecorder } from '../../src/record/trace-recorder.js';
import { traceVersionWarning } from '../../src/record/trace-version.js';
import type { DeviceAuthTrace } from '../../src/record/trace.types.js';
import { createTraktServices } from '../../src/services/trakt/trakt-services.js';

const T0 = Date.UTC(2025, 0, 1);

/** A real trace: a flow denied after one pending poll, in simulated time. */
async function recordedTrace(): Promise<DeviceAuthTrace> {
  vi.useFakeTimers({ now: T0 });
  try {
    const mock = createMockFetch({ interval: 1, autoDenyAfterPolls: 1 });
    const recorder = createTraceRecorder({ secrets: [mock.clientSecret] });
    const services = createTraktServices({ clientId: mock.clientId, clientSecret: mock.clientSecret, baseUrl: mock.url, userAgent: 't/1', fetch: recorder.wrapFetch(mock.fetch) });
    const actor = createActor(deviceAuthMachine.provide(services), { inspect: recorder.inspect });
    actor.start();
    actor.send({ type: 'start' });
    await vi.advanceTimersByTimeAsync(5000);
    expect(actor.getSnapshot().value).toBe('denied');
    actor.stop();
    return recorder.trace();
  } finally {
    vi.useRealTimers();
  }
}

/** The message `parseTrace(text)` fails with (and that it fails with a DeviceAuthError). */
function refusal(text: string): string {
  try {
    parseTrace(text);
  } catch (error) {
    expect(error).toBeInstanceOf(DeviceAuthError);
    expect((error as DeviceAuthError).code).toBe('INVALID_RESPONSE');
    return (error as Error).message;
  }
  throw new Error('parseTrace accepted it');
}

/** The trace as JSON, with `change` applied to a copy first. */
function edited(trace: DeviceAuthTrace, change: (copy: Record<string, any>) => void): string {
  const copy = JSON.parse(JSON.stringify(trace)) as Record<string, any>;
  change(copy);
  return JSON.stringify(copy);
}

describe('parseTrace', () => {
  let trace: DeviceAuthTrace;
  beforeEach(async () => {
    trace = await recordedTrace();
  });
  afterEach(() => vi.useRealTimers());

  it('reads back what the recorder wrote, field for field', () => {
    expect(trace.steps.length).toBeGreaterThan(20);
    expect(parseTrace(JSON.stringify(trace, null, 2))).toEqual(trace);
  });

  it('says a truncated file is cut short, and an empty one is empty', () => {
    const text = JSON.stringify(trace);
    expect(refusal(text.slice(0, Math.floor(text.length / 2)))).toMatch(/^Not a readable device-auth trace: it is not valid JSON \(.+\); the file looks cut short\.$/);
    expect(refusal('  \n')).toBe('Not a readable device-auth trace: the file is empty.');
  });

  it('refuses another format, and a newer version naming both versions of the format', () => {
    expect(refusal('{"format":"har","version":1}')).toMatch(/its "format" is "har", not "device-auth-trace"/);
    expect(refusal('[1,2]')).toMatch(/"trace" must be an object, not an array/);
    expect(refusal(edited(trace, (copy) => (copy.version = 2)))).toMatch(/format version 2, and this device-auth-machine reads version 1/);
    expect(refusal(edited(trace, (copy) => (copy.version = '1')))).toMatch(/"version" must be 1, not "1"/);
  });

  it.each([
    ['a step time that is not a number', (copy: any) => (copy.steps[3].time = 'soon'), /"steps\[3\]\.time" must be a finite number, 0 or more, not "soon"/],
    ['a step without a type', (copy: any) => delete copy.steps[2].type, /"steps\[2\]\.type" must be one of "@xstate\.actor", "@xstate\.event", "@xstate\.snapshot", "http", not undefined/],
    ['an unknown step type', (copy: any) => (copy.steps[1].type = 'eval'), /"steps\[1\]\.type" must be one of .*, not "eval"/],
    ['steps out of order', (copy: any) => (copy.steps[5].seq = 2), /"steps\[5\]\.seq" must be greater than the step before \(5\), not 2/],
    ['a state id that is not a string', (copy: any) => (copy.steps.find((s: any) => s.stateIds?.length).stateIds[0] = 7), /stateIds\[0\]" must be a string, not number 7/],
    ['an event without a type', (copy: any) => delete copy.steps.find((s: any) => s.type === '@xstate.event').event.type, /\.event\.type" must be a string, not undefined/],
    ['a lower-case HTTP method', (copy: any) => (copy.steps.find((s: any) => s.type === 'http').method = 'post'), /\.method" must be an upper-case HTTP method, not "post"/],
    ['an HTTP status out of range', (copy: any) => (copy.steps.find((s: any) => s.type === 'http').status = 1000), /\.status" must be a whole number from 0 to 999, not number 1000/],
    ['a missing package version', (copy: any) => delete copy.packageVersion, /"packageVersion" must be a string, not undefined/],
    ['steps that are not a list', (copy: any) => (copy.steps = {}), /"steps" must be an array, not an object/],
  ])('names the field: %s', (_name, change, message) => {
    expect(refusal(edited(trace, change))).toMatch(message);
  });

  it('refuses values nested deeper than the recorder ever writes', () => {
    let deep: unknown = 'bottom';
    for (let level = 0; level < 100; level += 1) deep = { inner: deep };
    expect(refusal(edited(trace, (copy) => (copy.steps.find((s: any) => s.type === '@xstate.event').event.payload = deep)))).toMatch(/is nested more than 80 levels deep/);
  });

  it('refuses more steps than it reads', () => {
    expect(() => validateTrace({ ...trace, steps: { length: MAX_TRACE_STEPS + 1 } })).toThrow(/"steps" must be an array/);
    const many = edited(trace, (copy) => (copy.steps = Array.from({ length: MAX_TRACE_STEPS + 1 }, () => 0)));
    expect(refusal(many)).toMatch(new RegExp(`has ${MAX_TRACE_STEPS + 1} steps; at most ${MAX_TRACE_STEPS} are read`));
  });

  it('keeps only the fields it checked, and a "__proto__" key as plain data', () => {
    const text = edited(trace, (copy) => {
      copy.extra = 'dropped';
      copy.steps[0].onclick = 'alert(1)';
      copy.steps.find((s: any) => s.type === '@xstate.event').event = JSON.parse('{"type":"x","__proto__":{"polluted":true}}');
    });
    const read = parseTrace(text);
    expect(read).not.toHaveProperty('extra');
    expect(read.steps[0]).not.toHaveProperty('onclick');
    const event = read.steps.find((step) => step.type === '@xstate.event')!;
    expect(Object.getPrototypeOf(event.event)).toBe(Object.prototype);
    expect(Object.keys(event.event)).toEqual(['type', '__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('traceVersionWarning', () => {
  it('names both versions when the trace is from another version, and says nothing otherwise', () => {
    expect(traceVersionWarning({ packageVersion: LIBRARY_VERSION })).toBeUndefined();
    expect(traceVersionWarning({ packageVersion: '0.0.9' }, '0.1.0')).toBe(
      'This trace was recorded by device-auth-machine 0.0.9 and is replayed by 0.1.0: the diagram is this version\'s, so states that changed in between may not be highlighted.',
    );
  });
});
