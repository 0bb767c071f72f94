/**
 * Scripted fault injection: a plan saying, for the n-th request to an endpoint, which fault the mock
 * answers with. Unlike the random `faultRate`/`faults` (token polls only), a plan is deterministic
 * and covers every endpoint a client calls (device code, token poll, refresh, revoke), so a test can
 * put exactly one fault where it wants it and assert what the client did with it.
 *
 * A plan is plain data or a function, so it can be written inline in a test:
 *
 * ```ts
 * startMockServer({ faultPlan: { token: [undefined, { kind: 'answer', status: 503, headers: { 'Retry-After': '1' } }] } });
 * startMockServer({ faultPlan: ({ endpoint, n }) => (endpoint === 'refresh' && n === 1 ? { kind: 'hang' } : undefined) });
 * ```
 */

import { DeviceAuthError } from '../core/errors.js';

/** An endpoint a plan can fault. Named by what the request does, so the plan is the same in every dialect. */
export type MockEndpoint = 'deviceCode' | 'token' | 'refresh' | 'revoke';

/** Every {@link MockEndpoint}. */
export const MOCK_ENDPOINTS: readonly MockEndpoint[] = ['deviceCode', 'token', 'refresh', 'revoke'];

/**
 * One scripted fault. A faulted request never reaches the OAuth rules (it does not count as a poll,
 * issues nothing, rotates nothing), except `patch`, which answers normally and then rewrites the
 * JSON answer, and `slow`, which answers normally but late.
 *
 * - `answer`: this status, body and headers instead of the real answer: 5xx with or without
 *   `Retry-After`, a CDN's 403/429 HTML page, 200 with HTML, truncated or invalid JSON, JSON of the
 *   wrong shape, an unknown status. `body` defaults to empty, `contentType` to none.
 * - `patch`: the real answer (the request is served: a code issued, a token handed out) with fields
 *   of its JSON object body replaced (`set`, any JSON values, `interval: "5"` included) or removed
 *   (`remove`); a body that is not a JSON object is left as is.
 * - `oversize`: a 200 JSON-looking body of `bytes` bytes, its length declared in `Content-Length`
 *   unless `declareLength` is false (then sent chunked, so only a reader that counts catches it).
 * - `reset`: the status line, the headers and the first half of a JSON body are sent, then the
 *   connection is destroyed: the client sees the answer start and then a network error.
 * - `drop`: the connection is destroyed before any answer (a peer that resets at once).
 * - `hang`: nothing is ever answered; the request is held until the client gives up (its timeout
 *   or abort) or the mock closes, then logged as dropped.
 * - `slow`: the real answer, decided on arrival, sent after `ms` milliseconds.
 * - `redirect`: a redirect with this status (default 307) to `location` (default: the same path on
 *   the same origin); give an absolute URL for another origin.
 */
export type MockScriptedFault =
  | {
      readonly kind: 'answer';
      readonly status: number;
      readonly body?: string | undefined;
      readonly contentType?: string | undefined;
      readonly headers?: Readonly<Record<string, string>> | undefined;
    }
  | { readonly kind: 'patch'; readonly set?: Readonly<Record<string, unknown>> | undefined; readonly remove?: readonly string[] | undefined }
  | { readonly kind: 'oversize'; readonly bytes: number; readonly declareLength?: boolean | undefined }
  | { readonly kind: 'reset'; readonly status?: number | undefined }
  | { readonly kind: 'drop' }
  | { readonly kind: 'hang' }
  | { readonly kind: 'slow'; readonly ms: number }
  | { readonly kind: 'redirect'; readonly status?: number | undefined; readonly location?: string | undefined };

/** The kind names of {@link MockScriptedFault}. */
export type MockScriptedFaultKind = MockScriptedFault['kind'];

/** Every {@link MockScriptedFaultKind}. */
export const MOCK_SCRIPTED_FAULT_KINDS: readonly MockScriptedFaultKind[] = [
  'answer',
  'patch',
  'oversize',
  'reset',
  'drop',
  'hang',
  'slow',
  'redirect',
];

/** What a plan function is told about a request: its endpoint and its 1-based number among that endpoint's requests. */
export interface MockFaultPlanRequest {
  readonly endpoint: MockEndpoint;
  /** 1 for the first request to `endpoint`, 2 for the second, ... (faulted or not). */
  readonly n: number;
}

/**
 * A fault plan: a function of {@link MockFaultPlanRequest} returning the fault (`undefined` for a
 * normal answer), or per endpoint a list whose n-th entry (index n − 1) faults the n-th request
 * (`undefined`/`null` entries and requests past the end are answered normally).
 */
