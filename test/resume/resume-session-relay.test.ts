/**
 * The relay that re-emits the device-auth child's events is handed the session through its
 * input, never by reading a private field. An actor reference does not survive persistence, so
 * the persisted snapshot must not carry one, and a restored session hands itself over again on
 * `resume`, before the child can emit anything.
 */
import { describe, expect, it, vi } from 'vitest';
import type { SessionEmitted } from '../../src/machines/session.types.js';
import { resumeSession } from '../../src/services/clients/resume-session.js';
import { createTraktSessionServices } from '../../src/services/clients/session-services.js';
import { CLIENT, fakeTrakt } from '../session/fake-trakt.js';
import { advanceUntil, startSession, testStore, useFakeTimersAtT0 } from '../session/support.js';

describe('the device-auth relay across persistence', () => {
  useFakeTimersAtT0();

  it('a session persisted mid sign-in holds no actor reference (the relay input is left out)', async () => {
    const trakt = fakeTrakt({ approveAfterPolls: 5 });
    const { session, actor } = startSession(trakt, testStore());
    await session.ready();
    actor.send({ type: 'signIn' });
    await vi.advanceTimersByTimeAsync(1_000);
    const persisted = actor.getPersistedSnapshot() as unknown as { children: Record<string, { snapshot: Record<string, unknown> }> };
    expect(Object.keys(persisted.children).sort()).toEqual(['deviceAuth', 'relayDeviceAuthEvents']);
    expect(persisted.children.relayDeviceAuthEvents!.snapshot).toEqual({ status: 'active', output: undefined, error: undefined, input: undefined });
    expect(JSON.stringify(persisted)).not.toContain('xstate$$type');
    session.stop();
  });

  it('restored from the in-memory snapshot (no JSON round trip): the new child is relayed, from the first event on', async () => {
    const trakt = fakeTrakt({ approveAfterPolls: 1 });
    const store = testStore();
    const first = startSession(trakt, store);
    await first.session.ready();
    first.actor.send({ type: 'signIn' });
    await vi.advanceTimersByTimeAsync(1_000);
    const persisted = first.actor.getPersistedSnapshot();
    first.session.stop();

    const events: SessionEmitted[] = [];
    const services = createTraktSessionServices({ ...CLIENT, fetch: trakt.fetch, store });
    const resumed = resumeSession(persisted, { services, onEvent: (event) => events.push(event) });
    await advanceUntil(resumed.actor, (s) => s.matches('signedIn'));
    expect(events.map((e) => e.type)).toEqual(['codes', 'poll', 'pending', 'poll', 'authorized', 'signedIn']);
    expect(first.types()).toEqual(['codes']);
    resumed.stop();
  });
});
