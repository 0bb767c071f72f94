import { describe, expect, it, vi } from 'vitest';
import type { SessionEmitted } from '../../src/machines/session.types.js';
import { DeviceAuthError } from '../../src/core/errors.js';
import { resumeSession } from '../../src/services/clients/resume-session.js';
import { createTraktSessionServices } from '../../src/services/clients/session-services.js';
import { CLIENT, fakeTrakt, type FakeTrakt } from '../session/fake-trakt.js';
import { advanceUntil, DAY, startSession, stateOf, testStore, type TestStore, T0, useFakeTimersAtT0 } from '../session/support.js';

/** Runs the session until `stopAt`, persists it as JSON and stops it (the app goes down). */
async function persistAt(trakt: FakeTrakt, store: TestStore, stopAt: number, act: (s: ReturnType<typeof startSession>) => void) {
  const first = startSession(trakt, store);
  await first.session.ready();
  act(first);
  await vi.advanceTimersByTimeAsync(stopAt - Date.now());
  const stored = JSON.stringify(first.actor.getPersistedSnapshot());
  first.session.stop();
  return JSON.parse(stored) as unknown;
}

function resume(trakt: FakeTrakt, store: TestStore, persisted: unknown) {
  const events: Array<SessionEmitted & { at: number }> = [];
  const services = createTraktSessionServices({ ...CLIENT, fetch: trakt.fetch, store });
  const session = resumeSession(persisted, { services, onEvent: (event) => events.push({ ...event, at: Date.now() }) });
  return { session, actor: session.actor, events };
}

