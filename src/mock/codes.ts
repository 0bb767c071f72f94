/**
 * Generation of the secrets and codes the mock hands out: device codes, user codes and tokens.
 * All come from `node:crypto`, never from the injectable `random` (which only drives faults).
 */

import { randomBytes, randomInt } from 'node:crypto';

/**
 * Characters of a user code: consonants and digits a person cannot confuse when reading them off a
 * TV screen and typing them on a phone: no vowels (so no words form, RFC 8628 §6.1) and none of
 * 0, O, 1, I, L or 8 (read as B). 26 symbols, so an 8-character code carries about 37.6 bits.
 */
export const USER_CODE_ALPHABET = 'BCDFGHJKMNPQRSTVWXZ2345679';

/** Length of a user code (Trakt's are 8 characters). */
export const USER_CODE_LENGTH = 8;

/** A new device code: 32 random bytes as 64 lowercase hex characters (like Trakt's). Secret. */
export function createDeviceCode(): string {
  return randomBytes(32).toString('hex');
}

/** A new opaque bearer or refresh token: 32 random bytes as 64 lowercase hex characters. Secret. */
export function createOpaqueToken(): string {
  return randomBytes(32).toString('hex');
}

/** A new user code of {@link USER_CODE_LENGTH} characters drawn uniformly from {@link USER_CODE_ALPHABET}. */
export function createUserCode(): string {
  let code = '';
  for (let i = 0; i < USER_CODE_LENGTH; i += 1) code += USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)];
  return code;
}

/**
 * The canonical form of a user code as a person typed it: upper case, without spaces, dashes or
 * other separators (`"bcdf-ghjk "` → `"BCDFGHJK"`).
 */
export function normalizeUserCode(input: string): string {
  return input.toUpperCase().replace(/[^A-Z0-9]/g, '');
}
