/**
 * Runs one {@link DeviceScenario} against the real device-auth machine and the real services
 * (Trakt or RFC 8628 dialect, real HTTP seam, the scripted fetch of device-server.ts) under
 * vitest fake timers, with the services' clock tied to the fake clock, and returns every
 * invariant it saw broken (empty when all held):
 *
 * 1. a resting or final state is reached no later than the deadline (`expires_in`, counted from
 *    when the code request was sent) plus one request timeout; a failed code request within one
 *    timeout. A sleeping device cannot act: a sleep the machine is not told about moves the
 *    deadline by its length; after a `resume` the deadline is "now" at the latest;
 * 2. at most one request in flight at any time; a stopped actor leaves none open;
 * 3. every gap between poll starts is at least the interval in force (the server's, raised to
 *    the 1 s floor; 5 s more per slow_down, cumulatively, or the larger interval a GitHub-style
 *    server names); the first poll one interval after the codes arrived (or the one last-chance
 *    poll just before the deadline when the interval outlasts the codes); after a transient
 *    failure at least the exponential backoff and a (sane) `Retry-After`; no poll at or after
 *    the deadline;
 * 4. no request after a resting state, after cancel (for that flow) or from a stopped actor,
 *    and none to another origin (a followed redirect);
 * 5. no timer left once the actor is stopped (`vi.getTimerCount()` after stop);
 * 6. no secret (device codes, access and refresh tokens, client secret) in any emitted event
 *    except the `authorized` token payload, in `redact(actor.getPersistedSnapshot(), { secrets:
 *    [clientSecret] })`, or in any inspection event passed through `redact(…, { secrets:
 *    [clientSecret] })`;
 * 7. the machine takes every answer as the dialect's documented table says (docs/protocol.md):
 *    its first event after a poll's answer is `pending`, `slowDown`, `retry`, `authorized` or a
 *    resting one, as the scripted answer means.
 *
 * Violations that belong to an open defect carry its tag, e.g. `[resume-gap]` (open-defects.ts).
 */
import { vi } from 'vitest';
import { createActor, type InspectionEvent, type SnapshotFrom } from 'xstate';
import { deviceAuthMachine } from '../../../src/machines/device-auth.machine.js';
import type { DeviceAuthEmitted } from '../../../src/machines/device-auth.types.js';
import { redact } from '../../../src/redact/redact.js';
import { resumeDeviceAuth, type DeviceAuthActor } from '../../../src/services/clients/resume.js';
import type { DeviceAuthServices } from '../../../src/services/dialect/create-services.js';
import { createRfc8628Services } from '../../../src/services/rfc8628/rfc8628-services.js';
import { createTraktServices } from '../../../src/services/trakt/trakt-services.js';
import type { DeviceScenario } from './device-scenario.js';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  createScriptedServer,
  RFC_DEVICE_ENDPOINT,
  RFC_TOKEN_ENDPOINT,
  TRAKT_BASE,
  type RequestRecord,
} from './device-server.js';
import { flushMicrotasks, secretsIn, secretsInText } from './secrets.js';

/** Where fake time starts: 2025-01-01T00:00:00Z. */
export const T0 = Date.UTC(2025, 0, 1);
const SLOW_DOWN_STEP_MS = 5_000;
const MAX_BACKOFF_MS = 60_000;
/** A `Retry-After` longer than this is "absurd": honouring it is not required (a clamp may apply). */
const SANE_RETRY_AFTER_MS = 60_000;
/**
 * The shortest interval a server that is not on loopback gets (docs/protocol.md: an interval
 * below it is raised to it). Every host in these scenarios is a public name.
 */
const INTERVAL_FLOOR_MS = 1_000;
/** How long before the deadline the one poll of codes whose interval outlasts them may go out, at most. */
const LAST_CHANCE_MS = 1_000;

type Snapshot = SnapshotFrom<typeof deviceAuthMachine>;
interface Cancel {
  at: number;
  requestCount: number;
}

