/**
 * Generation of the secrets and codes the mock hands out: device codes, user codes and tokens.
 * All come from `globalThis.crypto.getRandomValues` (Node 20, browsers, Bun, Deno), never from the
 * injectable `random` (which only drives faults).
 */

/**
 * Characters of a user code: consonants and digits a person cannot confuse when reading them off a
 * TV screen and typing them on a phone: no vowels (so no words form, RFC 8628 §6.1) and none of
 * 0, O, 1, I, L or 8 (read as B). 26 symbols, so an 8-character code carries about 37.6 bits.
 */
export const USER_CODE_ALPHABET = 'BCDFGHJKMNPQRSTVWXZ2345679';

/** Length of a user code (Trakt's are 8 characters). */
export const USER_CODE_LENGTH = 8;

/**
 * Bytes drawn from `getRandomValues` at a time. Each call crosses into native code (tens of
 * microseconds on a busy machine), so small requests are served from a pool, like Node's
 * `crypto.randomInt`; each byte is handed out once.
 */
const POOL_BYTES = 4096;
let pool = new Uint8Array(0);
let poolOffset = 0;

/** `count` cryptographically random bytes from `globalThis.crypto`. */
export function randomBytes(count: number): Uint8Array {
  if (count > POOL_BYTES) return globalThis.crypto.getRandomValues(new Uint8Array(count));
  if (poolOffset + count > pool.length) {
    pool = globalThis.crypto.getRandomValues(new Uint8Array(POOL_BYTES));
    poolOffset = 0;
  }
  poolOffset += count;
  return pool.slice(poolOffset - count, poolOffset);
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** Lower-case hex of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += HEX[byte];
  return hex;
}

/** A new device code: 32 random bytes as 64 lowercase hex characters (like Trakt's). Secret. */
export function createDeviceCode(): string {
  return toHex(randomBytes(32));
}

/** A new opaque bearer or refresh token: 32 random bytes as 64 lowercase hex characters. Secret. */
export function createOpaqueToken(): string {
  return toHex(randomBytes(32));
}

/**
 * Bytes at or above this are redrawn so that `byte % 26` is uniform: 234 = 9 × 26 is the largest
 * multiple of the alphabet's size that fits in a byte.
 */
const UNBIASED_LIMIT = 256 - (256 % USER_CODE_ALPHABET.length);

/** A new user code of {@link USER_CODE_LENGTH} characters drawn uniformly from {@link USER_CODE_ALPHABET}. */
export function createUserCode(): string {
  let code = '';
  while (code.length < USER_CODE_LENGTH) {
    for (const byte of randomBytes(USER_CODE_LENGTH * 2)) {
      if (byte >= UNBIASED_LIMIT) continue;
      code += USER_CODE_ALPHABET[byte % USER_CODE_ALPHABET.length];
      if (code.length === USER_CODE_LENGTH) break;
    }
  }
  return code;
}

/**
 * The canonical form of a user code as a person typed it: upper case, without spaces, dashes or
 * other separators (`"bcdf-ghjk "` → `"BCDFGHJK"`).
 */
export function normalizeUserCode(input: string): string {
  return input.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** What {@link MockGenerate} is asked to make. */
export type MockSecretKind = 'device_code' | 'user_code' | 'access_token' | 'refresh_token';

/** Makes a code or token of the given kind (see `MockServerOptions.generate`). */
export type MockGenerate = (kind: MockSecretKind) => string;

/** The default {@link MockGenerate}: random device codes, user codes and tokens. */
export const defaultGenerate: MockGenerate = (kind) => {
  if (kind === 'user_code') return createUserCode();
  return kind === 'device_code' ? createDeviceCode() : createOpaqueToken();
};
