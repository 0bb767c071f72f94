/**
 * What a hostile (or merely unlucky) device-flow server does, as plain data fast-check can
 * generate, shrink and print: the answers to the device-code requests and to the token polls,
 * each after some latency, and when the app cancels, restarts, persists and resumes, or stops.
 * A shrunk counterexample is pasted as-is into test/property/regressions.test.ts.
 */
import fc from 'fast-check';

/** How a `Retry-After` header is written. */
export type RetryAfter =
  /** `Retry-After: <n>` (delta-seconds). */
  | { seconds: number }
  /** `Retry-After: <HTTP date n seconds after the answer>`. */
  | { dateInSeconds: number }
  /** Anything else, verbatim (`soon`, `-1`, a 15-digit number). */
  | { raw: string };

/**
 * A body: JSON (serialized at serve time) or text. `$DEVICE_CODE`, `$CLIENT_SECRET` and
 * `$REQUEST` are replaced by what the request carried, `$LAST_DEVICE_CODE` by the device code
 * the server handed out last (an earlier flow's, for a code request): a hostile server echoing.
 */
export type Body = { json: unknown } | { text: string };

/** One answer of the server. Secrets (device codes, tokens) are minted when it is served. */
export type Reply =
  /** Any status with an optional body, `Content-Type: text/html` when `html`, and a `Retry-After`. */
  | { kind: 'status'; status: number; body?: Body; html?: boolean; retryAfter?: RetryAfter }
  /** 200 with a fresh token pair (`minimal`: no refresh token, no created_at; RFC 8628 only). */
  | { kind: 'token'; variant: 'full' | 'minimal' }
  /** 200 with fresh, valid device codes. `interval` absent means the server sent none (5 s). */
  | { kind: 'codes'; expiresIn: number; interval?: number }
  /** The connection drops. */
  | { kind: 'network' }
  /** No answer, ever: the request timeout ends it. */
  | { kind: 'hang' }
  /** A `Content-Length` far over the response cap. */
  | { kind: 'oversized' }
  /** A redirect to another origin (a real fetch would follow it unless told `redirect: 'manual'`). */
  | { kind: 'redirect'; status: 301 | 302 | 303 | 307 | 308 };

/**
 * What the answer means for the flow (per the dialect's documented rules, docs/protocol.md):
 * keep polling, slow down (+5 s, or the server's larger `interval`), back off, the token, or
 * the end of the flow (a resting state).
 */
export type Meaning = 'pending' | 'slowDown' | 'transient' | 'authorized' | 'ends';

/** One scripted poll answer. */
export interface PollStep {
  latencyMs: number;
  reply: Reply;
  meaning: Meaning;
}

/** One scripted device-code answer. */
export interface CodeStep {
  latencyMs: number;
  reply: Reply;
}

/** Something the app does at a time (ms after the first `start`). */
export type Control =
  | { at: number; type: 'cancel' }
  | { at: number; type: 'restart' }
  /** Persist the snapshot, stop the actor, stay down `downMs`, then `resumeDeviceAuth`. */
  | { at: number; type: 'persist'; downMs: number }
  /** Stop the actor for good (the app quits). */
  | { at: number; type: 'stop' }
  /**
   * The device sleeps `ms`: the clock jumps, every timer (and request) is late by that much. With
   * `resume`, the app sends `resume { now }` on waking (accepted while waiting).
   */
  | { at: number; type: 'sleep'; ms: number; resume: boolean };

export type DialectName = 'trakt' | 'rfc8628';

export interface DeviceScenario {
  dialect: DialectName;
  /** The services' per-request timeout. */
  timeoutMs: number;
  /** Answers to the device-code requests, in order; afterwards valid codes (60 s, interval 5). */
  codes: CodeStep[];
  /** Answers to the polls, in order, across flows; afterwards `pending`. */
  polls: PollStep[];
  controls: Control[];
}

// ---------------------------------------------------------------------------------------------
// Building blocks

const latency: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 3_000 }) },
  { weight: 2, arbitrary: fc.integer({ min: 3_000, max: 20_000 }) },
);

