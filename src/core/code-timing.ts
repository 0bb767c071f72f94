/**
 * The timing of a device authorization answer (`expires_in`, `interval`; RFC 8628 §3.2, Trakt
 * `/oauth/device/code`), read with a defined outcome for every value a server can send:
 *
 * | value | outcome |
 * |---|---|
 * | `expires_in` missing, not a number (`"600"` included), zero or negative | `INVALID_RESPONSE` naming it |
 * | `expires_in` over 24 days | `INVALID_RESPONSE` (no timer can wait that long; real codes live minutes) |
 * | `expires_in` fractional | kept |
 * | `interval` missing or `null` | 5 s (RFC 8628 §3.2) |
 * | `interval` not a number (`"5"` included) or negative | `INVALID_RESPONSE` naming it |
 * | `interval` over 24 days | `INVALID_RESPONSE` |
 * | `interval` below the floor (0 included) | raised to the floor, `intervalRaisedFrom` says from what |
 * | `interval` fractional above the floor | kept |
 * | `interval` as long as `expires_in` or longer | kept: the machine polls once, just before the deadline |
 *
 * The floor is {@link MIN_INTERVAL_SECONDS} (1 s): faster polling is a busy loop against a
 * server and a battery. A server on loopback (the embedded mock, a test server) may ask for
 * down to {@link LOOPBACK_MIN_INTERVAL_SECONDS}.
 */
import { DeviceAuthError } from './errors.js';
import type { JsonObject } from './validate.js';

/** The shortest interval between polls a server that is not on loopback gets, in seconds. */
export const MIN_INTERVAL_SECONDS = 1;
/** The shortest interval a server on loopback gets, in seconds: one timer tick, never a busy loop. */
export const LOOPBACK_MIN_INTERVAL_SECONDS = 0.001;
/** The interval when the server sends none (RFC 8628 §3.2). */
export const DEFAULT_INTERVAL_SECONDS = 5;
/** The longest `expires_in` or `interval` accepted: timers cannot wait longer than 2³¹−1 ms (24.8 days). */
export const MAX_CODE_SECONDS = (2 ** 31 - 1) / 1000;

/** A device authorization's timing, in seconds. */
export interface CodeTiming {
  expiresIn: number;
  /** The interval to poll at: the server's, or the floor when the server's was below it. */
  interval: number;
  /** The server's interval, present only when it was below the floor and raised. */
  intervalRaisedFrom?: number;
}

function invalid(what: string, detail: string): DeviceAuthError {
  return new DeviceAuthError('INVALID_RESPONSE', `${what}: ${detail}`);
}

/**
 * Reads `expires_in` and `interval` from a device authorization answer (see the table above).
 *
 * @param what - The answer's name in messages, e.g. `Trakt device code response`.
 * @param floorSeconds - {@link MIN_INTERVAL_SECONDS}, or {@link LOOPBACK_MIN_INTERVAL_SECONDS} for a server on loopback.
 */
export function readCodeTiming(body: JsonObject, what: string, floorSeconds: number): CodeTiming {
  const expiresIn = body.expires_in;
  if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn <= 0) {
    throw invalid(what, '"expires_in" must be a positive number of seconds');
  }
  if (expiresIn > MAX_CODE_SECONDS) throw invalid(what, `"expires_in" must be under 24 days (got ${expiresIn} s)`);
  const raw = body.interval ?? DEFAULT_INTERVAL_SECONDS;
  if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < 0) {
    throw invalid(what, '"interval" must be a positive number of seconds');
  }
  if (raw > MAX_CODE_SECONDS) throw invalid(what, `"interval" must be under 24 days (got ${raw} s)`);
  return raw < floorSeconds ? { expiresIn, interval: floorSeconds, intervalRaisedFrom: raw } : { expiresIn, interval: raw };
}
