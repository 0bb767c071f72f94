/**
 * Runs one {@link SessionScenario} against the real session machine and the real Trakt session
 * services (`createTraktSessionServices`: dialect, HTTP seam, the store-call ordering, the
 * device-auth child for sign-in) under vitest fake timers, with the services' and the session
 * client's clock tied to the fake clock, and returns every invariant it saw broken:
 *
 * 1. never two refreshes in flight in one process;
 * 2. (one process) a refresh never sends a refresh token the server no longer accepts because
 *    the session was already given its successor, or because it was refused or revoked;
 * 3. a stored pair is never replaced by an older one; a clear is never undone by a write made
 *    before it (no pair issued before a sign-out lands in the store after it);
 * 4. never lost: whenever a session is in `signedIn.saved` the store holds its pair (one
 *    process) or a newer one (two); once quiet, a signed-in session's pair is live on the
 *    server, saved, and in the store;
 * 5. `getAccessToken()` never hands out an access token the server has killed (one process);
 * 6. no timer left once the actors stop, other than store calls still running;
 * 7. no secret in any emitted event but the token payloads (`signedIn`, `refreshed`,
 *    `authorized`), nor in `redact(actor.getPersistedSnapshot(), { secrets: [clientSecret] })`;
 * 8. (one process) a sign-out that reports `revoked: true` leaves no pair of that sign-in live
 *    on the server;
 * 9. (two processes, no sign-out, no refusal) no session ends by itself unless a store call
 *    failed: the other process's pair was always there to adopt;
 * 10. a failed refresh is retried within an hour (the `Retry-After` cap), sleeps aside.
 */
import { vi } from 'vitest';
import type { SnapshotFrom } from 'xstate';
import type { SessionMachine } from '../../../src/machines/session.machine.js';
import type { SessionEmitted } from '../../../src/machines/session.types.js';
import { redact } from '../../../src/redact/redact.js';
import { createSession, type Session } from '../../../src/services/clients/session-client.js';
import { createTraktSessionServices, type SessionServices } from '../../../src/services/clients/session-services.js';
import { flushMicrotasks, secretsIn, secretsInText } from './secrets.js';
import type { SessionScenario } from './session-scenario.js';
import { createSessionWorld, SESSION_CLIENT, type Pair, type SessionWorld } from './session-server.js';

export const T0 = Date.UTC(2025, 0, 1);
/** The longest wait a server's `Retry-After` may impose (src/services/http/response.ts clamps to it). */
const MAX_RETRY_WAIT_MS = 60 * 60 * 1000;

type Snapshot = SnapshotFrom<SessionMachine>;

export interface SessionRun {
  violations: string[];
  world: SessionWorld;
  /** State changes per process with their time (ms after T0). */
  states: Array<{ at: number; process: number; state: string }>;
  events: Array<{ at: number; process: number; type: string; detail?: string }>;
}

/** A short account of a run for a failure message: state changes, events, store changes. */
export function describeSessionRun(run: SessionRun): string {
  const states = run.states.map((s) => `${s.at}:p${s.process}:${s.state}`);
  const events = run.events.map((e) => `${e.at}:p${e.process}:${e.type}${e.detail ? `(${e.detail})` : ''}`);
  const store = run.world.storeEvents.map((e) => `${e.at - T0}:p${e.process}:${e.op}${e.serial === undefined ? '' : ` pair ${e.serial}`}`);
  return `states: ${states.slice(-20).join(' ')}\nevents: ${events.slice(-20).join(' ')}\nstore: ${store.slice(-12).join(' ')}`;
}

function stateOf(snapshot: Snapshot): string {
  const walk = (value: unknown): string =>
    typeof value === 'string'
      ? value
      : Object.entries(value as Record<string, unknown>)
          .map(([key, child]) => `${key}.${walk(child)}`)
          .join(',');
  return walk(snapshot.value);
}

const TOKEN_EVENTS = new Set(['signedIn', 'refreshed', 'authorized']);

