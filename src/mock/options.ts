/**
 * Options of the embedded Trakt-compatible mock server, their defaults and their validation.
 *
 * Every option is optional and every field also accepts `undefined` (meaning "use the default"),
 * so a CLI can map its flags one to one (`--interval S` → `interval`) without building the
 * object conditionally.
 *
 * Mock-only liberties (a real Trakt server never does these):
 * - `interval` and `expiresIn` may be fractions of a second (e.g. `interval: 0.05`) so demos and
 *   tests run fast. The server returns them as given in the device code response; a client must
 *   take the numbers it receives, so the same client code works against Trakt (whole seconds).
 * - Approvals and denials can happen automatically (`autoApproveAfterPolls`, `autoDenyAfterMs`, ...).
 * - Faults can be injected into token polls (`faultRate`, `faults`).
 */

import { DeviceAuthError } from '../core/errors.js';
import { defaultGenerate, type MockGenerate } from './codes.js';
import { resolveFaultPlan, type MockFaultPlan } from './fault-plan.js';
import { trimTrailingSlashes } from './trim-slashes.js';

/**
 * A fault the mock can inject into a token poll (`POST /oauth/device/token`), imitating what
 * Trakt's CDN and network produce in the wild (docs/protocol.md, "Other answers seen in the wild").
 *
 * - `server-error`: a 502 (HTML body) or 503 (text body), like a gateway in trouble.
 * - `drop`: the connection is destroyed without an answer.
 * - `slow`: the poll is answered normally, but only after `slowMs`. The answer is decided when the
 *   poll arrives (pace, expiry and the poll count are those of the arrival), then held back.
 * - `rate-limit`: a CDN 429 with `Retry-After: faultRetryAfter` and a text body.
 */
export type MockFaultKind = 'server-error' | 'drop' | 'slow' | 'rate-limit';

/** Every {@link MockFaultKind}, in the order `faults` defaults to. */
export const MOCK_FAULT_KINDS: readonly MockFaultKind[] = ['server-error', 'drop', 'slow', 'rate-limit'];

/**
 * Waits `ms` milliseconds, rejecting when `signal` aborts (the server is closing).
 * Injectable so tests can hold a slow answer and release it without real sleeps.
 */
export type MockDelay = (ms: number, signal: AbortSignal) => Promise<void>;