export interface DeviceRun {
  violations: string[];
  requests: RequestRecord[];
  /** Emitted events with their time (ms after T0), actor generation and (for `failed`) error code. */
  events: Array<{ at: number; generation: number; type: string; error?: string }>;
  /** State changes with their time (ms after T0). */
  states: Array<{ at: number; generation: number; state: string }>;
  /** How many inspection events were redacted and checked. */
  inspected: number;
}

export interface DeviceRunOptions {
  /** Redact and check every inspection event (the costliest check). Default true. */
  inspect?: boolean;
  /**
   * For the harness's own self-tests only: a deliberately broken machine (first actor) or
   * services, to show that each invariant can fail.
   */
  machine?: typeof deviceAuthMachine;
  wrapServices?: (services: DeviceAuthServices) => DeviceAuthServices;
}

/** Events that announce how the machine took a poll's answer. */
const REACTIONS = new Set(['pending', 'slowDown', 'retry', 'authorized', 'failed', 'denied', 'expired', 'alreadyUsed', 'invalidCode']);
/** The reactions each meaning allows. */
const EXPECTED_REACTIONS: Record<string, readonly string[]> = {
  pending: ['pending'],
  slowDown: ['slowDown'],
  transient: ['retry'],
  authorized: ['authorized'],
  ends: ['failed', 'denied', 'expired', 'alreadyUsed', 'invalidCode'],
};

/** Emitted events after which the context holds something new worth a redaction check. */
const CHECKPOINT_EVENTS = new Set(['codes', 'slowDown', 'retry', 'authorized', 'failed', 'denied', 'expired', 'alreadyUsed', 'invalidCode', 'cancelled']);

function stateOf(snapshot: Snapshot): string {
  const walk = (value: unknown): string =>
    typeof value === 'string'
      ? value
      : Object.entries(value as Record<string, unknown>)
          .map(([key, child]) => `${key}.${walk(child)}`)
          .join(',');
  return walk(snapshot.value);
}

const isSettled = (snapshot: Snapshot): boolean => snapshot.status === 'done' || snapshot.hasTag('resting');

function servicesFor(scenario: DeviceScenario, fetch: ReturnType<ReturnType<typeof createScriptedServer>['fetchFor']>): DeviceAuthServices {
  const common = { fetch, timeoutMs: scenario.timeoutMs, now: () => Date.now() };
  return scenario.dialect === 'trakt'
    ? createTraktServices({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, baseUrl: TRAKT_BASE, userAgent: 'property/1.0', ...common })
    : createRfc8628Services({
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        deviceAuthorizationEndpoint: RFC_DEVICE_ENDPOINT,
        tokenEndpoint: RFC_TOKEN_ENDPOINT,
        scope: 'openid',
        ...common,
      });
}

