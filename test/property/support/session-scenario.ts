/**
 * What happens to a signed-in session, as plain data fast-check can generate, shrink and print:
 * the refresh answers (success, invalid_grant, server trouble, rate limits, dropped or hung
 * connections) with their latencies, which token-store calls fail or take long, the revoke
 * answers, and when the app signs out, forces a refresh, asks for the access token, signs in,
 * resumes after a sleep, or stops. One process, or two processes sharing one stored pair (two
 * CLI commands on one token file).
 */
import fc from 'fast-check';

/** One answer of `POST /oauth/token` (refresh). */
export type RefreshReply =
  /** 200 with a new pair, when the refresh token is live (the old pair dies); else 400 invalid_grant. */
  | 'ok'
  /** 400 invalid_grant: the server refuses this refresh token (revoked elsewhere); it dies. */
  | 'invalidGrant'
  /** 500/502/503 with an HTML page; nothing rotated. */
  | 'serverError'
  /** 429 with `Retry-After`; nothing rotated. */
  | 'rateLimited'
  /** 200 whose body is not a token (a proxy's page); nothing rotated. */
  | 'garbage'
  /** The connection drops before the server processed it. */
  | 'network'
  /** No answer; the request timeout ends it; nothing rotated. */
  | 'hang';

export interface RefreshStep {
  latencyMs: number;
  reply: RefreshReply;
  /** For `rateLimited` and `serverError`: the `Retry-After` header, verbatim (absurd values included). */
  retryAfter?: string;
}

/** One token-store call: how long it takes and whether it fails. */
export interface StoreStep {
  latencyMs: number;
  fails: boolean;
}

/** Something the app does at a time (ms after start), to one process. */
export type SessionControl =
  | { at: number; process: number; type: 'signOut' | 'refresh' | 'resume' | 'getAccessToken' | 'signIn' | 'cancel' }
  /** The device sleeps `ms`: the clock jumps, timers are late by that much (then `resume` is sent). */
  | { at: number; process: number; type: 'sleep'; ms: number };

export interface SessionScenario {
  /** 1, or 2 processes sharing one store (same file, separate store objects, no shared ordering). */
  processes: 1 | 2;
  timeoutMs: number;
  /** `expires_in` of every pair the server issues (seconds). */
  lifetimeS: number;
  /** How old the stored pair is at start, as a share (per mille) of its lifetime. */
  agePermille: number;
  /** Answers to refresh requests, in order across processes; afterwards `ok` at once. */
  refreshes: RefreshStep[];
  /** Store calls in order (per kind, across processes); afterwards instant successes. */
  store: { get: StoreStep[]; set: StoreStep[]; delete: StoreStep[] };
  /** Revoke answers: true = 503; afterwards 200. */
  revokeFails: boolean[];
  /** A sign-in is approved after this many pending polls (interval 1 s, code lives 60 s). */
  approveAfterPolls: number;
  controls: SessionControl[];
}

const refreshStep = (refusals: boolean): fc.Arbitrary<RefreshStep> => fc.oneof(
  { weight: 6, arbitrary: fc.record({ latencyMs: fc.integer({ min: 0, max: 3_000 }), reply: fc.constant<RefreshReply>('ok') }) },
  {
    weight: 1,
    arbitrary: fc.record({
      latencyMs: fc.integer({ min: 0, max: 3_000 }),
      reply: refusals ? fc.constant<RefreshReply>('invalidGrant') : fc.constant<RefreshReply>('ok'),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record(
      {
        latencyMs: fc.integer({ min: 0, max: 3_000 }),
        reply: fc.constantFrom<RefreshReply>('serverError', 'rateLimited'),
        retryAfter: fc.oneof(
          { weight: 4, arbitrary: fc.integer({ min: 0, max: 120 }).map(String) },
          { weight: 1, arbitrary: fc.constantFrom('999999999999', '86400', '-5', 'Wed, 01 Jan 2031 00:00:00 GMT', 'later') },
        ),
      },
      { requiredKeys: ['latencyMs', 'reply'] },
    ),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      latencyMs: fc.oneof(fc.integer({ min: 0, max: 3_000 }), fc.integer({ min: 3_000, max: 20_000 })),
      reply: fc.constantFrom<RefreshReply>('garbage', 'network', 'hang'),
    }),
  },
);

const storeStep: fc.Arbitrary<StoreStep> = fc.record({
  latencyMs: fc.oneof(
    { weight: 4, arbitrary: fc.constant(0) },
    { weight: 3, arbitrary: fc.integer({ min: 1, max: 2_000 }) },
    { weight: 1, arbitrary: fc.integer({ min: 2_000, max: 30_000 }) },
  ),
  fails: fc.boolean(),
});

/**
 * What the app does. With two processes only what keeps both signed in (a sign-out or a server
 * refusal in one legitimately ends the other's pair too; the property is about the refresh race).
 */
const controlType = (oneProcess: boolean) => {
  type Type = SessionControl['type'];
  const weighted: Array<[number, Type, boolean]> = [
    [3, 'getAccessToken', true],
    [3, 'refresh', true],
    [3, 'signOut', oneProcess],
    [2, 'resume', true],
    [2, 'signIn', oneProcess],
    [1, 'cancel', oneProcess],
    [2, 'sleep', true],
  ];
  return fc.oneof(...weighted.filter(([, , on]) => on).map(([weight, type]) => ({ weight, arbitrary: fc.constant(type) })));
};

/** Times are generated as per mille of the run's horizon (two and a half token lifetimes). */
const rawControl = (oneProcess: boolean) =>
  fc.record({
    permille: fc.integer({ min: 0, max: 1_000 }),
    process: fc.integer({ min: 0, max: 1 }),
    type: controlType(oneProcess),
    sleepPermille: fc.integer({ min: 1, max: 600 }),
  });

export function sessionScenario(processes: 1 | 2): fc.Arbitrary<SessionScenario> {
  return fc
    .record({
      timeoutMs: fc.constantFrom(15_000, 5_000, 2_000),
      lifetimeS: fc.constantFrom(600, 3_600, 86_400),
      agePermille: fc.integer({ min: 0, max: 1_200 }),
      refreshes: fc.array(refreshStep(processes === 1), { maxLength: 12 }),
      store: fc.record({
        get: fc.array(storeStep, { maxLength: 4 }),
        set: fc.array(storeStep, { maxLength: 10 }),
        delete: fc.array(storeStep, { maxLength: 3 }),
      }),
      revokeFails: fc.array(fc.boolean(), { maxLength: 2 }),
      approveAfterPolls: fc.integer({ min: 0, max: 3 }),
      controls: fc.array(rawControl(processes === 1), { maxLength: 10 }),
    })
    .map(({ controls, ...rest }) => {
      const horizonMs = rest.lifetimeS * 2_500;
      const timed = controls
        .map((c): SessionControl => {
          const at = Math.round((c.permille * horizonMs) / 1_000);
          const process = processes === 1 ? 0 : c.process;
          return c.type === 'sleep'
            ? { at, process, type: 'sleep', ms: Math.round((c.sleepPermille * rest.lifetimeS * 1_000) / 1_000) }
            : { at, process, type: c.type };
        })
        .sort((a, b) => a.at - b.at);
      return { processes, ...rest, controls: timed };
    });
}