/** Options of {@link startMockServer}. All are optional; see {@link MOCK_DEFAULTS}. */
export interface MockServerOptions {
  /** TCP port to listen on. `0` (default) picks a free port. CLI: `--port N`. */
  port?: number | undefined;
  /** Interface to listen on. Default `127.0.0.1` (loopback only). */
  host?: string | undefined;
  /**
   * Base URL people and devices use to reach this server, when it differs from the listening
   * address (a LAN address for a phone scanning a QR code, a tunnel). It is used for
   * `verification_url` (`<publicUrl>/activate`). Give an origin (`http://192.168.1.20:8080`): the
   * page's form posts to the absolute path `/activate`, so path prefixes are not supported.
   * Default: the listening URL.
   */
  publicUrl?: string | undefined;
  /** The only client id the server accepts (body `client_id` and header `trakt-api-key`). Default `mock-client-id`. */
  clientId?: string | undefined;
  /** The client secret the server expects. Default `mock-client-secret`. */
  clientSecret?: string | undefined;
  /** The `redirect_uri` a refresh must send. Default `urn:ietf:wg:oauth:2.0:oob` (Trakt device apps). */
  redirectUri?: string | undefined;
  /** Name of the account that "signs in"; returned by `GET /users/settings`. Default `mock-user`. */
  username?: string | undefined;
  /**
   * Polling interval in seconds returned with each device code, and enforced per code: a poll
   * arriving sooner after the previous counted poll answers 429 (with a little slack for timer
   * jitter: 10 % of the interval, at least 20 ms). Fractions allowed (mock only). Default 5.
   * CLI: `--interval S`.
   */
  interval?: number | undefined;
  /** Lifetime of each device code in seconds. Fractions allowed (mock only). Default 600. CLI: `--expires-in S`. */
  expiresIn?: number | undefined;
  /** Access-token lifetime in whole seconds (`expires_in` of issued tokens). Default 604800 (7 days, Trakt today). */
  tokenLifetime?: number | undefined;
  /**
   * Approve a code automatically once it has been polled this many times: with `2`, polls 1 and 2
   * answer 400 and poll 3 answers 200; with `0` the first poll answers 200. CLI: `--auto-approve-after N`.
   */
  autoApproveAfterPolls?: number | undefined;
  /** Deny a code automatically once it has been polled this many times (same counting as `autoApproveAfterPolls`). CLI: `--auto-deny-after N`. */
  autoDenyAfterPolls?: number | undefined;
  /**
   * Approve a code automatically this many milliseconds after it was issued. Checked against the
   * `now` clock whenever the code is next looked at (a poll, the page), so no timers run.
   */
  autoApproveAfterMs?: number | undefined;
  /** Deny a code automatically this many milliseconds after it was issued (checked like `autoApproveAfterMs`). */
  autoDenyAfterMs?: number | undefined;
  /** Share (0..1) of token polls answered with an injected fault instead of the real answer. Default 0. CLI: `--fault-rate R`. */
  faultRate?: number | undefined;
  /** Which faults may be injected; one is picked at random per faulted poll. Default: all of {@link MOCK_FAULT_KINDS}. */
  faults?: readonly MockFaultKind[] | undefined;
  /** Delay of a `slow` fault, in milliseconds. Default 2000. */
  slowMs?: number | undefined;
  /** `Retry-After` seconds (a whole number) of a `rate-limit` fault. Default 1. */
  faultRetryAfter?: number | undefined;
  /**
   * Scripted faults on every endpoint a client calls (device code, token poll, refresh, revoke):
   * for the n-th request to an endpoint, which fault to answer with (a status with any body and
   * headers, a patched real answer, an oversize body, a reset mid-answer, a drop, no answer at all,
   * a late answer, a redirect). Deterministic, unlike `faultRate`; a request the plan faults never
   * gets a random fault. See `src/mock/fault-plan.ts`. Default: none.
   */
  faultPlan?: MockFaultPlan | undefined;
  /** How many request-log entries to keep (oldest dropped first). Default 1000; `Infinity` keeps all. */
  logLimit?: number | undefined;
  /**
   * Most device codes remembered at once, whatever their state; issuing one more forgets the oldest
   * issued (it then answers 404 like a code never issued). Bounds a long-running mock's memory
   * against a client that asks for codes in a loop. Default 10 000; `Infinity` for no cap.
   */
  maxDeviceCodes?: number | undefined;
  /**
   * Most token pairs remembered at once; issuing one more forgets the oldest dead (rotated or
   * revoked) pair, or the oldest issued pair when none is dead. A forgotten refresh token answers
   * 400 `invalid_grant`, a forgotten access token 401. Default 10 000; `Infinity` for no cap.
   */
  maxTokenPairs?: number | undefined;
  /**
   * Makes the codes and tokens the mock hands out. Default: random from `globalThis.crypto`
   * (device codes and tokens 64 hex characters, user codes 8 characters of `USER_CODE_ALPHABET`).
   * Inject one for readable, predictable values in tests (`access-1`, `CODE1`). Each value must be
   * a non-empty string not in use; a user code must be as `normalizeUserCode` leaves it (upper-case
   * letters and digits). A value in use is asked for again, a few times, then the request fails
   * with a 500.
   */
  generate?: MockGenerate | undefined;
  /**
   * Source of randomness for fault injection only (codes and tokens come from `generate`).
   * Called once to decide whether a poll is faulted (`random() < faultRate`), then once to pick the
   * kind (`faults[floor(random() * faults.length)]`), then for `server-error` once more (`< 0.5` → 502,
   * else 503). It is not called at all when `faultRate` is 0. Default `Math.random`.
   */
  random?: (() => number) | undefined;
  /**
   * Clock in milliseconds since the epoch; drives expiry, polling pace, auto-decisions and
   * `created_at`. Default: `Date.now()`, read at each call, so fake timers that replace `Date`
   * (vitest, sinon) drive the mock even when it was created before they were installed.
   */
  now?: (() => number) | undefined;
  /** How a `slow` fault waits. Default: a real timer, cancelled when the server closes. */
  delay?: MockDelay | undefined;
  /**
   * Which protocol the API speaks over the same state (codes, approvals, tokens, page, controls,
   * log, faults, caps): `trakt` (default; Trakt's paths, JSON bodies, headers and status codes) or
   * `rfc8628` (standard paths and form bodies: `POST /device_authorization`, `POST /token`,
   * `POST /revoke`, the RFC 8414 discovery documents, and GitHub's paths as aliases; see
   * `src/mock/README.md`). CLI: `--dialect rfc8628`.
   */
  dialect?: MockDialectName | undefined;
  /**
   * Whether a refresh replaces the refresh token (default `true`: the old one dies, as on Trakt).
   * With `false` the refresh token stays valid and a refresh only issues a new access token (the
   * `rfc8628` answer then has no `refresh_token`, like Google's).
   */
  rotateRefreshTokens?: boolean | undefined;
  /**
   * `rfc8628` only: the HTTP status of OAuth error answers. `400` (default): RFC 6749 §5.2 (400,
   * and 401 for `invalid_client`). `200`: GitHub's way, every error answered with HTTP 200 and the
   * new `interval` in a `slow_down` body.
   */
  errorStatus?: 400 | 200 | undefined;
}

