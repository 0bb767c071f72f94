/**
 * Two tabs of one app share localStorage, so they share the token pair and can refresh it at
 * the same moment, like two processes on one token file. The Web Storage store's `withLock`
 * takes the Web Lock `device-auth-machine:<key>` (navigator.locks), so the second tab waits and
 * adopts the first one's pair instead of spending the same single-use refresh token.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSession } from '../../src/services/clients/session-client.js';
import { createTraktSessionServices } from '../../src/services/clients/session-services.js';
import { createWebStorageTokenStore, type TokenWebLocks } from '../../src/services/stores/web-storage-token-store.js';
import { CLIENT, fakeTrakt } from '../session/fake-trakt.js';
import { FakeStorage, sampleToken } from './fixtures.js';

/** A lock manager like navigator.locks: one holder per name at a time, in request order. */
function fakeLocks(): TokenWebLocks & { names: string[] } {
  const tails = new Map<string, Promise<unknown>>();
  const names: string[] = [];
  return {
    names,
    request<T>(name: string, callback: () => Promise<T>): Promise<T> {
      names.push(name);
      const run = (tails.get(name) ?? Promise.resolve()).then(() => callback());
      tails.set(name, run.catch(() => undefined));
      return run;
    },
  };
}

// The DOM's LockManager (navigator.locks) fits the interface: checked by the type checker.
void (undefined as unknown as LockManager satisfies TokenWebLocks);

describe('Web Storage store: withLock through the Web Locks API', () => {
  it('runs each step holding the lock named after the key, one step at a time', async () => {
    const locks = fakeLocks();
    const store = createWebStorageTokenStore({ storage: new FakeStorage(), key: 'my-app:token', locks });
    const order: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = store.withLock!(async () => {
      order.push('first starts');
      await gate;
      await store.set(sampleToken({ accessToken: 'access-1' }));
      order.push('first ends');
      return 1;
    });
    const second = store.withLock!(async () => {
      order.push(`second reads ${(await store.get())?.accessToken}`);
      return 2;
    });
    await Promise.resolve();
    release();
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(order).toEqual(['first starts', 'first ends', 'second reads access-1']);
    expect(locks.names).toEqual(['device-auth-machine:my-app:token', 'device-auth-machine:my-app:token']);
  });

  it('rejects with what the step threw', async () => {
    const store = createWebStorageTokenStore({ storage: new FakeStorage(), locks: fakeLocks() });
    await expect(store.withLock!(() => Promise.reject(new Error('step failed')))).rejects.toThrow('step failed');
  });

  describe('the default lock manager', () => {
    afterEach(() => vi.unstubAllGlobals());

    it('is navigator.locks when the runtime has it', async () => {
      const locks = fakeLocks();
      vi.stubGlobal('navigator', { locks });
      const store = createWebStorageTokenStore({ storage: new FakeStorage() });
      await store.withLock!(() => Promise.resolve());
      expect(locks.names).toEqual(['device-auth-machine:device-auth:token']);
    });

    it('none available, or locks: null: no withLock', () => {
      vi.stubGlobal('navigator', {});
      expect(createWebStorageTokenStore({ storage: new FakeStorage() }).withLock).toBeUndefined();
      vi.stubGlobal('navigator', { locks: fakeLocks() });
      expect(createWebStorageTokenStore({ storage: new FakeStorage(), locks: null }).withLock).toBeUndefined();
    });
  });
});

describe('two tabs refresh the same pair at once', () => {
  beforeEach(() => vi.useFakeTimers({ now: Date.UTC(2025, 0, 1) }));
  afterEach(() => vi.useRealTimers());

  it('one refresh request; the other tab adopts its pair; both signed in with it', async () => {
    const trakt = fakeTrakt({ latencyMs: 1_000 });
    const storage = new FakeStorage();
    const locks = fakeLocks();
    const first = trakt.issueToken();
    await createWebStorageTokenStore({ storage, locks }).set(first);
    const tabs = [0, 1].map(() => {
      const store = createWebStorageTokenStore({ storage, locks }); // each tab has its own store object
      return createSession({ services: createTraktSessionServices({ ...CLIENT, fetch: trakt.fetch, store }) });
    });
    await Promise.all(tabs.map((tab) => tab.ready()));
    const events = tabs.map((tab) => {
      const seen: string[] = [];
      tab.actor.on('refreshed', (e) => seen.push(`refreshed via ${e.via}`));
      return seen;
    });
    for (const tab of tabs) tab.actor.send({ type: 'refresh' });
    await vi.advanceTimersByTimeAsync(2_000);

    expect(trakt.requests.map((r) => [r.path, r.body.refresh_token, r.status])).toEqual([['/oauth/token', first.refreshToken, 200]]);
    expect(events).toEqual([['refreshed via server'], ['refreshed via store']]);
    const tokens = tabs.map((tab) => tab.actor.getSnapshot().context.token);
    expect(tokens[0]).toMatchObject({ accessToken: 'access-2', refreshToken: 'refresh-2' });
    expect(tokens[1]).toEqual(tokens[0]);
    expect(await createWebStorageTokenStore({ storage, locks: null }).get()).toEqual(tokens[0]);
    for (const tab of tabs) tab.stop();
  });
});
