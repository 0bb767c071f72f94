/**
 * Drawing a code or token that is not in use from the injectable `generate`, with a bounded number
 * of attempts: a random generator practically never repeats itself, but an injected one (a counter
 * in a test) might, and the mock must neither hand out a duplicate nor loop forever.
 */

import { DeviceAuthError } from '../core/errors.js';
import { normalizeUserCode, type MockGenerate, type MockSecretKind } from './codes.js';

/** How many values `drawUnique` asks for before it gives up. */
export const MAX_DRAWS = 8;

/**
 * A value of `kind` from `generate` for which `taken` is false. Error messages never show the
 * values: they are secrets (except user codes, which are not worth the special case).
 *
 * @throws {DeviceAuthError} `CONFIGURATION` when `generate` returns something other than a
 *   non-empty string (for a user code: one `normalizeUserCode` leaves unchanged), or only values
 *   in use, {@link MAX_DRAWS} times in a row.
 */
export function drawUnique(generate: MockGenerate, kind: MockSecretKind, taken: (value: string) => boolean): string {
  for (let attempt = 0; attempt < MAX_DRAWS; attempt += 1) {
    const value: unknown = generate(kind);
    if (typeof value !== 'string' || value === '' || (kind === 'user_code' && normalizeUserCode(value) !== value)) {
      const rule = kind === 'user_code' ? 'a non-empty string of upper-case letters and digits' : 'a non-empty string';
      throw new DeviceAuthError('CONFIGURATION', `mock server: "generate" must return ${rule} for a ${kind}`);
    }
    if (!taken(value)) return value;
  }
  throw new DeviceAuthError('CONFIGURATION', `mock server: "generate" returned a ${kind} already in use ${MAX_DRAWS} times in a row`);
}