describe('resume a persisted session', () => {
  useFakeTimersAtT0();

  it('mid sign-in: same user code, no new code request, the original schedule, then signed in and stored', async () => {
    const trakt = fakeTrakt({ approveAfterPolls: 2 });
    const store = testStore();
    const persisted = await persistAt(trakt, store, T0 + 7_000, ({ actor }) => actor.send({ type: 'signIn' }));
    vi.setSystemTime(T0 + 8_000);
    const { session, actor, events } = resume(trakt, store, persisted);
    expect(events[0]).toMatchObject({ type: 'codes', userCode: 'CODE1', expiresAt: T0 + 600_000, at: T0 + 8_000 });
    await advanceUntil(actor, (s) => s.matches('signedIn'));
    expect(trakt.count('/oauth/device/code')).toBe(1);
    expect(trakt.requests.filter((r) => r.path === '/oauth/device/token').map((r) => [r.at - T0, r.body.code])).toEqual([
      [5_000, 'device-1'],
      [10_000, 'device-1'],
      [15_000, 'device-1'],
    ]);
    expect(events.map((e) => e.type)).toEqual(['codes', 'poll', 'pending', 'poll', 'authorized', 'signedIn']);
    expect((await store.get())?.accessToken).toBe('access-1');
    expect(await session.getAccessToken()).toBe('access-1');
    session.stop();
  });

  it('mid sign-in, back after the code expired: signedOut (expired), nothing sent', async () => {
    const trakt = fakeTrakt({ approveAfterPolls: 100, latencyMs: 1_000 });
    const store = testStore();
    const persisted = await persistAt(trakt, store, T0 + 6_500, ({ actor }) => actor.send({ type: 'signIn' })); // a poll in flight
    const sent = trakt.requests.length;
    vi.setSystemTime(T0 + 3_600_000);
    const { actor, events } = resume(trakt, store, persisted);
    await advanceUntil(actor, (s) => s.matches('signedOut'));
    expect(actor.getSnapshot().context.reason).toBe('expired');
    expect(events.map((e) => e.type)).toEqual(['expired', 'signInEnded']);
    expect(trakt.requests).toHaveLength(sent);
  });

  it('signed in, back after the token became due: refreshes at once', async () => {
    const trakt = fakeTrakt();
    const store = testStore(trakt.issueToken());
    const persisted = await persistAt(trakt, store, T0 + DAY, () => undefined);
    vi.setSystemTime(T0 + 6.5 * DAY);
    const { session, actor, events } = resume(trakt, store, persisted);
    expect(stateOf(actor.getSnapshot())).toBe('refreshing.requesting');
    await advanceUntil(actor, (s) => s.matches('signedIn'));
    expect(trakt.requests.map((r) => [r.path, r.at - T0])).toEqual([['/oauth/token', 6.5 * DAY]]);
    expect(events.map((e) => e.type)).toEqual(['refreshed']);
    session.stop();
  });

  it('signed in and not due: the refresh timer is re-armed from the token expiry', async () => {
    const trakt = fakeTrakt();
    const store = testStore(trakt.issueToken());
    const persisted = await persistAt(trakt, store, T0 + DAY, () => undefined);
    vi.setSystemTime(T0 + 2 * DAY);
    const { session } = resume(trakt, store, persisted);
    await vi.advanceTimersByTimeAsync(4 * DAY - 1);
    expect(trakt.requests).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(trakt.requests.map((r) => r.at - T0)).toEqual([6 * DAY]);
    session.stop();
  });

  it('an error in context comes back as a DeviceAuthError', async () => {
    const trakt = fakeTrakt();
    const store = testStore(trakt.issueToken());
    trakt.fail('/oauth/token', 503);
    const persisted = await persistAt(trakt, store, T0 + 6 * DAY + 1_000, () => undefined); // backing off after a 503
    const { session, actor } = resume(trakt, store, persisted);
    expect(stateOf(actor.getSnapshot())).toBe('refreshing.waitingToRetry');
    expect(actor.getSnapshot().context.error).toBeInstanceOf(DeviceAuthError);
    expect(actor.getSnapshot().context.error).toMatchObject({ code: 'HTTP_STATUS', status: 503 });
    await vi.advanceTimersByTimeAsync(9_000); // the retry keeps its schedule: 10 s after the failure
    expect(trakt.requests.map((r) => [r.at - T0 - 6 * DAY, r.status])).toEqual([
      [0, 503],
      [10_000, 200],
    ]);
    session.stop();
  });

  it('a corrupt or foreign snapshot → CONFIGURATION', async () => {
    const trakt = fakeTrakt({ approveAfterPolls: 5 });
    const services = createTraktSessionServices({ ...CLIENT, fetch: trakt.fetch, store: testStore() });
    expect(() => resumeSession(null, { services })).toThrow(expect.objectContaining({ code: 'CONFIGURATION' }));
    expect(() => resumeSession({ status: 'active', value: { awaitingUser: 'waiting' }, context: {} }, { services })).toThrow(
      /not a session snapshot/,
    );
    expect(() => resumeSession({ status: 'active', value: 'signedIn', context: { refreshMarginMs: 1, unsaved: false, token: null } }, { services })).toThrow(
      /needs "context.token"/,
    );
    const context = { refreshMarginMs: 1, unsaved: false, token: null };
    expect(() => resumeSession({ status: 'stopped', value: 'signedIn', context }, { services })).toThrow(/"stopped", not active/);
    expect(() => resumeSession({ status: 'active', value: 'signedOut', context: { token: null } }, { services })).toThrow(/not a session context/);
    expect(() => resumeSession({ status: 'active', value: 'signedIn', context: { ...context, token: { accessToken: 'a' } } }, { services })).toThrow(
      /"context.token": "tokenType"/,
    );
    expect(() => resumeSession({ status: 'active', value: 'signedIn', context: { ...context, token: 'a' } }, { services })).toThrow(
      /the token must be an object/,
    );
    expect(() => resumeSession({ status: 'active', value: 'signingIn', context, children: {} }, { services })).toThrow(/no device-auth child/);
    const persisted = (await persistAt(trakt, testStore(), T0 + 7_000, ({ actor }) => actor.send({ type: 'signIn' }))) as Record<string, unknown>;
    const children = persisted.children as Record<string, { snapshot: Record<string, unknown> }>;
    const broken = { ...persisted, children: { ...children, deviceAuth: { ...children.deviceAuth, snapshot: { ...children.deviceAuth!.snapshot, context: null } } } };
    expect(() => resumeSession(broken, { services })).toThrow(/Cannot resume the device flow: "context" is missing/);
  });
});
