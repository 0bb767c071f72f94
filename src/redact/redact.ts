/**
 * The one redaction function every output goes through: inspector messages, CLI `--json` lines,
 * logs and errors. It returns a JSON-safe deep copy in which access and refresh tokens, the client
 * secret, the device code, passwords and `Authorization` headers are replaced by `[redacted]`,
 * found two ways:
 *
 * - by property name, case- and separator-insensitively (`access_token`, `accessToken`,
 *   `Access-Token`), including `code` and `token` inside OAuth request bodies (RFC 6749 §4.1.3,
 *   RFC 7009 §2.1) — see `redact-keys.ts`;
 * - by value: known secret strings are replaced wherever they occur inside any string, and
 *   credentials are recognised in free text (`Bearer …`, `access_token=…`, `"access_token":"…"`)
 *   — see `redact-strings.ts`.
 *
 * The input is never changed. Cycles become `[circular]`; XState actor refs become
 * `{ id, sessionId }` and are never walked into; machine snapshots keep their status, value,
 * context, tags, children, output and error.
 */
import { isRequestBody, isSecretKey, keepsScheme } from './redact-keys.js';
import { REDACTED, scrubString, secretsPattern } from './redact-strings.js';
import {
  actorRefSummary,
  isActorRefLike,
  isMachineLike,
  isMachineSnapshotLike,
  isStateNodeLike,
  machineSnapshotParts,
} from './redact-xstate.js';

export { REDACTED } from './redact-strings.js';

/** Replaces a reference back to an object that is still being copied (a cycle). */
export const CIRCULAR = '[circular]';
/** Replaces a function found in an array or at the top level (functions in objects are dropped). */
export const FUNCTION = '[function]';
/** Replaces values nested deeper than `maxDepth`. */
export const DEPTH_LIMIT = '[depth limit]';

/** Default nesting depth copied before values are replaced by {@link DEPTH_LIMIT}. */
export const DEFAULT_MAX_DEPTH = 64;

/** What {@link redact} returns: plain JSON-safe data (`undefined` only where the input had it). */
export type RedactedValue =
  | null
  | undefined
  | boolean
  | number
  | string
  | RedactedValue[]
  | { [key: string]: RedactedValue };

/** Options of {@link redact}. */
export interface RedactOptions {
  /**
   * Known secret values (the client secret, a device code, tokens): replaced by `[redacted]`
   * wherever they occur inside any string, property name included. Empty strings are ignored.
   */
  readonly secrets?: Iterable<string>;
  /** Nesting depth copied before values become `[depth limit]`. Default {@link DEFAULT_MAX_DEPTH}. */
  readonly maxDepth?: number;
}

/**
 * A reusable redactor that can learn secrets while a flow runs: the device code arrives with the
 * device-code response (RFC 8628 §3.2) and the tokens with the token response (RFC 6749 §5.1).
 */
export interface Redactor {
  /** A redacted, JSON-safe deep copy of `value`; see {@link redact}. */
  redact(value: unknown): RedactedValue;
  /** `text` with every known secret and recognisable credential replaced by `[redacted]`. */
  scrub(text: string): string;
  /** Adds a secret value to replace from now on. `undefined`, `null` and `''` are ignored. */
  addSecret(secret: string | null | undefined): void;
  /** How many distinct secret values the redactor knows. */
  readonly secretCount: number;
}

type Bag = Record<string, unknown>;

interface Walk {
  readonly known: RegExp | undefined;
  readonly maxDepth: number;
  /** Objects on the path from the root to the current value: meeting one again is a cycle. */
  readonly path: Set<object>;
  /** Objects already copied (shared, not cyclic): reuse the copy instead of walking again. */
  readonly done: Map<object, RedactedValue>;
}

function scrub(walk: Walk, text: string): string {
  return scrubString(text, walk.known);
}

/** `Bearer abc` → `Bearer [redacted]`: the scheme helps debugging and is not secret. */
function redactCredentials(walk: Walk, key: string, value: unknown): string {
  if (keepsScheme(key) && typeof value === 'string') {
    const scheme = /^\s*([A-Za-z][\w-]*)\s+\S/.exec(value)?.[1];
    if (scheme !== undefined) return `${scrub(walk, scheme)} ${REDACTED}`;
  }
  return REDACTED;
}

function copyEntries(walk: Walk, entries: ReadonlyArray<readonly [string, unknown]>, depth: number): Bag {
  const inRequestBody = isRequestBody(entries.map(([key]) => key));
  const copied: Array<[string, RedactedValue]> = [];
  for (const [key, value] of entries) {
    if (typeof value === 'function') continue;
    const name = scrub(walk, key);
    copied.push([
      name,
      isSecretKey(key, value, inRequestBody) ? redactCredentials(walk, key, value) : copyValue(walk, value, depth + 1),
    ]);
  }
  // fromEntries defines own properties, so a `__proto__` key stays data and cannot set a prototype.
  return Object.fromEntries(copied) as Bag;
}

function ownEntries(object: object): Array<[string, unknown]> {
  return Object.keys(object).map((key) => {
    try {
      return [key, (object as Bag)[key]];
    } catch {
      return [key, '[unreadable]'];
    }
  });
}

function mapKey(walk: Walk, key: unknown, depth: number): string {
  if (typeof key === 'string') return key;
  if (typeof key === 'object' && key !== null) return JSON.stringify(copyValue(walk, key, depth + 1)) ?? '';
  return typeof key === 'bigint' ? `${key}n` : String(key);
}

function isHeadersLike(value: object): value is { entries(): Iterable<[string, string]> } {
  return (
    (value as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag] === 'Headers' &&
    typeof (value as { entries?: unknown }).entries === 'function'
  );
}

