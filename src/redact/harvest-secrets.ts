/**
 * Learning a flow's secrets from the values an inspector sees, before anything is redacted: the
 * device code arrives in the device-code response (RFC 8628 §3.2, Trakt `device_code`) and the
 * tokens in the token response (RFC 6749 §5.1). Every string held under a secret name (the names
 * `redact()` hides, see `redact-keys.ts`) is reported, so that the same value is also scrubbed
 * where it shows up under an innocent name or inside free text (an error message, a URL).
 */
import { isRequestBody, isSecretKey } from './redact-keys.js';
import { REDACTED } from './redact-strings.js';
import { isActorRefLike, isMachineLike, isMachineSnapshotLike, isStateNodeLike, machineSnapshotParts } from './redact-xstate.js';

/**
 * Harvested values shorter than this are ignored: scrubbing a two-letter "secret" from every
 * string would make the output unreadable, and real device codes and tokens are far longer.
 * Secrets given up front (the client secret) are not subject to this limit.
 */
export const MIN_HARVESTED_SECRET_LENGTH = 6;

/** How deep {@link harvestSecrets} looks; inspection events nest a few levels at most. */
const MAX_DEPTH = 24;

type Bag = Record<string, unknown>;

function entriesOf(value: object): Array<[string, unknown]> {
  if (value instanceof Map) return [...value].map(([key, item]) => [String(key), item]);
  if (isMachineSnapshotLike(value)) {
    // The parts a person would see; `machine` and `_nodes` hold definitions, not data.
    const parts = machineSnapshotParts(value);
    delete parts.children;
    return Object.entries(parts);
  }
  return Object.keys(value).map((key) => {
    try {
      return [key, (value as Bag)[key]];
    } catch {
      return [key, undefined];
    }
  });
}

/**
 * Calls `found` with every string (at least {@link MIN_HARVESTED_SECRET_LENGTH} long, not already
 * `[redacted]`) stored under a secret property name anywhere inside `value`: `deviceCode`,
 * `device_code`, `accessToken`, `refresh_token`, `clientSecret`, `Authorization`, and `code` /
 * `token` inside OAuth request bodies.
 *
 * Actor refs, machines and state nodes are not walked into (they reach the whole actor system);
 * an actor's data arrives in its own snapshots. Machine snapshots are walked through their
 * status, value, context, output and error. Cycles and deep nesting are cut off.
 *
 * @param value - Anything: an XState inspection event, a snapshot, a context, an event.
 * @param found - Receives each secret value (possibly more than once).
 */
export function harvestSecrets(value: unknown, found: (secret: string) => void): void {
  const seen = new Set<object>();
  const visit = (current: unknown, depth: number): void => {
    if (typeof current !== 'object' || current === null || depth > MAX_DEPTH || seen.has(current)) return;
    if (isActorRefLike(current) || isMachineLike(current) || isStateNodeLike(current)) return;
    seen.add(current);
    if (Array.isArray(current) || current instanceof Set) {
      for (const item of current) visit(item, depth + 1);
      return;
    }
    const entries = entriesOf(current);
    const inRequestBody = isRequestBody(entries.map(([key]) => key));
    for (const [key, item] of entries) {
      if (typeof item === 'string') {
        if (isSecretKey(key, item, inRequestBody) && item.length >= MIN_HARVESTED_SECRET_LENGTH && !item.includes(REDACTED)) {
          found(item);
        }
      } else {
        visit(item, depth + 1);
      }
    }
  };
  visit(value, 0);
}