/** The protocols the mock speaks (see {@link MockServerOptions.dialect}). */
export type MockDialectName = 'trakt' | 'rfc8628';

/** Every {@link MockDialectName}. */
export const MOCK_DIALECTS: readonly MockDialectName[] = ['trakt', 'rfc8628'];

/** {@link MockServerOptions} after defaults are applied and every value is checked. */
export interface ResolvedMockOptions {
  readonly port: number;
  readonly host: string;
  readonly publicUrl: string | undefined;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  readonly username: string;
  readonly interval: number;
  readonly expiresIn: number;
  readonly tokenLifetime: number;
  readonly autoApproveAfterPolls: number | undefined;
  readonly autoDenyAfterPolls: number | undefined;
  readonly autoApproveAfterMs: number | undefined;
  readonly autoDenyAfterMs: number | undefined;
  readonly faultRate: number;
  readonly faults: readonly MockFaultKind[];
  readonly slowMs: number;
  readonly faultRetryAfter: number;
  readonly faultPlan: MockFaultPlan | undefined;
  readonly logLimit: number;
  readonly maxDeviceCodes: number;
  readonly maxTokenPairs: number;
  readonly generate: MockGenerate;
  readonly random: () => number;
  readonly now: () => number;
  readonly delay: MockDelay;
  readonly dialect: MockDialectName;
  readonly rotateRefreshTokens: boolean;
  readonly errorStatus: 400 | 200;
}

/** Default values of {@link MockServerOptions} (the functions default to random codes, `Math.random`, {@link systemClock} and a real timer). */
export const MOCK_DEFAULTS = {
  port: 0,
  host: '127.0.0.1',
  clientId: 'mock-client-id',
  clientSecret: 'mock-client-secret',
  redirectUri: 'urn:ietf:wg:oauth:2.0:oob',
  username: 'mock-user',
  interval: 5,
  expiresIn: 600,
  tokenLifetime: 604_800,
  faultRate: 0,
  slowMs: 2000,
  faultRetryAfter: 1,
  logLimit: 1000,
  maxDeviceCodes: 10_000,
  maxTokenPairs: 10_000,
  dialect: 'trakt',
  rotateRefreshTokens: true,
  errorStatus: 400,
} as const;

/** The default clock: `Date.now()` looked up at each call (see {@link MockServerOptions.now}). */
export const systemClock = (): number => Date.now();

/** The default {@link MockDelay}: a timer that rejects with the abort reason when the server closes. */
export const realDelay: MockDelay = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });

function invalid(name: string, rule: string, value: unknown): DeviceAuthError {
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return new DeviceAuthError('CONFIGURATION', `mock server: "${name}" must be ${rule} (got ${shown})`);
}

function numberOption(
  name: string,
  value: number | undefined,
  fallback: number,
  rule: { min: number; minExclusive?: boolean; max?: number; integer?: boolean; infinite?: boolean },
): number {
  if (value === undefined) return fallback;
  const words = [
    rule.integer ? 'a whole number' : 'a number',
    rule.minExclusive ? `greater than ${rule.min}` : `at least ${rule.min}`,
    ...(rule.max === undefined ? [] : [`and at most ${rule.max}`]),
  ].join(' ');
  if (typeof value !== 'number' || Number.isNaN(value)) throw invalid(name, words, value);
  if (value === Infinity && rule.infinite) return value;
  if (!Number.isFinite(value)) throw invalid(name, words, value);
  if (rule.integer && !Number.isInteger(value)) throw invalid(name, words, value);
  if (rule.minExclusive ? value <= rule.min : value < rule.min) throw invalid(name, words, value);
  if (rule.max !== undefined && value > rule.max) throw invalid(name, words, value);
  return value;
}

function textOption(name: string, value: string | undefined, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || value.trim() === '' || value !== value.trim()) {
    throw invalid(name, 'a non-empty string without surrounding spaces', value);
  }
  return value;
}

function choiceOption<T extends string | number>(name: string, value: T | undefined, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!choices.includes(value)) throw invalid(name, `one of ${choices.map((choice) => JSON.stringify(choice)).join(', ')}`, value);
  return value;
}