export type MockFaultPlan =
  | ((request: MockFaultPlanRequest) => MockScriptedFault | undefined | null)
  | Readonly<Partial<Record<MockEndpoint, readonly (MockScriptedFault | undefined | null)[]>>>;

/** Counts requests per endpoint and asks the plan about each; one per mock. */
export interface FaultPlanner {
  /** False when there is no plan: nothing to count, so a request need not even be classified. */
  readonly active: boolean;
  /** Counts one request to `endpoint` and returns the fault the plan gives it, if any. */
  next(endpoint: MockEndpoint): MockScriptedFault | undefined;
}

/** A {@link FaultPlanner} for `plan` (one that never faults when there is no plan). */
export function createFaultPlanner(plan: MockFaultPlan | undefined): FaultPlanner {
  const counts = new Map<MockEndpoint, number>();
  return {
    active: plan !== undefined,
    next(endpoint) {
      if (plan === undefined) return undefined;
      const n = (counts.get(endpoint) ?? 0) + 1;
      counts.set(endpoint, n);
      const fault = typeof plan === 'function' ? plan({ endpoint, n }) : plan[endpoint]?.[n - 1];
      return fault ?? undefined;
    },
  };
}

/** Why `fault` is not a valid {@link MockScriptedFault}, or `undefined` when it is. */
function faultProblem(fault: unknown): string | undefined {
  if (typeof fault !== 'object' || fault === null) return 'each fault must be an object with a "kind"';
  const { kind } = fault as { kind?: unknown };
  if (!MOCK_SCRIPTED_FAULT_KINDS.includes(kind as MockScriptedFaultKind)) {
    return `a fault's "kind" must be one of ${MOCK_SCRIPTED_FAULT_KINDS.map((name) => `"${name}"`).join(', ')} (got ${JSON.stringify(kind)})`;
  }
  const value = fault as Record<string, unknown>;
  const status = (name: string, required: boolean): string | undefined => {
    const given = value[name];
    if (given === undefined && !required) return undefined;
    return Number.isInteger(given) && (given as number) >= 100 && (given as number) <= 599
      ? undefined
      : `a "${String(kind)}" fault's "${name}" must be a whole number from 100 to 599`;
  };
  switch (kind) {
    case 'answer':
      return status('status', true);
    case 'reset':
      return status('status', false);
    case 'redirect':
      return status('status', false);
    case 'oversize':
      return Number.isInteger(value.bytes) && (value.bytes as number) > 0 ? undefined : 'an "oversize" fault needs "bytes", a whole number above 0';
    case 'slow':
      return typeof value.ms === 'number' && Number.isFinite(value.ms) && value.ms >= 0 ? undefined : 'a "slow" fault needs "ms", a number of at least 0';
    default:
      return undefined;
  }
}

/**
 * Why `plan` is not a valid {@link MockFaultPlan}, or `undefined` when it is (or is absent). A
 * function is checked when it answers (an invalid fault then answers 500 naming the problem).
 */
export function faultPlanProblem(plan: unknown): string | undefined {
  if (plan === undefined || typeof plan === 'function') return undefined;
  if (typeof plan !== 'object' || plan === null || Array.isArray(plan)) {
    return `a function or an object with lists for ${MOCK_ENDPOINTS.map((name) => `"${name}"`).join(', ')}`;
  }
  for (const [endpoint, faults] of Object.entries(plan)) {
    if (!MOCK_ENDPOINTS.includes(endpoint as MockEndpoint)) {
      return `an object whose keys are endpoints (${MOCK_ENDPOINTS.join(', ')}); got "${endpoint}"`;
    }
    if (!Array.isArray(faults)) return `an object whose "${endpoint}" is a list of faults`;
    for (const fault of faults) {
      if (fault === undefined || fault === null) continue;
      const problem = faultProblem(fault);
      if (problem !== undefined) return `valid: ${problem}`;
    }
  }
  return undefined;
}

/** Checks one fault a plan function returned; throws naming the problem. */
export function checkScriptedFault(fault: MockScriptedFault): MockScriptedFault {
  const problem = faultProblem(fault);
  if (problem !== undefined) throw new Error(`faultPlan: ${problem}`);
  return fault;
}

/**
 * The `faultPlan` option, checked.
 *
 * @throws {DeviceAuthError} `CONFIGURATION` naming the problem when a list plan is malformed.
 */
export function resolveFaultPlan(plan: MockFaultPlan | undefined): MockFaultPlan | undefined {
  const problem = faultPlanProblem(plan);
  if (problem !== undefined) throw new DeviceAuthError('CONFIGURATION', `mock server: "faultPlan" must be ${problem}`);
  return plan;
}
