/**
 * Helpers of the session tests: a token store that can be told to fail, a session started over
 * the in-process fake Trakt with every emitted event recorded (with its fake-clock time), and a
 * loop that advances fake time until a condition holds.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import type { SessionEmitted, SessionInput } from '../../src/machines/session.types.js';
import { DeviceAuthError } from '../../src/core/errors.js';
import { createMemoryTokenStore } from '../../src/services/stores/memory-token-store.js';
import { createSession, type SessionSnapshot } from '../../src/services/clients/session-client.js';
import { createTraktSessionServices } from '../../src/services/clients/session-services.js';
import type { DeviceToken } from '../../src/core/token.js';
import type { TokenStore } from '../../src/services/stores/token-store.js';
import { advanceActorUntil } from '../support/run-machine.js';
import { CLIENT, type FakeTrakt } from './fake-trakt.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** Where fake time starts in the session tests: 2025-01-01T00:00:00Z. */
export const T0 = Date.UTC(2025, 0, 1);

/** Fake timers (and `Date`) starting at {@link T0} for each test of the surrounding `describe`; real ones after it. */
export function useFakeTimersAtT0(): void {
  beforeEach(() => vi.useFakeTimers({ now: T0 }));
  afterEach(() => vi.useRealTimers());
}

/** A memory store that records writes and deletes and fails the next N operations on request. */
export function testStore(initial?: DeviceToken) {
  const inner = createMemoryTokenStore(initial);
  const writes: Array<{ at: number; token: DeviceToken }> = [];
  const failures = { get: 0, set: 0, delete: 0 };
  let deletes = 0;
  const fail = (operation: string) => new DeviceAuthError('STORE', `cannot ${operation} the token: disk full`);
  const store: TokenStore & {
    writes: typeof writes;
    readonly deletes: number;
    failNext(operation: keyof typeof failures, times?: number): void;
  } = {
    writes,
    get deletes() {
      return deletes;
    },
    failNext(operation, times = 1) {
      failures[operation] += times;
    },
    async get() {
      if (failures.get > 0) {
        failures.get -= 1;
        throw fail('read');
      }
      return inner.get();
    },
    async set(token) {
      if (failures.set > 0) {
        failures.set -= 1;
        throw fail('write');
      }
      writes.push({ at: Date.now(), token });
      return inner.set(token);
    },
    async delete(expected) {
      if (failures.delete > 0) {
        failures.delete -= 1;
        throw fail('delete');
      }
      deletes += 1;
      return inner.delete(expected);
    },
  };
  return store;
}

export type TestStore = ReturnType<typeof testStore>;

/** Starts a session over the fake Trakt and records every emitted event with its time. */
export function startSession(trakt: FakeTrakt, store: TokenStore, input?: SessionInput) {
  const services = createTraktSessionServices({ ...CLIENT, fetch: trakt.fetch, store });
  const session = createSession({ services, input });
  const events: Array<SessionEmitted & { at: number }> = [];
  session.actor.on('*', (event) => events.push({ ...event, at: Date.now() }));
  return { session, actor: session.actor, events, types: () => events.map((e) => e.type) };
}

/** The state value as a dotted string, e.g. `signedIn.saved`. */
export function stateOf(snapshot: SessionSnapshot): string {
  const walk = (value: unknown): string =>
    typeof value === 'string'
      ? value
      : Object.entries(value as Record<string, unknown>)
          .map(([key, child]) => `${key}.${walk(child)}`)
          .join(',');
  return walk(snapshot.value);
}

/** Advances fake time timer by timer until `done` holds; fails after `maxSteps` timers. */
export function advanceUntil(
  actor: { getSnapshot(): SessionSnapshot },
  done: (snapshot: SessionSnapshot) => boolean,
  maxSteps = 500,
): Promise<SessionSnapshot> {
  return advanceActorUntil(actor, done, maxSteps, (snapshot) => `session did not settle; still in ${stateOf(snapshot)}`);
}