/** Runs the scenario under fresh fake timers (restored afterwards) and checks every invariant. */
export async function runDeviceScenario(scenario: DeviceScenario, options: DeviceRunOptions = {}): Promise<DeviceRun> {
  vi.useFakeTimers({ now: T0 });
  const server = createScriptedServer(scenario);
  const violations: string[] = [];
  const events: DeviceRun['events'] = [];
  const states: DeviceRun['states'] = [];
  const t = () => Date.now() - T0;
  const fail = (message: string) => {
    if (violations.length < 30) violations.push(`t=${t()}: ${message}`);
  };
  const inspectAll = options.inspect ?? true;
  let inspected = 0;
  let generation = 0;
  let actor: DeviceAuthActor | undefined;
  let stopped = false;
  /** When the current actor was created by a resume (its first transitions may be past the deadline). */
  let resumedAt = Number.NEGATIVE_INFINITY;
  let lastState = '';
  /** When the app cancelled: the time and how many requests had been made by then. */
  const cancels: Cancel[] = [];

  /** The flow the actor is in: the latest code request. */
  const currentFlow = (): RequestRecord | undefined => server.requests.filter((r) => r.kind === 'code').at(-1);
  /** Sleeps nobody woke the machine from (no `resume`): its timers were simply late. */
  const slept: Array<{ at: number; ms: number }> = [];
  /**
   * When the flow must be resting by: its deadline (the code request plus `expires_in`; the code
   * request alone when it failed), later by any sleep the machine was not told about, or the
   * last resume if that came after; plus one request timeout.
   */
  const deadlineOf = (flow: RequestRecord): number => {
    const lateBy = slept.filter((z) => z.at >= flow.startedAt).reduce((sum, z) => sum + z.ms, 0);
    const deadline = flow.startedAt + (flow.served === undefined ? 0 : flow.served.expiresIn * 1_000) + lateBy;
    return Math.max(deadline, resumedAt) + scenario.timeoutMs;
  };

  /** Flows already reported as late (once is enough). */
  const lateFlows = new Set<RequestRecord>();
  const checkNotPastDeadline = (snapshot: Snapshot, what: string) => {
    if (isSettled(snapshot) || snapshot.matches('idle')) return;
    const flow = currentFlow();
    if (flow === undefined) return;
    const deadline = deadlineOf(flow);
    if (Date.now() > deadline && !lateFlows.has(flow)) {
      lateFlows.add(flow);
      fail(`${what}: still in ${stateOf(snapshot)} ${Date.now() - deadline} ms after the deadline plus one timeout (t=${deadline - T0})`);
    }
  };

  const observe = (snapshot: Snapshot, gen: number) => {
    if (gen !== generation || stopped) return;
    const state = stateOf(snapshot);
    if (state === lastState) return;
    lastState = state;
    states.push({ at: t(), generation: gen, state });
    if (isSettled(snapshot)) {
      const flow = currentFlow();
      if (flow !== undefined) {
        const deadline = deadlineOf(flow);
        if (Date.now() > deadline) {
          fail(`reached ${state} ${Date.now() - deadline} ms after the deadline plus one timeout (t=${deadline - T0})`);
        }
      }
    }
  };

  /**
   * Which open defect a leak belongs to (see open-defects.ts): the client secret, or a device
   * code of another flow, echoed by the server into an error the library quotes.
   */
  const leakTag = (leaked: string[]): string => {
    const current = currentFlow()?.served?.deviceCode;
    if (leaked.every((secret) => secret === CLIENT_SECRET)) return '[echo:client-secret] ';
    if (leaked.every((secret) => secret === CLIENT_SECRET || (server.deviceCodes.has(secret) && secret !== current))) {
      return '[echo:other-device-code] ';
    }
    return '';
  };

  const checkSnapshotRedaction = (where: string) => {
    if (actor === undefined || stopped) return;
    const json = JSON.stringify(redact(actor.getPersistedSnapshot(), { secrets: [CLIENT_SECRET] }));
    const leaked = secretsInText(json, server.secrets);
    if (leaked.length > 0) fail(`${leakTag(leaked)}redacted persisted snapshot (${where}) holds ${leaked.join(', ')}`);
  };

  const onEvent = (gen: number) => (event: DeviceAuthEmitted) => {
    events.push({ at: t(), generation: gen, type: event.type, ...(event.type === 'failed' ? { error: `${event.error.code}: ${event.error.message}` } : {}) });
    if (REACTIONS.has(event.type)) {
      const answered = [...server.requests].reverse().find((r) => r.kind === 'poll' && r.generation === gen && r.ending !== 'open');
      if (answered !== undefined && answered.reaction === undefined) answered.reaction = event.type;
    }
    const allowed = event.type === 'authorized' ? [CLIENT_SECRET, ...server.deviceCodes] : [...server.secrets];
    const leaked = secretsIn(event, allowed);
    if (leaked.length > 0) fail(`${leakTag(leaked)}emitted ${event.type} holds ${leaked.join(', ')}`);
    if (CHECKPOINT_EVENTS.has(event.type)) checkSnapshotRedaction(`on ${event.type}`);
  };

  const inspect = (inspection: InspectionEvent) => {
    if (!inspectAll) return;
    inspected += 1;
    const json = JSON.stringify(redact(inspection, { secrets: [CLIENT_SECRET] }));
    const leaked = secretsInText(json, server.secrets);
    if (leaked.length > 0) fail(`${leakTag(leaked)}redacted inspection event ${inspection.type} holds ${leaked.join(', ')}: ${json.slice(0, 300)}`);
  };

  server.onRequest = (record) => {
    if (record.kind === 'elsewhere') {
      fail(`request to another origin ${record.url} (a followed redirect) carrying ${record.carried?.join(', ') || 'no secret'}`);
    }
    if (record.concurrent > 0) fail(`a ${record.kind} request started while ${record.concurrent} other(s) in flight`);
    if (record.generation !== generation || stopped) {
      fail(`a ${record.kind} request from a stopped actor (generation ${record.generation})`);
      return;
    }
    const snapshot = actor?.getSnapshot();
    if (snapshot !== undefined && (snapshot.status !== 'active' || snapshot.hasTag('resting'))) {
      fail(`a ${record.kind} request while ${stateOf(snapshot)}`);
    }
  };

  /** Stops the actor; checks that no request stays open and no timer is left. */
  const stopActor = async (why: string) => {
    if (actor === undefined || stopped) return;
    stopped = true;
    server.appAborting = true;
    actor.stop();
    server.appAborting = false;
    await flushMicrotasks();
    if (server.inFlight() > 0) fail(`${server.inFlight()} request(s) still open after the actor stopped (${why})`);
    const timers = vi.getTimerCount();
    if (timers > 0) fail(`${timers} timer(s) left after the actor stopped (${why})`);
  };

  const advanceTo = async (at: number) => {
    const delta = T0 + at - Date.now();
    if (delta > 0) await vi.advanceTimersByTimeAsync(delta);
    else await vi.advanceTimersByTimeAsync(0);
  };

  try {
    const wrap = options.wrapServices ?? ((services: DeviceAuthServices) => services);
    const machine = options.machine ?? deviceAuthMachine;
    const first = createActor(machine.provide(wrap(servicesFor(scenario, server.fetchFor(0)))), inspectAll ? { inspect } : {});
    actor = first;
    first.on('*', onEvent(0));
    first.subscribe({ next: (snapshot) => observe(snapshot, 0), error: () => undefined });
    first.start();
    first.send({ type: 'start' });

    let ended = false;
    for (const control of scenario.controls) {
      await advanceTo(control.at);
      const snapshot = actor.getSnapshot();
      checkNotPastDeadline(snapshot, `before ${control.type}`);
      checkSnapshotRedaction(`before ${control.type}`);
      if (control.type === 'sleep') {
        // Nothing runs while the device sleeps; on waking every timer is late by `ms`.
        vi.setSystemTime(Date.now() + control.ms);
        if (control.resume && snapshot.status === 'active' && snapshot.can({ type: 'resume', now: Date.now() })) {
          resumedAt = Date.now();
          actor.send({ type: 'resume', now: Date.now() });
        } else {
          slept.push({ at: Date.now() - control.ms, ms: control.ms });
        }
        await vi.advanceTimersByTimeAsync(0);
        continue;
      }
      if (control.type === 'cancel' || control.type === 'restart') {
        if (snapshot.status !== 'active') continue;
        if (control.type === 'cancel') cancels.push({ at: Date.now(), requestCount: server.requests.length });
        server.appAborting = true;
        actor.send({ type: control.type });
        server.appAborting = false;
        await vi.advanceTimersByTimeAsync(0);
        continue;
      }
      if (control.type === 'stop') {
        await stopActor('stop');
        ended = true;
        break;
      }
      // persist → down → resume
      const persisted = JSON.parse(JSON.stringify(actor.getPersistedSnapshot())) as unknown;
      await stopActor('persist');
      vi.setSystemTime(Date.now() + control.downMs);
      generation += 1;
      const gen = generation;
      stopped = false;
      lastState = '';
      resumedAt = Date.now();
      let resumed: DeviceAuthActor;
      try {
        resumed = resumeDeviceAuth(persisted, wrap(servicesFor(scenario, server.fetchFor(gen))), { now: () => Date.now(), onEvent: onEvent(gen) });
      } catch (error) {
        fail(`a snapshot persisted in ${lastStateOf(persisted)} could not be resumed: ${String(error)}`);
        stopped = true;
        ended = true;
        break;
      }
      actor = resumed;
      if (inspectAll) resumed.system.inspect(inspect);
      observe(resumed.getSnapshot(), gen);
      resumed.subscribe({ next: (snap) => observe(snap, gen), error: () => undefined });
      await vi.advanceTimersByTimeAsync(0);
    }

    if (!ended) {
      for (let steps = 0; ; steps += 1) {
        const snapshot = actor.getSnapshot();
        if (isSettled(snapshot)) break;
        if (vi.getTimerCount() === 0) {
          await flushMicrotasks();
          if (!isSettled(actor.getSnapshot()) && vi.getTimerCount() === 0) {
            fail(`stuck in ${stateOf(actor.getSnapshot())} with no timer and nothing in flight`);
            break;
          }
          continue;
        }
        const flow = currentFlow();
        const giveUpAt = (flow === undefined ? resumedAt : deadlineOf(flow)) + 60_000;
        if (steps > 1_000 || Date.now() > giveUpAt) {
          fail(`did not settle (${steps} timers fired, still in ${stateOf(snapshot)})`);
          break;
        }
        await vi.advanceTimersToNextTimerAsync();
        checkNotPastDeadline(actor.getSnapshot(), 'while settling');
      }
      if (isSettled(actor.getSnapshot())) {
        checkSnapshotRedaction('at rest');
        // Nothing may happen once resting: no timer fires a request, whatever time passes.
        await vi.advanceTimersByTimeAsync(10 * 60_000);
      }
      await stopActor('end of run');
    }
    checkPolls(server.requests, cancels, fail);
  } finally {
    if (actor !== undefined && !stopped) actor.stop();
    vi.useRealTimers();
  }
  return { violations, requests: server.requests, events, states, inspected };
}