const retryAfter: fc.Arbitrary<RetryAfter> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 30 }).map((seconds) => ({ seconds })) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 30 }).map((dateInSeconds) => ({ dateInSeconds })) },
  { weight: 1, arbitrary: fc.constantFrom('soon', '-1', '1.5', '1e3', ' 7 ', '', 'Thu, 01 Jan 1970 00:00:00 GMT').map((raw) => ({ raw })) },
  // Absurd values: longer than any code lives.
  { weight: 1, arbitrary: fc.constantFrom('86400', '999999999', '999999999999999').map((raw) => ({ raw })) },
);

const maybeRetryAfter = fc.option(retryAfter, { nil: undefined, freq: 2 });

const withRetryAfter = (reply: Extract<Reply, { kind: 'status' }>, after: RetryAfter | undefined): Reply =>
  after === undefined ? reply : { ...reply, retryAfter: after };

const step = (meaning: Meaning, reply: fc.Arbitrary<Reply>): fc.Arbitrary<PollStep> =>
  fc.record({ latencyMs: latency, reply, meaning: fc.constant(meaning) });

const noAnswer: fc.Arbitrary<Reply> = fc.constantFrom<Reply>({ kind: 'network' }, { kind: 'hang' }, { kind: 'oversized' });

const serverTrouble: fc.Arbitrary<Reply> = fc
  .tuple(fc.constantFrom(500, 502, 503, 504, 408, 520), fc.boolean(), maybeRetryAfter)
  .map(([status, html, after]) =>
    withRetryAfter(
      html
        ? { kind: 'status', status, html: true, body: { text: '<!doctype html><title>Bad gateway</title>' } }
        : { kind: 'status', status, body: { text: 'upstream trouble' } },
      after,
    ),
  );

const redirect: fc.Arbitrary<Reply> = fc
  .constantFrom(301, 302, 303, 307, 308)
  .map((status) => ({ kind: 'redirect', status }) as Reply);

const htmlBlock: Reply = { kind: 'status', status: 403, html: true, body: { text: '<html><body>Blocked by the CDN</body></html>' } };

// ---------------------------------------------------------------------------------------------
// Trakt: the answer is the status code (docs/protocol.md, "POST /oauth/device/token")

const traktPoll: fc.Arbitrary<PollStep> = fc.oneof(
  {
    weight: 30,
    arbitrary: step(
      'pending',
      fc.constantFrom<Reply>(
        { kind: 'status', status: 400 },
        { kind: 'status', status: 400, body: { json: {} } },
        { kind: 'status', status: 400, body: { json: { error: 'authorization_pending' } } },
      ),
    ),
  },
  {
    weight: 10,
    arbitrary: step(
      'slowDown',
      fc
        .tuple(fc.constantFrom<Body | undefined>(undefined, { text: 'Too Many Requests' }, { json: { error: 'slow_down' } }), maybeRetryAfter)
        .map(([body, after]) => withRetryAfter(body === undefined ? { kind: 'status', status: 429 } : { kind: 'status', status: 429, body }, after)),
    ),
  },
  { weight: 8, arbitrary: step('transient', serverTrouble) },
  { weight: 4, arbitrary: step('transient', noAnswer) },
  // A web page where the token belongs (a captive portal): the code is still good.
  { weight: 1, arbitrary: step('transient', fc.constant<Reply>({ kind: 'status', status: 200, html: true, body: { text: '<!doctype html><title>Hotel Wi-Fi</title>' } })) },
  { weight: 2, arbitrary: step('authorized', fc.constant<Reply>({ kind: 'token', variant: 'full' })) },
  {
    weight: 2,
    arbitrary: step(
      'ends',
      fc.constantFrom(404, 409, 410, 418).map((status) => ({ kind: 'status', status }) as Reply),
    ),
  },
  {
    weight: 2,
    arbitrary: step(
      'ends',
      fc.oneof(
        fc.constantFrom<Reply>(
          { kind: 'status', status: 401 },
          { kind: 'status', status: 403, body: { json: { error: 'invalid_client' } } },
          htmlBlock,
          { kind: 'status', status: 422, body: { json: { error: 'invalid_request', error_description: 'nope' } } },
          { kind: 'status', status: 422, body: { json: { error: 'invalid_request', error_description: 'no code $DEVICE_CODE for $CLIENT_SECRET in $REQUEST' } } },
          { kind: 'status', status: 422, body: { json: { error: '$DEVICE_CODE', error_description: '$REQUEST' } } },
          { kind: 'status', status: 200, body: { text: 'not json at all' } },
          { kind: 'status', status: 200, body: { json: { access_token: 'half-a-token' } } },
          { kind: 'status', status: 204 },
        ),
        redirect,
      ),
    ),
  },
);

