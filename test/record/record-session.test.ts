/**
 * `recordTrace(actor)` on an actor that is already running: `createSession` starts its actor at
 * once, so the recorder first records where it is (the session loading its stored token, with the
 * load actor) and then every step of a refresh, with the HTTP exchange made through the
 * recorder's `fetch`; no access or refresh token, old or new, is in the trace. Simulated time.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fromStoredToken } from '../../src/core/token.js';
import { createMockFetch } from '../../src/mock/fetch.js';
import { ATTACHED_EVENT_TYPE } from '../../src/record/inspection-steps.js';
import { createTraceRecorder } from '../../src/record/trace-recorder.js';
import { traceMoments } from '../../src/record/trace-moments.js';
import type { TraceHttpStep } from '../../src/record/trace.types.js';
import { createSession } from '../../src/services/clients/session-client.js';
import { createTraktSessionServices } from '../../src/services/clients/session-services.js';
import { createMemoryTokenStore } from '../../src/services/stores/memory-token-store.js';
import { expectNoSecrets } from '../inspect/support/secrets.js';
import { handedOut } from './support/handed-out.js';

const T0 = Date.UTC(2025, 0, 1);

describe('recordTrace on a running session, in simulated time', () => {
  beforeEach(() => vi.useFakeTimers({ now: T0 }));
  afterEach(() => vi.useRealTimers());

  it('records where the session was when attached, then a refresh step by step, with no token in it', async () => {
    const secrets = handedOut();
    const mock = createMockFetch({ generate: secrets.generate });
    const stored = fromStoredToken(mock.issueToken())!;
    const recorder = createTraceRecorder({ secrets: [mock.clientSecret] });
    const services = createTraktSessionServices({
      clientId: mock.clientId,
      clientSecret: mock.clientSecret,
      baseUrl: mock.url,
      userAgent: 'record-tests/1.0',
      fetch: recorder.wrapFetch(mock.fetch),
      store: createMemoryTokenStore(stored),
    });
    const session = createSession({ services });
    recorder.attach(session.actor);
    await session.ready();
    const refreshed = new Promise((resolve) => session.actor.on('refreshed', resolve));
    session.actor.send({ type: 'refresh' });
    await refreshed;
    await vi.advanceTimersByTimeAsync(0);
    session.stop();

    const trace = recorder.trace();
    expect(trace.machineId).toBe('session');
    // Attached: the root (and the load actor it had invoked) as they were, before anything else.
    expect(trace.steps[0]).toMatchObject({ type: '@xstate.actor', parentId: null, machineId: 'session' });
    expect(trace.steps[1]).toMatchObject({ type: '@xstate.snapshot', eventType: ATTACHED_EVENT_TYPE, stateIds: ['session.loading'] });
    const rootId = (trace.steps[0] as { sessionId: string }).sessionId;
    expect(trace.steps.slice(2, 4)).toMatchObject([
      { type: '@xstate.actor', parentId: rootId },
      { type: '@xstate.snapshot', eventType: ATTACHED_EVENT_TYPE },
    ]);
    // Then every state the session went through.
    const states = traceMoments(trace).map((moment) => moment.stateIds.at(-1));
    expect(states[0]).toBe('session.loading');
    expect(states).toContain('session.refreshing.requesting');
    expect(states.indexOf('session.signedIn.saved')).toBeLessThan(states.indexOf('session.refreshing.requesting'));
    expect(states.at(-1)).toBe('session.signedIn.saved');
    const http = trace.steps.filter((step): step is TraceHttpStep => step.type === 'http');
    expect(http.map((step) => [step.method, step.path, step.status])).toEqual([['POST', '/oauth/token', 200]]);
    expect(http[0]!.requestBody).toMatchObject({ refresh_token: '[redacted]', client_secret: '[redacted]' });
    expect(http[0]!.responseBody).toMatchObject({ access_token: '[redacted]', refresh_token: '[redacted]' });

    expect(secrets.count('access_token')).toBe(2);
    expectNoSecrets('the session trace', JSON.stringify(trace), { ...secrets.secrets(), 'client secret': mock.clientSecret });
  });
});