function copyError(walk: Walk, error: Error, depth: number): RedactedValue {
  const extra = error as Error & { code?: unknown; status?: unknown; errors?: unknown };
  const copy: Bag = {
    name: scrub(walk, String(error.name)),
    message: scrub(walk, String(error.message)),
  };
  if (extra.code !== undefined) copy.code = copyValue(walk, extra.code, depth + 1);
  if (extra.status !== undefined) copy.status = copyValue(walk, extra.status, depth + 1);
  if (error.cause !== undefined) copy.cause = copyValue(walk, error.cause, depth + 1);
  if (Array.isArray(extra.errors)) copy.errors = copyValue(walk, extra.errors, depth + 1);
  return copy as RedactedValue;
}

function copyObject(walk: Walk, object: object, depth: number): RedactedValue {
  if (isActorRefLike(object)) return actorRefSummary(object);
  if (isMachineSnapshotLike(object)) return copyEntries(walk, Object.entries(machineSnapshotParts(object)), depth) as RedactedValue;
  if (isMachineLike(object)) return { machine: scrub(walk, String(object.id)) };
  if (isStateNodeLike(object)) return { stateNode: scrub(walk, String(object.id)) };
  if (Array.isArray(object)) {
    return object.map((item: unknown) => (typeof item === 'function' ? FUNCTION : copyValue(walk, item, depth + 1)));
  }
  if (object instanceof Error) return copyError(walk, object, depth);
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? 'Invalid Date' : object.toISOString();
  if (object instanceof Map) {
    const entries = [...object].map(([key, value]) => [mapKey(walk, key, depth), value] as const);
    return copyEntries(walk, entries, depth) as RedactedValue;
  }
  if (object instanceof Set) return [...object].map((item) => copyValue(walk, item, depth + 1));
  if (object instanceof RegExp) return scrub(walk, String(object));
  if (object instanceof URL || object instanceof URLSearchParams) return scrub(walk, object.toString());
  if (ArrayBuffer.isView(object) || object instanceof ArrayBuffer) return `[binary ${object.byteLength} bytes]`;
  if (isHeadersLike(object)) return copyEntries(walk, [...object.entries()], depth) as RedactedValue;
  return copyEntries(walk, ownEntries(object), depth) as RedactedValue;
}

function copyValue(walk: Walk, value: unknown, depth: number): RedactedValue {
  switch (typeof value) {
    case 'string':
      return scrub(walk, value);
    case 'number':
    case 'boolean':
    case 'undefined':
      return value;
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return scrub(walk, value.toString());
    case 'function':
      return FUNCTION;
    default:
      break;
  }
  if (value === null) return null;
  const object = value as object;
  if (walk.path.has(object)) return CIRCULAR;
  const done = walk.done.get(object);
  if (done !== undefined) return done;
  if (depth >= walk.maxDepth) return DEPTH_LIMIT;
  walk.path.add(object);
  let copy: RedactedValue;
  try {
    copy = copyObject(walk, object, depth);
  } finally {
    walk.path.delete(object);
  }
  walk.done.set(object, copy);
  return copy;
}

/**
 * Creates a {@link Redactor} that knows `secrets` and learns more with `addSecret`.
 *
 * @example
 * ```ts
 * const redactor = createRedactor([clientSecret]);
 * actor.on('codes', () => redactor.addSecret(actor.getSnapshot().context.codes?.deviceCode));
 * const inspect = (event: InspectionEvent) => send(redactor.redact(event));
 * ```
 *
 * @param secrets - Secret values known up front (the client secret).
 * @param options - `maxDepth`; see {@link RedactOptions}.
 */
export function createRedactor(secrets: Iterable<string> = [], options: Pick<RedactOptions, 'maxDepth'> = {}): Redactor {
  const known = new Set<string>();
  for (const secret of secrets) if (secret !== '') known.add(secret);
  let pattern: RegExp | undefined;
  let stale = true;
  const currentPattern = (): RegExp | undefined => {
    if (stale) {
      pattern = secretsPattern(known);
      stale = false;
    }
    return pattern;
  };
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  return {
    redact(value) {
      return copyValue({ known: currentPattern(), maxDepth, path: new Set(), done: new Map() }, value, 0);
    },
    scrub(text) {
      return scrubString(text, currentPattern());
    },
    addSecret(secret) {
      if (typeof secret !== 'string' || secret === '' || known.has(secret)) return;
      known.add(secret);
      stale = true;
    },
    get secretCount() {
      return known.size;
    },
  };
}

/**
 * A redacted, JSON-safe deep copy of `value`, for any output: inspector messages, `--json` lines,
 * logs, error reports. The input is not changed.
 *
 * - Secret properties (`accessToken` / `access_token`, `refreshToken`, `clientSecret`,
 *   `deviceCode`, `password`, `Authorization`, …, any case; `code` and `token` in OAuth request
 *   bodies) become `[redacted]` (`Authorization` keeps its scheme: `Bearer [redacted]`).
 * - Every string, property names included, has `options.secrets` and recognisable credentials
 *   replaced.
 * - Maps become objects, Sets and arrays become arrays, Dates ISO strings, Errors
 *   `{ name, message, code, status, cause }`, class instances their own enumerable properties,
 *   bigints `"123n"`; functions are dropped from objects (`[function]` elsewhere); cycles become
 *   `[circular]`.
 * - XState actor refs become `{ id, sessionId }`; machine snapshots keep status, value, context,
 *   tags, children, output and error; machines and state nodes become their id.
 *
 * @param value - Anything.
 * @param options - Known secret values and the depth limit.
 */
export function redact(value: unknown, options: RedactOptions = {}): RedactedValue {
  const maxDepth = options.maxDepth;
  return createRedactor(options.secrets ?? [], maxDepth === undefined ? {} : { maxDepth }).redact(value);
}