// ---------------------------------------------------------------------------------------------
// RFC 8628: JSON error codes, GitHub's errors with HTTP 200 and `interval` in slow_down

const rfcError = (error: string, extra: Record<string, unknown> = {}): Body => ({ json: { error, ...extra } });

const rfcPoll: fc.Arbitrary<PollStep> = fc.oneof(
  {
    weight: 30,
    arbitrary: step(
      'pending',
      fc.constantFrom(400, 200).map((status) => ({ kind: 'status', status, body: rfcError('authorization_pending') }) as Reply),
    ),
  },
  {
    weight: 10,
    arbitrary: step(
      'slowDown',
      fc.oneof(
        fc
          .tuple(fc.constantFrom(400, 200, 429), fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }))
          .map(([status, interval]) => ({ kind: 'status', status, body: rfcError('slow_down', interval === undefined ? {} : { interval }) }) as Reply),
        maybeRetryAfter.map((after) => withRetryAfter({ kind: 'status', status: 429, body: { text: 'Too Many Requests' } }, after)),
      ),
    ),
  },
  {
    weight: 8,
    arbitrary: step(
      'transient',
      fc.oneof(
        serverTrouble,
        fc.constantFrom<Reply>(
          { kind: 'status', status: 503, body: rfcError('temporarily_unavailable') },
          { kind: 'status', status: 500, body: rfcError('server_error') },
          // A web page where the token belongs (a captive portal): the code is still good.
          { kind: 'status', status: 200, body: { text: '<html>' } },
          { kind: 'status', status: 200, html: true, body: { text: '<!doctype html><title>Hotel Wi-Fi</title>' } },
        ),
      ),
    ),
  },
  { weight: 4, arbitrary: step('transient', noAnswer) },
  { weight: 2, arbitrary: step('authorized', fc.constantFrom<Reply>({ kind: 'token', variant: 'full' }, { kind: 'token', variant: 'minimal' })) },
  {
    weight: 2,
    arbitrary: step(
      'ends',
      fc
        .tuple(fc.constantFrom('access_denied', 'expired_token', 'invalid_grant'), fc.constantFrom(400, 200))
        .map(([error, status]) => ({ kind: 'status', status, body: rfcError(error) }) as Reply),
    ),
  },
  {
    weight: 2,
    arbitrary: step(
      'ends',
      fc.oneof(
        fc.constantFrom<Reply>(
          { kind: 'status', status: 400, body: rfcError('invalid_client') },
          { kind: 'status', status: 400, body: rfcError('unsupported_grant_type', { error_description: 'no' }) },
          { kind: 'status', status: 400, body: rfcError('invalid_request', { error_description: 'you sent $REQUEST ($DEVICE_CODE, $CLIENT_SECRET)' }) },
          { kind: 'status', status: 400, body: rfcError('$DEVICE_CODE') },
          { kind: 'status', status: 400, body: rfcError('invalid_request', { error_description: 'not $LAST_DEVICE_CODE' }) },
          { kind: 'status', status: 401 },
          htmlBlock,
          { kind: 'status', status: 200, body: { json: {} } },
          { kind: 'status', status: 418, body: { text: 'teapot' } },
        ),
        redirect,
      ),
    ),
  },
);

// ---------------------------------------------------------------------------------------------
// Device codes

/** Valid timing: `interval` ≤ `expires_in`, short enough for a run to poll a few dozen times. */
const codeTiming: fc.Arbitrary<{ expiresIn: number; interval?: number }> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 15 }), fc.integer({ min: 0, max: 9 }))
      .map(([interval, polls, extra]) => ({ interval, expiresIn: interval * polls + extra })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(0.5, 1.5, 2.5), fc.integer({ min: 1, max: 20 }))
      .map(([interval, polls]) => ({ interval, expiresIn: Math.ceil(interval * polls) })),
  },
  { weight: 2, arbitrary: fc.integer({ min: 5, max: 60 }).map((expiresIn) => ({ expiresIn })) },
  // Below the 1 s floor (0 included): the client must raise it, not poll in a busy loop.
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(0, 0.001, 0.2), fc.integer({ min: 2, max: 20 }))
      .map(([interval, expiresIn]) => ({ interval, expiresIn })),
  },
);