export interface SessionRunOptions {
  /**
   * Also check that a sign-out which reports `revoked: true` left no pair of that sign-in live on
   * the server (8). Default true.
   */
  checkRevocation?: boolean;
  /** For the harness's own self-tests only: deliberately broken services, to show an invariant can fail. */
  wrapServices?: (services: SessionServices) => SessionServices;
}

export async function runSessionScenario(scenario: SessionScenario, options: SessionRunOptions = {}): Promise<SessionRun> {
  const checkRevocation = options.checkRevocation ?? true;
  vi.useFakeTimers({ now: T0 });
  const world = createSessionWorld(scenario);
  const violations: string[] = [];
  const states: SessionRun['states'] = [];
  const events: SessionRun['events'] = [];
  const t = () => Date.now() - T0;
  const fail = (message: string) => {
    if (violations.length < 30) violations.push(`t=${t()}: ${message}`);
  };
  const single = scenario.processes === 1;
  const sessions: Session[] = [];
  const stopped: boolean[] = [];

  // The stored pair, `agePermille` of a lifetime old.
  const initial = world.issue(T0 - Math.round(scenario.agePermille * scenario.lifetimeS), undefined);
  world.cell.token = world.tokenOf(initial);
  /** The newest pair each process was handed by the server (or loaded at start). */
  const newestDelivered: number[] = [initial.serial, initial.serial];
  /** Serials issued before the latest sign-out's clear, per the clears seen (store monotonicity across a clear). */
  let maxLanded = 0;
  /** Pairs issued before the current sign-in (serials up to this belong to earlier sign-ins). */
  let issuedBeforeSignIn = 0;
  /** The latest sign-out's clear: when, how many store changes had landed by then, and the newest pair issued by then. */
  let lastClear: { at: number; storeEvents: number; newestIssued: number } | undefined;

  const serialOf = (accessToken: string | undefined): number | undefined => world.pairOfAccess(accessToken)?.serial;
  /** Older pairs a session adopted from the store (an open defect): what follows from them is tagged with it. */
  const adoptedStale = new Set<number>();
  const staleTag = (pair: Pair | undefined) => (pair !== undefined && adoptedStale.has(pair.serial) ? '[adopt-stale] ' : '');
  const describe = (pair: Pair | undefined) => (pair === undefined ? 'an unknown pair' : `pair ${pair.serial}`);

  /** Invariant 4 at one moment: signedIn.saved means the store holds the session's pair (or newer). */
  const checkSaved = (process: number, snapshot: Snapshot, where: string) => {
    if (!snapshot.matches({ signedIn: 'saved' })) return;
    const mine = serialOf(snapshot.context.token?.accessToken);
    const stored = serialOf(world.cell.token?.accessToken);
    if (single ? stored !== mine : stored === undefined || mine === undefined || stored < mine) {
      fail(`process ${process} is in signedIn.saved with pair ${mine} but the store holds ${stored === undefined ? 'nothing' : `pair ${stored}`} (${where})`);
    }
  };

  const checkSnapshotRedaction = (process: number, where: string) => {
    if (stopped[process]) return;
    const json = JSON.stringify(redact(sessions[process]!.actor.getPersistedSnapshot(), { secrets: [SESSION_CLIENT.clientSecret] }));
    const leaked = secretsInText(json, world.secrets);
    if (leaked.length > 0) fail(`process ${process}: redacted persisted snapshot (${where}) holds ${leaked.join(', ')}`);
  };

  let storeEventsSeen = 0;
  /** Invariant 3, on every store change since the last look. */
  const checkStoreHistory = () => {
    for (; storeEventsSeen < world.storeEvents.length; storeEventsSeen += 1) {
      const change = world.storeEvents[storeEventsSeen]!;
      if (change.op === 'delete') continue;
      const serial = change.serial ?? 0;
      if (serial < maxLanded) fail(`process ${change.process} wrote pair ${serial} over the newer pair ${maxLanded} (at t=${change.at - T0})`);
      if (lastClear !== undefined && storeEventsSeen >= lastClear.storeEvents && serial <= lastClear.newestIssued) {
        fail(`process ${change.process} wrote pair ${serial}, issued before the sign-out's clear at t=${lastClear.at - T0}, after that clear`);
      }
      maxLanded = Math.max(maxLanded, serial);
    }
  };

  const startProcess = (process: number) => {
    const wrap = options.wrapServices ?? ((given: SessionServices) => given);
    const services = wrap(createTraktSessionServices({
      ...SESSION_CLIENT,
      fetch: world.fetchFor(process),
      timeoutMs: scenario.timeoutMs,
      now: () => Date.now(),
      store: world.storeFor(process),
    }));
    const session = createSession({ services, now: () => Date.now() });
    sessions[process] = session;
    stopped[process] = false;
    let last = '';
    session.actor.subscribe({
      next: (snapshot) => {
        const state = stateOf(snapshot);
        if (state !== last) {
          last = state;
          states.push({ at: t(), process, state });
          if (state === 'signingIn') issuedBeforeSignIn = world.pairs.length;
        }
        checkStoreHistory();
        checkSaved(process, snapshot, 'on entering it');
      },
      error: (error) => fail(`process ${process}: the session actor failed: ${String(error)}`),
    });
    session.actor.on('*', (event: SessionEmitted) => {
      const detail =
        event.type === 'sessionEnded' || event.type === 'signedOut' || event.type === 'signInEnded'
          ? JSON.stringify({ reason: event.reason, ...('cleared' in event ? { cleared: event.cleared } : {}) })
          : event.type === 'refreshRetry' || event.type === 'storeFailed'
            ? `${'reason' in event ? event.reason : event.operation}`
            : undefined;
      events.push({ at: t(), process, type: event.type, ...(detail === undefined ? {} : { detail }) });
      const allowed = TOKEN_EVENTS.has(event.type) ? [SESSION_CLIENT.clientSecret, ...world.deviceCodes] : [...world.secrets];
      const leaked = secretsIn(event, allowed);
      if (leaked.length > 0) fail(`process ${process} emitted ${event.type} holding ${leaked.join(', ')}`);
      if (!single && event.type === 'sessionEnded' && world.failedStoreCalls() === 0) {
        // Nothing refused a live pair and every store call worked: the other process's pair was
        // there to adopt. Ending here signs the person out because two processes raced.
        fail(`[race] process ${process} ended its session (${event.reason}) while the other process held a live pair it had stored`);
      }
      if (event.type === 'refreshed' && event.via === 'store' && single) {
        // One process: nobody else writes the store, so a pair found there that differs from the
        // session's is one the session held before (a clear or a save failed): never newer.
        const pair = world.pairOfAccess(event.token.accessToken);
        if (pair !== undefined && pair.serial < newestDelivered[process]!) {
          adoptedStale.add(pair.serial);
          fail(`[adopt-stale] process ${process} replaced its pair ${newestDelivered[process]} by the older pair ${pair.serial} it found in the store (${pair.death ?? 'still live'})`);
        }
      }
      if (event.type === 'refreshed' || event.type === 'signedIn') {
        const pair = world.pairOfAccess(event.token.accessToken);
        if (pair !== undefined) newestDelivered[process] = Math.max(newestDelivered[process]!, pair.serial);
      }
      if (checkRevocation && single && event.type === 'signedOut' && event.reason === 'signOut' && event.revoked) {
        // Every pair the server handed this sign-in (the stored one included) is dead now.
        const live = world.pairs.filter((pair) => pair.serial > issuedBeforeSignIn && pair.refreshLive);
        if (live.length > 0) fail(`[revocation] signedOut { revoked: true } but pair ${live.map((p) => p.serial).join(', ')} is still live on the server`);
      }
      if (event.type === 'signedOut') issuedBeforeSignIn = world.pairs.length;
      if (single && event.type === 'signedOut' && event.reason === 'signOut' && event.cleared) {
        lastClear = { at: Date.now(), storeEvents: world.storeEvents.length, newestIssued: world.pairs.length };
        if (single && world.cell.token !== undefined) fail(`signedOut { cleared: true } while the store holds ${describe(world.pairOfAccess(world.cell.token.accessToken))}`);
      }
    });
  };

  /** Invariants 1 and 2, on every refresh request as the server saw it. */
  let refreshesSeen = 0;
  const checkRefreshes = () => {
    for (; refreshesSeen < world.refreshes.length; refreshesSeen += 1) {
      const request = world.refreshes[refreshesSeen]!;
      if (request.concurrent > 0) fail(`process ${request.process} started a refresh while ${request.concurrent} other(s) of its own were in flight`);
      const sent = request.sent;
      if (!single) continue;
      if (sent === undefined) fail(`a refresh with a refresh token the server never issued`);
      else if (!request.sentLive) {
        const at = request.startedAt - T0;
        if (request.sentDeath === 'rotated') fail(`${staleTag(sent)}refresh at t=${at} sent the rotated refresh token of pair ${sent.serial} (the session already had pair ${newestDelivered[0]})`);
        else fail(`${staleTag(sent)}refresh at t=${at} sent the refresh token of pair ${sent.serial}, already ${request.sentDeath}`);
      }
    }
  };

  const sleeps: Array<{ at: number; ms: number }> = [];
  /** Invariant 10: a refresh that failed is retried within the longest allowed wait (plus any sleep). */
  const checkRetryWaits = () => {
    for (let p = 0; p < scenario.processes; p += 1) {
      const mine = states.filter((s) => s.process === p);
      mine.forEach((s, i) => {
        const next = mine[i + 1];
        if (s.state !== 'refreshing.waitingToRetry' || next === undefined) return;
        const slept = sleeps.filter((z) => z.at - T0 >= s.at && z.at - T0 <= next.at).reduce((sum, z) => sum + z.ms, 0);
        if (next.at - s.at > MAX_RETRY_WAIT_MS + slept + 1_000) {
          fail(`process ${p} waited ${next.at - s.at} ms (from t=${s.at}) to retry a refresh: more than the one-hour Retry-After cap`);
        }
      });
    }
  };

  const pendingAccessTokens: Array<Promise<void>> = [];
  const askAccessToken = (process: number) => {
    const asked = t();
    pendingAccessTokens.push(
      sessions[process]!.getAccessToken().then(
        (accessToken) => {
          if (accessToken === undefined || !single) return;
          const pair = world.pairOfAccess(accessToken);
          if (pair === undefined) fail(`getAccessToken (asked at t=${asked}) returned a token the server never issued`);
          else if (!pair.accessLive) fail(`${staleTag(pair)}getAccessToken (asked at t=${asked}) returned the access token of pair ${pair.serial}, already ${pair.death}`);
          else if (world.tokenOf(pair).expiresAt <= Date.now()) fail(`getAccessToken (asked at t=${asked}) returned the expired access token of pair ${pair.serial}`);
        },
        () => undefined,
      ),
    );
  };

  const stopAll = async (why: string) => {
    for (let p = 0; p < scenario.processes; p += 1) {
      if (!stopped[p]) {
        stopped[p] = true;
        sessions[p]!.stop();
      }
    }
    await flushMicrotasks();
    const timers = vi.getTimerCount() - world.storeTimers();
    if (timers > 0) fail(`${timers} timer(s) left after the sessions stopped (${why}), besides ${world.storeTimers()} store call(s)`);
    for (let p = 0; p < scenario.processes; p += 1) {
      if (world.openRefreshes(p) > 0) fail(`process ${p}: a refresh request still open after stop`);
    }
  };

  try {
    for (let p = 0; p < scenario.processes; p += 1) startProcess(p);
    await vi.advanceTimersByTimeAsync(0);

    for (const control of scenario.controls) {
      const delta = T0 + control.at - Date.now();
      await vi.advanceTimersByTimeAsync(Math.max(0, delta));
      checkRefreshes();
      checkStoreHistory();
      const process = control.process;
      const session = sessions[process]!;
      checkSaved(process, session.actor.getSnapshot(), `before ${control.type}`);
      checkSnapshotRedaction(process, `before ${control.type}`);
      switch (control.type) {
        case 'signOut':
          void session.signOut().catch(() => undefined);
          break;
        case 'signIn':
          if (session.actor.getSnapshot().matches('signedOut')) void session.signIn().catch(() => undefined);
          break;
        case 'getAccessToken':
          askAccessToken(process);
          break;
        case 'refresh':
          session.actor.send({ type: 'refresh' });
          break;
        case 'cancel':
          session.cancel();
          break;
        case 'resume':
          session.resume();
          break;
        case 'sleep':
          // The whole machine sleeps: the clock jumps, every timer is late by that much.
          sleeps.push({ at: Date.now(), ms: control.ms });
          vi.setSystemTime(Date.now() + control.ms);
          for (let p = 0; p < scenario.processes; p += 1) sessions[p]!.resume();
          break;
      }
      await vi.advanceTimersByTimeAsync(0);
    }

    // Quiet: the scripts are used up, every call now succeeds. Let retries and refreshes run.
    const quiet = (p: number) => {
      const snapshot = sessions[p]!.actor.getSnapshot();
      return (snapshot.matches({ signedIn: 'saved' }) || snapshot.matches('signedOut')) && world.openRefreshes(p) === 0;
    };
    // Run to the end of the horizon (two and a half token lifetimes: timer-driven refreshes
    // happen even without controls), then on until every session is quiet. With the scripts
    // used up every call succeeds, so that takes at most the longest retry wait.
    const horizonEnd = T0 + scenario.lifetimeS * 2_500;
    if (Date.now() < horizonEnd) await vi.advanceTimersByTimeAsync(horizonEnd - Date.now());
    await flushMicrotasks();
    // (How long a wait may be is invariant 10's business; here only the number of steps is capped.)
    for (let steps = 0; steps < 200; steps += 1) {
      checkRefreshes();
      checkStoreHistory();
      if (sessions.every((_, p) => quiet(p)) && world.storeTimers() === 0) break;
      if (vi.getTimerCount() === 0) break;
      await vi.advanceTimersToNextTimerAsync();
      // Let promise chains started by that timer (a lock, a store call, a refresh) settle.
      await flushMicrotasks();
    }
    await vi.advanceTimersByTimeAsync(0);
    await Promise.all(pendingAccessTokens);
    checkRefreshes();
    checkStoreHistory();
    checkRetryWaits();

    // Never lost: a signed-in session's pair is live, saved and in the store.
    for (let p = 0; p < scenario.processes; p += 1) {
      const snapshot = sessions[p]!.actor.getSnapshot();
      checkSnapshotRedaction(p, 'at the end');
      if (!quiet(p)) {
        fail(`process ${p} did not settle: still in ${stateOf(snapshot)}`);
        continue;
      }
      if (single && snapshot.matches('signedIn')) {
        const pair = world.pairOfAccess(snapshot.context.token?.accessToken);
        if (pair === undefined || !pair.refreshLive) fail(`${staleTag(pair)}process ${p} ends signed in with ${describe(pair)}, which the server no longer accepts (${pair?.death})`);
        checkSaved(p, snapshot, 'at the end');
      }
    }
    const stored = world.pairOfAccess(world.cell.token?.accessToken);
    const signedIn = sessions.filter((s) => s.actor.getSnapshot().matches('signedIn'));
    if (signedIn.length > 0 && (stored === undefined || !stored.refreshLive)) {
      fail(`${staleTag(stored)}a session is signed in but the store holds ${world.cell.token === undefined ? 'nothing' : `${describe(stored)} (${stored?.death})`}: the live pair is lost`);
    }
    await stopAll('end of run');
  } finally {
    for (let p = 0; p < sessions.length; p += 1) if (!stopped[p]) sessions[p]!.stop();
    vi.useRealTimers();
  }
  return { violations, world, states, events };
}