function booleanOption(name: string, value: boolean | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw invalid(name, 'true or false', value);
  return value;
}

function functionOption<F>(name: string, value: F | undefined, fallback: F): F {
  if (value === undefined) return fallback;
  if (typeof value !== 'function') throw invalid(name, 'a function', value);
  return value;
}

/** Checks an absolute http(s) URL option and returns it without trailing slashes. */
export function urlOption(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(name, 'an absolute http(s) URL', value);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid(name, 'an absolute http(s) URL', value);
  return trimTrailingSlashes(url.href);
}

function faultsOption(value: readonly MockFaultKind[] | undefined): readonly MockFaultKind[] {
  if (value === undefined) return MOCK_FAULT_KINDS;
  const rule = `a non-empty list of ${MOCK_FAULT_KINDS.map((kind) => `"${kind}"`).join(', ')}`;
  if (!Array.isArray(value) || value.length === 0) throw invalid('faults', rule, value);
  for (const kind of value) {
    if (!MOCK_FAULT_KINDS.includes(kind)) throw invalid('faults', rule, kind);
  }
  return [...new Set(value)];
}

/**
 * Applies {@link MOCK_DEFAULTS} and validates every option.
 *
 * @throws {DeviceAuthError} with code `CONFIGURATION`, naming the option, when a value is out of range.
 */
export function resolveMockOptions(options: MockServerOptions = {}): ResolvedMockOptions {
  const d = MOCK_DEFAULTS;
  const count = (name: string, value: number | undefined): number | undefined =>
    value === undefined ? undefined : numberOption(name, value, 0, { min: 0, integer: true });
  const millis = (name: string, value: number | undefined): number | undefined =>
    value === undefined ? undefined : numberOption(name, value, 0, { min: 0 });
  return {
    port: numberOption('port', options.port, d.port, { min: 0, max: 65_535, integer: true }),
    host: textOption('host', options.host, d.host),
    publicUrl: urlOption('publicUrl', options.publicUrl),
    clientId: textOption('clientId', options.clientId, d.clientId),
    clientSecret: textOption('clientSecret', options.clientSecret, d.clientSecret),
    redirectUri: textOption('redirectUri', options.redirectUri, d.redirectUri),
    username: textOption('username', options.username, d.username),
    interval: numberOption('interval', options.interval, d.interval, { min: 0, minExclusive: true }),
    expiresIn: numberOption('expiresIn', options.expiresIn, d.expiresIn, { min: 0, minExclusive: true }),
    tokenLifetime: numberOption('tokenLifetime', options.tokenLifetime, d.tokenLifetime, { min: 1, integer: true }),
    autoApproveAfterPolls: count('autoApproveAfterPolls', options.autoApproveAfterPolls),
    autoDenyAfterPolls: count('autoDenyAfterPolls', options.autoDenyAfterPolls),
    autoApproveAfterMs: millis('autoApproveAfterMs', options.autoApproveAfterMs),
    autoDenyAfterMs: millis('autoDenyAfterMs', options.autoDenyAfterMs),
    faultRate: numberOption('faultRate', options.faultRate, d.faultRate, { min: 0, max: 1 }),
    faults: faultsOption(options.faults),
    slowMs: numberOption('slowMs', options.slowMs, d.slowMs, { min: 0 }),
    faultRetryAfter: numberOption('faultRetryAfter', options.faultRetryAfter, d.faultRetryAfter, { min: 0, integer: true }),
    faultPlan: resolveFaultPlan(options.faultPlan),
    logLimit: numberOption('logLimit', options.logLimit, d.logLimit, { min: 0, integer: true, infinite: true }),
    maxDeviceCodes: numberOption('maxDeviceCodes', options.maxDeviceCodes, d.maxDeviceCodes, { min: 1, integer: true, infinite: true }),
    maxTokenPairs: numberOption('maxTokenPairs', options.maxTokenPairs, d.maxTokenPairs, { min: 1, integer: true, infinite: true }),
    generate: functionOption('generate', options.generate, defaultGenerate),
    random: functionOption('random', options.random, Math.random),
    now: functionOption('now', options.now, systemClock),
    delay: functionOption('delay', options.delay, realDelay),
    dialect: choiceOption('dialect', options.dialect, MOCK_DIALECTS, d.dialect),
    rotateRefreshTokens: booleanOption('rotateRefreshTokens', options.rotateRefreshTokens, d.rotateRefreshTokens),
    errorStatus: choiceOption('errorStatus', options.errorStatus, [400, 200] as const, d.errorStatus),
  };
}