const validCodes: fc.Arbitrary<Reply> = codeTiming.map((timing) => ({ kind: 'codes', ...timing }) as Reply);

const codeFault: fc.Arbitrary<Reply> = fc.oneof(
  serverTrouble,
  noAnswer,
  redirect,
  maybeRetryAfter.map((after) => withRetryAfter({ kind: 'status', status: 429 }, after)),
  fc.constantFrom<Reply>(
    htmlBlock,
    { kind: 'status', status: 400, body: { json: { error: 'invalid_client', error_description: 'you sent $REQUEST with $CLIENT_SECRET' } } },
    { kind: 'status', status: 400, body: { json: { error: 'invalid_request', error_description: 'the last code was $LAST_DEVICE_CODE' } } },
    { kind: 'status', status: 200, body: { text: 'not json' } },
    { kind: 'status', status: 200, body: { json: { user_code: 'ABCD', expires_in: 60 } } },
    { kind: 'status', status: 200, body: { json: { device_code: 'x', user_code: 'ABCD', verification_url: 'https://e.test/a', verification_uri: 'https://e.test/a', expires_in: '600' } } },
    { kind: 'status', status: 200, body: { json: { device_code: 'x', user_code: 'ABCD', verification_url: 'https://e.test/a', verification_uri: 'https://e.test/a', expires_in: 60, interval: -1 } } },
  ),
);

const codeStep: fc.Arbitrary<CodeStep> = fc.record({
  latencyMs: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 1_500 }) }, { weight: 1, arbitrary: latency }),
  reply: fc.oneof({ weight: 9, arbitrary: validCodes }, { weight: 1, arbitrary: codeFault }),
});

// ---------------------------------------------------------------------------------------------
// The app's controls

const permille = fc.integer({ min: 0, max: 1_500 });

/** A control before its time is known: times are per mille of the first flow's lifetime. */
type RawControl =
  | { permille: number; type: 'cancel' | 'restart' | 'stop' }
  | { permille: number; type: 'persist'; downPermille: number }
  | { permille: number; type: 'sleep'; downPermille: number; resume: boolean };

const control: fc.Arbitrary<RawControl> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ permille, type: fc.constant('cancel' as const) }) },
  { weight: 3, arbitrary: fc.record({ permille, type: fc.constant('restart' as const) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      permille,
      type: fc.constant('persist' as const),
      downPermille: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 2_000 })),
    }),
  },
  { weight: 1, arbitrary: fc.record({ permille, type: fc.constant('stop' as const) }) },
  {
    weight: 2,
    arbitrary: fc.record({ permille, type: fc.constant('sleep' as const), downPermille: fc.integer({ min: 1, max: 800 }), resume: fc.boolean() }),
  },
);

/** The first flow's lifetime in ms (what control times are fractions of). */
function horizonMs(codes: CodeStep[]): number {
  const first = codes.find((c) => c.reply.kind === 'codes')?.reply;
  return (first?.kind === 'codes' ? first.expiresIn : 60) * 1_000;
}

/** A whole scenario for one dialect. */
export function deviceScenario(dialect: DialectName): fc.Arbitrary<DeviceScenario> {
  return fc
    .record({
      timeoutMs: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(15_000, 10_000, 5_000) }, { weight: 1, arbitrary: fc.integer({ min: 500, max: 15_000 }) }),
      codes: fc.array(codeStep, { minLength: 1, maxLength: 4 }),
      polls: fc.array(dialect === 'trakt' ? traktPoll : rfcPoll, { maxLength: 40 }),
      controls: fc.array(control, { maxLength: 5 }),
    })
    .map(({ timeoutMs, codes, polls, controls }) => {
      const horizon = horizonMs(codes);
      const timed: Control[] = controls
        .map((c): Control => {
          const at = Math.round((c.permille * horizon) / 1_000);
          if (c.type === 'persist') return { at, type: 'persist', downMs: Math.round((c.downPermille * horizon) / 1_000) };
          if (c.type === 'sleep') return { at, type: 'sleep', ms: Math.max(1, Math.round((c.downPermille * horizon) / 1_000)), resume: c.resume };
          return { at, type: c.type };
        })
        .sort((a, b) => a.at - b.at);
      return { dialect, timeoutMs, codes, polls, controls: timed };
    });
}