/** A short account of a run for a failure message: the state changes and the requests. */
export function describeDeviceRun(run: DeviceRun): string {
  const requests = run.requests.map(
    (r) => `${r.kind}#${r.generation} ${r.startedAt - T0}..${r.endedAt === undefined ? 'open' : r.endedAt - T0} ${r.ending}${r.reaction ? ` → ${r.reaction}` : ''}`,
  );
  const states = run.states.map((s) => `${s.at}:${s.state}`);
  return `states: ${states.slice(-20).join(' ')}\nrequests: ${requests.slice(-20).join(' | ')}`;
}

function lastStateOf(persisted: unknown): string {
  const value = (persisted as { value?: unknown } | null)?.value;
  return JSON.stringify(value);
}

/**
 * The pacing invariants, checked from what the server saw, against an independent model of the
 * interval in force (docs/protocol.md; RFC 8628 §3.5).
 */
function checkPolls(requests: RequestRecord[], cancels: Cancel[], fail: (message: string) => void): void {
  const at = (time: number) => time - T0;
  for (const code of requests) {
    if (code.kind !== 'code' || code.served === undefined || code.endedAt === undefined) continue;
    const { deviceCode, expiresIn } = code.served;
    const expiresAt = code.startedAt + expiresIn * 1_000;
    const polls = requests.filter((r) => r.kind === 'poll' && r.deviceCode === deviceCode);
    let intervalMs = Math.max(code.served.interval * 1_000, INTERVAL_FLOOR_MS);
    // One interval after the codes arrived; when that is at or past the deadline (an interval as
    // long as the lifetime), the one poll the codes allow goes out a moment before the deadline
    // (at most 1 s, at most half the time left: src/machines/device-auth.pacing.ts firstPollAt).
    const due = code.endedAt + intervalMs;
    const left = expiresAt - code.endedAt;
    let earliest = due < expiresAt || left <= 0 ? due : Math.floor(expiresAt - Math.min(LAST_CHANCE_MS, left / 2));
    let why = due < expiresAt ? 'one interval after the codes arrived' : 'the last-chance poll before the deadline';
    let failures = 0;
    let endedBy: string | undefined;
    let previous: RequestRecord | undefined;
    const codeIndex = requests.indexOf(code);
    const cancel = cancels.find((c) => c.requestCount > codeIndex);
    for (const poll of polls) {
      const label = `poll of ${deviceCode} at t=${at(poll.startedAt)}`;
      if (endedBy !== undefined) fail(`${label} after the flow ended (${endedBy})`);
      if (cancel !== undefined && requests.indexOf(poll) >= cancel.requestCount) fail(`${label} after cancel at t=${at(cancel.at)}`);
      if (poll.startedAt >= expiresAt) fail(`${label} at or after the deadline t=${at(expiresAt)}`);
      if (previous !== undefined && poll.startedAt - previous.startedAt < intervalMs) {
        const resumed = previous.generation !== poll.generation ? '[resume-gap] ' : '';
        fail(`${resumed}${label}: gap ${poll.startedAt - previous.startedAt} ms < interval in force ${intervalMs} ms${resumed ? ' (the first poll after resuming a snapshot persisted while the previous poll was in flight)' : ''}`);
      } else if (poll.startedAt < earliest) {
        const resumed = previous !== undefined && previous.generation !== poll.generation ? '[resume-gap] ' : '';
        fail(`${resumed}${label}: ${earliest - poll.startedAt} ms early (earliest t=${at(earliest)}: ${why})`);
      }
      previous = poll;
      const step = poll.pollStep;
      const ended = poll.endedAt;
      const timedOut = poll.ending === 'aborted' && poll.abortedByApp !== true;
      if (step === undefined || ended === undefined || poll.abortedByApp === true) {
        // No answer (the app stopped or persisted meanwhile): the next poll one interval after this one started.
        earliest = poll.startedAt + intervalMs;
        why = 'one interval after the lost poll started';
        failures = 0;
        continue;
      }
      const meaning = timedOut ? 'transient' : step.meaning;
      if (!EXPECTED_REACTIONS[meaning]!.includes(poll.reaction ?? 'nothing')) {
        fail(`${label}: ${JSON.stringify(step.reply)}${timedOut ? ' (timed out)' : ''} should mean ${meaning}, the machine answered ${poll.reaction ?? 'nothing'}`);
      }
      const retryAfter = poll.retryAfterMs !== undefined && poll.retryAfterMs <= SANE_RETRY_AFTER_MS ? poll.retryAfterMs : 0;
      switch (meaning) {
        case 'pending':
          failures = 0;
          earliest = poll.startedAt + intervalMs;
          why = 'one interval after the previous poll started';
          break;
        case 'slowDown':
          failures = 0;
          intervalMs = Math.max(intervalMs + SLOW_DOWN_STEP_MS, (poll.serverInterval ?? 0) * 1_000);
          earliest = Math.max(poll.startedAt + intervalMs, ended + retryAfter);
          why = `slow_down: interval now ${intervalMs} ms, Retry-After ${retryAfter} ms`;
          break;
        case 'transient': {
          failures += 1;
          const backoff = Math.max(intervalMs, Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** failures));
          earliest = ended + Math.max(backoff, retryAfter);
          why = `backoff after ${failures} failure(s): ${backoff} ms, Retry-After ${retryAfter} ms`;
          break;
        }
        case 'authorized':
        case 'ends':
          endedBy = `${meaning} at t=${at(ended)}`;
          break;
      }
    }
  }
}

